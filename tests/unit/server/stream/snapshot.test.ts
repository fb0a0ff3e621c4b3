/**
 * Joining screens share one encoded picture per audience while it is current, and each
 * gets the events after it, so what they hold equals the server's projection at the head.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../shared/domain/access.ts';
import { audienceOf } from '../../../../server/stream/audiences.ts';
import { RecentEvents } from '../../../../server/stream/recent-events.ts';
import { createSnapshotSource } from '../../../../server/stream/snapshot.ts';
import { makeLog } from '../../../support/fixtures.ts';
import { incidentsOf } from '../../../support/snapshots.ts';

const T0 = Date.parse('2026-12-01T03:00:00.000Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
const FULL = { room: 'live:full', redactor: null };
const wall: Principal = {
  kind: 'token',
  id: 'w',
  name: 'Layar',
  role: 'display',
  agency: null,
  source: null,
};

function city(opts: { maxTailEvents?: number; maxAgeMs?: number; recent?: number } = {}) {
  const log = makeLog();
  const recent = new RecentEvents(opts.recent ?? 100);
  let now = T0 + 60 * 60_000;
  let n = 0;
  const report = (times = 1) => {
    for (let i = 0; i < times; i++)
      recent.push(log.report(`i${++n}`, at(n), { reporter: { name: 'Siti', phone: '+62811' } }));
  };
  report(3);
  const snapshots = createSnapshotSource({
    projection: () => log.state,
    recent,
    clock: () => new Date(now),
    windowHours: 24,
    maxTailEvents: opts.maxTailEvents ?? 10,
    maxAgeMs: opts.maxAgeMs ?? 60_000,
  });
  return { log, snapshots, report, later: (ms: number) => (now += ms) };
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe('snapshot source', () => {
  it('builds one picture for joiners at the same time, and gives them the same bytes', async () => {
    const { snapshots } = city();
    const [a, b] = await Promise.all([snapshots.snapshotFor(FULL), snapshots.snapshotFor(FULL)]);
    expect(snapshots.built).toBe(1);
    expect(a.incidents).toBe(b.incidents);
    expect(a).toMatchObject({ seq: 3, pictureSeq: 3, tail: [], count: 3 });
  });

  it('gives a later joiner the same picture plus the events since, ending at the head', async () => {
    const { log, snapshots, report } = city();
    const first = await snapshots.snapshotFor(FULL);
    report(4);
    const later = await snapshots.snapshotFor(FULL);
    expect(snapshots.built).toBe(1);
    expect(later.incidents).toBe(first.incidents);
    expect(later.tail.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect(later.seq).toBe(log.state.seq);
    expect(incidentsOf(later)).toStrictEqual([...log.state.incidents.values()]);
  });

  it('builds a new picture once more events than the limit follow the old one', async () => {
    const { snapshots, report } = city({ maxTailEvents: 2 });
    await snapshots.snapshotFor(FULL);
    report(3);
    const next = await snapshots.snapshotFor(FULL);
    expect(snapshots.built).toBe(2);
    expect(next).toMatchObject({ seq: 6, pictureSeq: 6, tail: [] });
  });

  it('builds a new picture once the old one is older than the limit', async () => {
    const { snapshots, later } = city({ maxAgeMs: 1000 });
    await snapshots.snapshotFor(FULL);
    later(1001);
    await snapshots.snapshotFor(FULL);
    expect(snapshots.built).toBe(2);
  });

  it('builds again when the events after the picture have left memory', async () => {
    const { log, snapshots, report } = city({ maxTailEvents: 1000, recent: 4 });
    await snapshots.snapshotFor(FULL);
    report(6);
    const next = await snapshots.snapshotFor(FULL);
    expect(snapshots.built).toBe(2);
    expect(incidentsOf(next)).toStrictEqual([...log.state.incidents.values()]);
  });

  it('redacts the picture and the tail for its audience, apart from the full one', async () => {
    const { snapshots, report } = city();
    const display = audienceOf(wall);
    await snapshots.snapshotFor(display);
    report(1);
    const [shown, full] = await Promise.all([
      snapshots.snapshotFor(display),
      snapshots.snapshotFor(FULL),
    ]);
    expect(snapshots.built).toBe(2);
    expect(ids(incidentsOf(shown))).toEqual(ids(incidentsOf(full)));
    expect(incidentsOf(shown).every((i) => i.reporter === null)).toBe(true);
    expect(incidentsOf(full).every((i) => i.reporter !== null)).toBe(true);
    expect(shown.tail).toHaveLength(1);
    expect(JSON.stringify(shown.tail)).not.toContain('+62811');
  });
});
