import { createDataSource, parseDatabaseUrl } from './data-source';

describe('DATABASE_URL', () => {
  it.each([
    ['postgres://u:p@db:5432/taskbot', 'postgres'],
    ['postgresql://u@db/taskbot', 'postgres'],
    ['mysql://root@127.0.0.1:3306/test', 'mysql'],
    ['mariadb://root@127.0.0.1/test', 'mariadb'],
  ])('%s selects the %s driver family', (url, family) => {
    expect(parseDatabaseUrl(url).family).toBe(family);
  });

  it('yields the decoded credentials, host, port and database', () => {
    expect(parseDatabaseUrl('postgres://bot%40x:p%3Ass@db.internal:6543/task%20bot')).toEqual({
      family: 'postgres',
      host: 'db.internal',
      port: 6543,
      username: 'bot@x',
      password: 'p:ss',
      database: 'task bot',
    });
  });

  it.each([
    ['sqlite:///tmp/x.db', /DATABASE_URL has the unsupported scheme "sqlite:"/],
    ['not a url', /DATABASE_URL is not a valid URL/],
    ['postgres://db', /DATABASE_URL must name a host and a database/],
    ['postgres://db/x?sslmode=require', /DATABASE_URL query parameters are not supported/],
  ])('%s is refused with an error naming DATABASE_URL', (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(message);
  });

  it('never repeats the password in an error', () => {
    expect(() => parseDatabaseUrl('oracle://user:s3cret@db/x')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });
});

describe('createDataSource', () => {
  it('configures MySQL for utf8mb4 and UTC, and never synchronizes', () => {
    const options = createDataSource('mysql://root@127.0.0.1:3306/test', { poolSize: 3 }).options;

    expect(options).toMatchObject({
      type: 'mysql',
      charset: 'utf8mb4',
      timezone: 'Z',
      synchronize: false,
      migrationsRun: false,
      poolSize: 3,
    });
  });

  it('registers entities and migrations as classes, so it works from sources and from dist', () => {
    const options = createDataSource('postgres://postgres@127.0.0.1/test', { migrationsRun: true }).options;

    expect(options).toMatchObject({ type: 'postgres', synchronize: false, migrationsRun: true });
    for (const item of [...(options.entities as unknown[]), ...(options.migrations as unknown[])]) {
      expect(typeof item).toBe('function');
    }
  });
});
