import { ConfigError, loadConfig } from '@taskbot/config/load-config';
import { opsConfigSchema } from './config';

describe('the ops app configuration', () => {
  it('runs with no settings at all, beside a local gateway', () => {
    const config = loadConfig(opsConfigSchema, {});
    expect(config).toMatchObject({
      HEALTH_PORT: 8083,
      OPS_SAMPLE_INTERVAL_MS: 5_000,
      OPS_GATEWAY_ADMIN_URL: 'http://127.0.0.1:9090',
      RETRY_DELAYS_MS: [5_000, 30_000],
    });
    expect(config.ADMIN_TOKEN).toBeUndefined();
  });

  it('refuses a bad setting with one line naming the variable', () => {
    const load = (env: Record<string, string>) => () => loadConfig(opsConfigSchema, env);
    expect(load({ OPS_SAMPLE_INTERVAL_MS: '10' })).toThrow(ConfigError);
    expect(load({ OPS_SAMPLE_INTERVAL_MS: '10' })).toThrow(/^Invalid configuration: OPS_SAMPLE_INTERVAL_MS /);
    expect(load({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN must be 16 to 256 printable characters/);
    expect(load({ OPS_GATEWAY_ADMIN_URL: 'gateway:9090' })).toThrow(
      /OPS_GATEWAY_ADMIN_URL must be an http\(s\) URL/,
    );
  });

  it('keeps the token out of the gateway address', () => {
    expect(() =>
      loadConfig(opsConfigSchema, { OPS_GATEWAY_ADMIN_URL: 'http://x:secret-token@gateway:9090' }),
    ).toThrow(/OPS_GATEWAY_ADMIN_URL must be only scheme, host and port/);
    expect(() =>
      loadConfig(opsConfigSchema, { OPS_GATEWAY_ADMIN_URL: 'http://gateway:9090/metrics' }),
    ).toThrow(/OPS_GATEWAY_ADMIN_URL must be only scheme, host and port/);
    expect(
      loadConfig(opsConfigSchema, { OPS_GATEWAY_ADMIN_URL: 'http://gateway:9090/' }).OPS_GATEWAY_ADMIN_URL,
    ).toBe('http://gateway:9090/');
  });
});
