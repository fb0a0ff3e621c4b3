/**
 * The live window, the one rule every live screen and the server share: an incident is
 * on screen while open, and for `windowHours` after it ended, the start inclusive.
 */
import { describe, expect, it } from 'vitest';
import {
  inLiveWindow,
  liveWindow,
  liveWindowStart,
} from '../../../../shared/domain/live-window.ts';
import { HOUR_MS, MINUTE_MS } from '../../../../shared/domain/time.ts';
import type { Incident, Status } from '../../../../shared/domain/types.ts';
import { makeLog } from '../../../support/fixtures.ts';

const NOW = new Date('2026-11-27T03:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

/** One real incident, given the status and end the rule looks at. */
const base = (() => {
  const log = makeLog();
  log.report('x', ago(30 * HOUR_MS));
  return log.state.incidents.get('x') as Incident;
})();
const incident = (id: string, status: Status, endedAt: string | null): Incident => ({
  ...base,
  id,
  status,
  endedAt,
});

describe('live window', () => {
  it.each([
    // name, status, ended (ms before now; null: not ended), window hours, in the window
    ['received, never ended', 'received', null, 24, true],
    ['in progress, window of one hour', 'in_progress', null, 1, true],
    ['reopened after an end long ago', 'dispatched', null, 24, true],
    ['resolved an hour ago', 'resolved', HOUR_MS, 24, true],
    ['closed exactly at the window start', 'closed', 24 * HOUR_MS, 24, true],
    ['rejected 1 ms before the window start', 'rejected', 24 * HOUR_MS + 1, 24, false],
    ['duplicate two days ago', 'duplicate', 48 * HOUR_MS, 24, false],
    ['resolved 30 min ago, window of zero hours', 'resolved', 30 * MINUTE_MS, 0, false],
    ['ended a little ahead of the clock (source skew)', 'resolved', -3 * MINUTE_MS, 24, true],
  ] as const)('%s: %s', (_name, status, endedMsAgo, hours, expected) => {
    const inc = incident('a', status, endedMsAgo === null ? null : ago(endedMsAgo));
    expect(inLiveWindow(inc, NOW, hours)).toBe(expected);
    expect(liveWindow([inc], NOW, hours)).toEqual(expected ? [inc] : []);
  });

  it('starts windowHours before now', () => {
    expect(liveWindowStart(NOW, 24).toISOString()).toBe(ago(24 * HOUR_MS));
    expect(liveWindowStart(NOW, 0).getTime()).toBe(NOW.getTime());
  });

  it('keeps the given order and leaves out exactly those outside the window', () => {
    const all = [
      incident('old', 'closed', ago(25 * HOUR_MS)),
      incident('open', 'verified', null),
      incident('recent', 'resolved', ago(2 * HOUR_MS)),
      incident('older', 'rejected', ago(72 * HOUR_MS)),
      incident('fresh', 'received', null),
    ];
    expect(liveWindow(all, NOW, 24).map((i) => i.id)).toEqual(['open', 'recent', 'fresh']);
    expect(liveWindow(new Map(all.map((i) => [i.id, i])).values(), NOW, 24)).toHaveLength(3);
  });
});
