import { bigintAsNumber } from './column-types';

describe('the bigint column transformer', () => {
  it('turns the strings drivers return for BIGINT into numbers, negative ones included', () => {
    expect(bigintAsNumber.from('-1001234567890')).toBe(-1001234567890);
    expect(bigintAsNumber.from('4503599627370495')).toBe(2 ** 52 - 1);
  });

  it('leaves a missing value missing', () => {
    expect(bigintAsNumber.from(null)).toBeNull();
    expect(bigintAsNumber.from(undefined)).toBeUndefined();
  });
});
