import { secretMatcher } from './webhook-secret';

describe('secretMatcher', () => {
  const matches = secretMatcher('c0ffee-5ecret_for-the-webhook-tests-42');

  it('accepts exactly the configured secret', () => {
    expect(matches('c0ffee-5ecret_for-the-webhook-tests-42')).toBe(true);
    expect(matches('c0ffee-5ecret_for-the-webhook-tests-42')).toBe(true);
  });

  it('refuses a missing, empty, shorter, longer or different secret', () => {
    expect(matches(undefined)).toBe(false);
    expect(matches('')).toBe(false);
    expect(matches('c0ffee-5ecret_for-the-webhook-tests-4')).toBe(false);
    expect(matches('c0ffee-5ecret_for-the-webhook-tests-422')).toBe(false);
    expect(matches('C0ffee-5ecret_for-the-webhook-tests-42')).toBe(false);
  });
});
