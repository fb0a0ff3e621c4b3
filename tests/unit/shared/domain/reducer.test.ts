import { describe, expect, it } from 'vitest';
import {
  apply,
  applyEvents,
  EMPTY_STATE,
  reduceIncident,
} from '../../../../shared/domain/reducer.ts';
import type { IncidentEvent, Status } from '../../../../shared/domain/types.ts';
import { makeLog } from '../../../support/fixtures.ts';

const T0 = '2026-11-27T01:00:00.000Z';
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();

describe('reducer', () => {
  // Each row: a path of status changes (minute, status) and what the incident looks like after.
  const paths: [
    string,
    [number, Status][],
    Partial<Record<'status' | 'firstResponseAt' | 'resolvedAt' | 'endedAt', string | null>>,
  ][] = [
    [
      'just reported',
      [],
      { status: 'received', firstResponseAt: null, resolvedAt: null, endedAt: null },
    ],
    ['verified', [[5, 'verified']], { status: 'verified', firstResponseAt: at(5), endedAt: null }],
    [
      'dispatched straight away',
      [[3, 'dispatched']],
      { status: 'dispatched', firstResponseAt: at(3) },
    ],
    [
      'resolved',
      [
        [5, 'verified'],
        [10, 'dispatched'],
        [30, 'in_progress'],
        [90, 'resolved'],
      ],
      { status: 'resolved', firstResponseAt: at(5), resolvedAt: at(90), endedAt: at(90) },
    ],
    [
      'closed keeps the resolution time',
      [
        [5, 'verified'],
        [10, 'dispatched'],
        [90, 'resolved'],
        [200, 'closed'],
      ],
      { status: 'closed', resolvedAt: at(90), endedAt: at(90) },
    ],
    [
      'reopened clears resolution',
      [
        [5, 'verified'],
        [10, 'dispatched'],
        [90, 'resolved'],
        [100, 'in_progress'],
      ],
      { status: 'in_progress', firstResponseAt: at(5), resolvedAt: null, endedAt: null },
    ],
    [
      'rejected ends it and counts as a response',
      [[7, 'rejected']],
      { status: 'rejected', firstResponseAt: at(7), resolvedAt: null, endedAt: at(7) },
    ],
    ['duplicate', [[2, 'duplicate']], { status: 'duplicate', endedAt: at(2) }],
  ];

  it.each(paths)('%s', (_name, steps, expected) => {
    const log = makeLog();
    log.report('a', T0);
    for (const [min, status] of steps) log.update('a', at(min), { status });
    expect(log.state.incidents.get('a')).toMatchObject(expected);
    expect(log.state.incidents.get('a')?.lastSeq).toBe(log.state.seq);
  });

  it('counts notes wherever they are attached, and tracks agency and severity', () => {
    const log = makeLog();
    log.report('a', T0);
    log.update('a', at(1), { note: 'cek' });
    log.update('a', at(2), { agency: 'kelurahan', note: 'bukan jalan nasional' });
    log.update('a', at(3), { severity: 'critical' });
    expect(log.state.incidents.get('a')).toMatchObject({
      notes: 2,
      agency: 'kelurahan',
      severity: 'critical',
    });
  });

  it('the pure form leaves its input untouched and equals the in-place form', () => {
    const log = makeLog();
    log.report('a', T0);
    log.report('b', at(1), { category: 'fire' });
    log.update('a', at(2), { status: 'verified' });
    const mid = applyEvents(EMPTY_STATE, log.events.slice(0, 2));
    const end = apply(mid, log.events[2]!);
    expect(mid.seq).toBe(2);
    expect(mid.incidents.get('a')?.status).toBe('received');
    expect(end.incidents).toEqual(log.state.incidents);
    expect(EMPTY_STATE.incidents.size).toBe(0);
  });

  it('skips events at or below its seq, so a replayed batch changes nothing', () => {
    const log = makeLog();
    log.report('a', T0);
    log.update('a', at(2), { status: 'verified' });
    const once = applyEvents(EMPTY_STATE, log.events);
    expect(applyEvents(once, log.events)).toEqual(once);
  });

  it('refuses an event on an unknown incident', () => {
    const log = makeLog();
    log.report('a', T0);
    log.update('a', at(2), { status: 'verified' });
    expect(() => reduceIncident(undefined, log.events[1] as IncidentEvent)).toThrow(
      /unknown incident/,
    );
  });
});
