import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@taskbot/config/load-config';
import { gatewayConfigSchema } from './config';
import { weakSecretReason } from './webhook-secret';

const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789';
const STRONG = 'f3a9c1e07b5d42e8a6c0d9b1e2f47a35c8d6e0b9';

const load = (env: Record<string, string>) =>
  loadConfig(gatewayConfigSchema, { TELEGRAM_BOT_TOKEN: TOKEN, ...env });

function problemOf(env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('configuration was accepted');
}

describe('the webhook secret in webhook mode', () => {
  it('accepts a random secret and never repeats it in an error', () => {
    expect(load({ TELEGRAM_WEBHOOK_SECRET: STRONG }).TELEGRAM_WEBHOOK_SECRET).toBe(STRONG);
    expect(problemOf({ TELEGRAM_WEBHOOK_SECRET: 'short-secret' })).not.toContain('short-secret');
  });

  it.each([
    ['missing', undefined, 'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook'],
    [
      'shorter than 32 characters',
      'Ab3_dE6-gH9jK2mN5pQ8',
      'TELEGRAM_WEBHOOK_SECRET must be at least 32 characters',
    ],
    ['one character repeated', 'a'.repeat(64), 'TELEGRAM_WEBHOOK_SECRET is too repetitive'],
    ['a short piece repeated', 'abc123XYZ_'.repeat(4), 'TELEGRAM_WEBHOOK_SECRET is too repetitive'],
    ['few different characters', `${'ab12'.repeat(7)}ba21ab12`, 'TELEGRAM_WEBHOOK_SECRET is too repetitive'],
    ['outside Telegram’s alphabet', `${STRONG}!`, 'TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters'],
    [
      'longer than Telegram allows',
      `${STRONG}${'x1Y2z3'.repeat(40)}`,
      'TELEGRAM_WEBHOOK_SECRET must be 1 to 256',
    ],
  ])('refuses a secret %s, naming the variable', (_case, secret, message) => {
    const problem = problemOf(secret === undefined ? {} : { TELEGRAM_WEBHOOK_SECRET: secret });
    expect(problem).toContain(message);
    expect(problem.split('\n')).toHaveLength(1);
  });

  it('does not ask polling mode for a secret', () => {
    expect(load({ TELEGRAM_MODE: 'polling' }).TELEGRAM_WEBHOOK_SECRET).toBeUndefined();
  });

  it('passes every secret openssl rand -hex 16 could make in a thousand tries', () => {
    for (let i = 0; i < 1000; i += 1)
      expect(weakSecretReason(randomBytes(16).toString('hex'))).toBeUndefined();
  });
});

describe('TRUST_PROXY', () => {
  const trust = (value: string) => load({ TELEGRAM_WEBHOOK_SECRET: STRONG, TRUST_PROXY: value }).TRUST_PROXY;

  it('trusts no proxy unless told', () => {
    expect(load({ TELEGRAM_WEBHOOK_SECRET: STRONG }).TRUST_PROXY).toBe(false);
  });

  it('takes true, false, a hop count, or addresses and subnets', () => {
    expect(trust('true')).toBe(true);
    expect(trust('FALSE')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('loopback, 10.0.0.0/8,fd00::/8, 192.168.1.7')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.7',
    ]);
  });

  it('treats an empty value as unset', () => {
    expect(trust('')).toBe(false);
  });

  it.each(['0.0.0.0/0', '::/0', 'loopback,::/00'])('refuses %j, which trusts every address', (value) => {
    expect(problemOf({ TELEGRAM_WEBHOOK_SECRET: STRONG, TRUST_PROXY: value })).toContain(
      'TRUST_PROXY must not trust every address',
    );
  });

  it.each(['yes', '10.0.0.0/33', '10.0.0/8', 'ingress.local', '1.2.3.4/8/9'])(
    'refuses %j, naming the variable',
    (value) => {
      expect(problemOf({ TELEGRAM_WEBHOOK_SECRET: STRONG, TRUST_PROXY: value })).toContain(
        'TRUST_PROXY must be',
      );
    },
  );
});
