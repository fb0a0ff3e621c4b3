/**
 * Readiness: ready only when every check passes; otherwise each check is named with its
 * state, and a store that does not answer times out instead of holding the probe.
 */
import { describe, expect, it } from 'vitest';
import { readiness, type ReadyChecks } from '../../../../server/http/health.routes.ts';

const never = () => new Promise<boolean>(() => undefined);
const fails = (): never => {
  throw new Error('down');
};

describe('readiness', () => {
  it.each<[string, ReadyChecks, boolean, Record<string, string>]>([
    [
      'all pass',
      { store: async () => true, caughtUp: () => true },
      true,
      { store: 'ok', caughtUp: 'ok' },
    ],
    [
      'all pass, with redis',
      { store: async () => true, redis: () => true, caughtUp: () => true },
      true,
      { store: 'ok', redis: 'ok', caughtUp: 'ok' },
    ],
    [
      'store says no',
      { store: async () => false, caughtUp: () => true },
      false,
      { store: 'failing', caughtUp: 'ok' },
    ],
    [
      'store rejects',
      { store: () => Promise.reject(new Error('ECONNREFUSED')), caughtUp: () => true },
      false,
      { store: 'failing', caughtUp: 'ok' },
    ],
    [
      'store never answers',
      { store: never, caughtUp: () => true },
      false,
      { store: 'timed out', caughtUp: 'ok' },
    ],
    [
      'redis down',
      { store: async () => true, redis: () => false, caughtUp: () => true },
      false,
      { store: 'ok', redis: 'failing', caughtUp: 'ok' },
    ],
    [
      'behind the log',
      { store: async () => true, caughtUp: () => false },
      false,
      { store: 'ok', caughtUp: 'failing' },
    ],
    [
      'a check that throws',
      { store: async () => true, redis: fails, caughtUp: fails },
      false,
      { store: 'ok', redis: 'failing', caughtUp: 'failing' },
    ],
  ])('%s', async (_what, checks, ready, states) => {
    expect(await readiness(checks, 50)).toEqual({ ready, checks: states });
  });
});
