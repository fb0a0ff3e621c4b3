import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from '../../../../server/log/store-errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED'), true],
    ['a reset connection', withCode('ECONNRESET'), true],
    ['PostgreSQL shutting down (57P01)', withCode('57P01'), true],
    ['PostgreSQL starting up (57P03)', withCode('57P03'), true],
    ['a connection exception (08006)', withCode('08006'), true],
    ['too many connections (53300)', withCode('53300'), true],
    ['SQLite busy past its timeout', withCode('SQLITE_BUSY'), true],
    ['a connection ended mid-query', new Error('Connection terminated unexpectedly'), true],
    [
      'a pool that cannot connect in time',
      new Error('timeout exceeded when trying to connect'),
      true,
    ],
    [
      'a pooled client queried after its connection broke (pg, no code)',
      new Error('Client has encountered a connection error and is not queryable'),
      true,
    ],
    [
      'a client queried after it was closed',
      new Error('Client was closed and is not queryable'),
      true,
    ],
    ['wrapped in a cause', new Error('append failed', { cause: withCode('ECONNREFUSED') }), true],
    ['a unique violation (23505)', withCode('23505'), false],
    ['a syntax error (42601)', withCode('42601'), false],
    ['a bug', new TypeError('undefined is not a function'), false],
    ['not an error', 'ECONNREFUSED', false],
    ['nothing', undefined, false],
  ])('%s → %s', (_what, err, unavailable) => {
    expect(isStoreUnavailable(err)).toBe(unavailable);
  });
});
