import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { databaseEnv, rabbitEnv, telegramEnv } from './env';
import { ConfigError, loadConfig, readEnv } from './load-config';

const schema = z.object({ ...telegramEnv, ...databaseEnv, ...rabbitEnv });
const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789';

describe('loading configuration', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, {
      TELEGRAM_BOT_TOKEN: token,
      DATABASE_URL: 'postgres://u@h/db',
      DATABASE_POOL_SIZE: '4',
    });
    expect(config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(config.RABBITMQ_URL).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(config.DATABASE_POOL_SIZE).toBe(4);
  });

  it('names a missing variable in one line', () => {
    expect(() => loadConfig(schema, { TELEGRAM_BOT_TOKEN: token })).toThrow(
      new ConfigError('Invalid configuration: DATABASE_URL is required'),
    );
  });

  it('treats an empty value as missing', () => {
    expect(() => loadConfig(schema, { TELEGRAM_BOT_TOKEN: token, DATABASE_URL: '' })).toThrow(
      /DATABASE_URL is required/,
    );
  });

  it('explains a bad value and lists every problem at once', () => {
    let message = '';
    try {
      loadConfig(schema, {
        TELEGRAM_BOT_TOKEN: 'nope',
        DATABASE_URL: 'sqlite://x',
        DATABASE_POOL_SIZE: 'lots',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('TELEGRAM_BOT_TOKEN must be the token BotFather gave');
    expect(message).toContain('DATABASE_URL must be a URL like postgres://');
    expect(message).toContain('DATABASE_POOL_SIZE');
    expect(message).not.toContain('nope');
  });

  it('reads .env under the real environment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'));
    fs.writeFileSync(path.join(dir, '.env'), 'DATABASE_URL=mysql://root@db/x\nLOG_LEVEL=debug\n');
    const env = readEnv({ LOG_LEVEL: 'warn' }, dir);
    expect(env.DATABASE_URL).toBe('mysql://root@db/x');
    expect(env.LOG_LEVEL).toBe('warn');
  });
});
