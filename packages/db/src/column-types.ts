import type { ValueTransformer } from 'typeorm';

/**
 * Telegram ids are 52-bit at most, so they fit a JS number exactly; both `pg` and `mysql2` (as TypeORM
 * configures it) hand BIGINT back as strings, so every bigint column goes through this transformer.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/** The database families this package supports, as named by TypeORM's `type` option. */
export type DatabaseFamily = 'postgres' | 'mysql' | 'mariadb';

/**
 * Entities declare instants as the portable `timestamp` type, and the data source swaps in the type that
 * holds an instant without depending on any process's local time zone: PostgreSQL's `timestamp` (without
 * time zone) would store the Node process's local wall time, so it gets `timestamptz`; MySQL's
 * `timestamp` ends in 2038 and converts through the session time zone, so it gets `datetime`, written
 * and read as UTC (the connection uses timezone 'Z' and a UTC session).
 */
export function instantColumnType(family: DatabaseFamily): 'timestamptz' | 'datetime' {
  return family === 'postgres' ? 'timestamptz' : 'datetime';
}

/** Fractional-second digits kept for instants; 6 is PostgreSQL's default and TypeORM's on MySQL. */
export const INSTANT_PRECISION = 6;
