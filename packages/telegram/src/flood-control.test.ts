import { checkFloodLimits, DEFAULT_FLOOD_LIMITS } from './flood-control';

describe('flood limits', () => {
  it("default to Telegram's figures", () => {
    expect(checkFloodLimits(DEFAULT_FLOOD_LIMITS)).toEqual({
      chatPerSecond: 1,
      groupPerMinute: 20,
      globalPerSecond: 30,
      maxWaitMs: 30_000,
    });
  });

  it('refuse rates that are not whole numbers of messages, naming the limit', () => {
    expect(() => checkFloodLimits({ ...DEFAULT_FLOOD_LIMITS, chatPerSecond: 0 })).toThrow(
      'flood limit chatPerSecond must be a whole number of messages >= 1, got 0',
    );
    expect(() => checkFloodLimits({ ...DEFAULT_FLOOD_LIMITS, groupPerMinute: 2.5 })).toThrow(
      'groupPerMinute',
    );
    expect(() => checkFloodLimits({ ...DEFAULT_FLOOD_LIMITS, globalPerSecond: Number.NaN })).toThrow(
      'globalPerSecond',
    );
  });

  it('refuse a negative or missing wait bound', () => {
    expect(() => checkFloodLimits({ ...DEFAULT_FLOOD_LIMITS, maxWaitMs: -1 })).toThrow('maxWaitMs');
    expect(() => checkFloodLimits({ ...DEFAULT_FLOOD_LIMITS, maxWaitMs: Number.NaN })).toThrow('maxWaitMs');
  });
});
