import { isConnectionError, isConnectionErrorCode } from './connection-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it.each([
    ['a refused TCP connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    [
      'MySQL losing its connection',
      withCode('Connection lost: The server closed the connection.', 'PROTOCOL_CONNECTION_LOST'),
    ],
    ['PostgreSQL shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['MariaDB with too many connections', withCode('Too many connections', 'ER_CON_COUNT_ERROR')],
    [
      'ioredis without a connection',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    ],
    [
      'a cause further down',
      new Error('query failed', { cause: withCode('connect ETIMEDOUT', 'ETIMEDOUT') }),
    ],
  ])('recognises %s', (_what, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a Telegram refusal', Object.assign(new Error('400: Bad Request: chat not found'), { code: 400 })],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['something that is not an error', 'ECONNREFUSED'],
  ])('does not take %s for one', (_what, error) => {
    expect(isConnectionError(error)).toBe(false);
  });

  it('tells a server on its way up from a wrong setting by code alone', () => {
    expect(isConnectionErrorCode('57P03')).toBe(true);
    expect(isConnectionErrorCode('28P01')).toBe(false);
  });
});
