import { loadConfig } from '@taskbot/config/load-config';
import { workerConfigSchema } from './config';

const required = {
  TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789',
  DATABASE_URL: 'postgres://u@h/db',
};

describe("the workers' configuration", () => {
  it('caps /export files under Telegram’s 50 MB unless told otherwise', () => {
    expect(loadConfig(workerConfigSchema, required).EXPORT_MAX_FILE_BYTES).toBe(45_000_000);
    expect(
      loadConfig(workerConfigSchema, { ...required, EXPORT_MAX_FILE_BYTES: '2048' }).EXPORT_MAX_FILE_BYTES,
    ).toBe(2048);
  });

  it('refuses an /export limit Telegram would not take, or one too small to hold a file, naming it', () => {
    expect(() => loadConfig(workerConfigSchema, { ...required, EXPORT_MAX_FILE_BYTES: '50000001' })).toThrow(
      'EXPORT_MAX_FILE_BYTES must be at most 50000000 bytes (Telegram takes files of up to 50 MB from a bot)',
    );
    expect(() => loadConfig(workerConfigSchema, { ...required, EXPORT_MAX_FILE_BYTES: '100' })).toThrow(
      'EXPORT_MAX_FILE_BYTES must be at least 1024 bytes',
    );
    expect(() => loadConfig(workerConfigSchema, { ...required, EXPORT_MAX_FILE_BYTES: '45MB' })).toThrow(
      /EXPORT_MAX_FILE_BYTES/,
    );
  });
});
