import { telegramEnv } from '@taskbot/config/env';
import { ConfigError } from '@taskbot/config/load-config';
import { SANDBOX_TOKEN } from '@taskbot/config/sandbox';
import { z } from 'zod';
import { EXAMPLE_TOKEN, planLaunch, sandboxServiceEnv, serviceLogEnv } from './launch-plan';

describe('what pnpm start runs', () => {
  it('runs the services against Telegram when a bot token is set', () => {
    expect(planLaunch({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' })).toEqual({
      mode: 'telegram',
    });
  });

  it('runs the sandbox on 127.0.0.1:8090 without a token, or with the placeholder of .env.example', () => {
    expect(planLaunch({})).toEqual({
      mode: 'sandbox',
      reason: 'TELEGRAM_BOT_TOKEN is not set',
      port: 8090,
      host: '127.0.0.1',
    });
    expect(planLaunch({ TELEGRAM_BOT_TOKEN: ' ' })).toMatchObject({ mode: 'sandbox', port: 8090 });
    expect(planLaunch({ TELEGRAM_BOT_TOKEN: EXAMPLE_TOKEN })).toMatchObject({
      mode: 'sandbox',
      reason: 'TELEGRAM_BOT_TOKEN is the placeholder from .env.example',
    });
  });

  it('serves the sandbox where SANDBOX_PORT and SANDBOX_HOST say, and refuses a port that is not one', () => {
    expect(planLaunch({ SANDBOX_PORT: '9000', SANDBOX_HOST: '0.0.0.0' })).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
    });
    expect(() => planLaunch({ SANDBOX_PORT: 'eighty' })).toThrow(
      new ConfigError('Invalid configuration: SANDBOX_PORT Invalid input: expected number, received NaN'),
    );
    expect(() => planLaunch({ SANDBOX_PORT: '70000' })).toThrow(/^Invalid configuration: SANDBOX_PORT /);
  });

  it('points every service at the sandbox, the gateway polling it', () => {
    expect(sandboxServiceEnv('http://127.0.0.1:8090')).toEqual({
      TELEGRAM_BOT_TOKEN: SANDBOX_TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8090',
      TELEGRAM_MODE: 'polling',
      TELEGRAM_WEBHOOK_URL: '',
    });
    expect(z.object(telegramEnv).parse(sandboxServiceEnv('http://127.0.0.1:8090'))).toMatchObject({
      TELEGRAM_BOT_TOKEN: SANDBOX_TOKEN,
    });
  });
});

describe("the services' log lines under pnpm start", () => {
  it('are readable lines when pnpm start runs in a terminal, and JSON otherwise', () => {
    expect(serviceLogEnv({}, true)).toEqual({ LOG_FORMAT: 'pretty' });
    expect(serviceLogEnv({ LOG_FORMAT: 'auto' }, true)).toEqual({ LOG_FORMAT: 'pretty' });
    expect(serviceLogEnv({}, false)).toEqual({});
  });

  it('follow LOG_FORMAT when it is set, in the environment or .env', () => {
    expect(serviceLogEnv({ LOG_FORMAT: 'json' }, true)).toEqual({ LOG_FORMAT: 'json' });
    expect(serviceLogEnv({ LOG_FORMAT: 'pretty' }, false)).toEqual({ LOG_FORMAT: 'pretty' });
  });
});
