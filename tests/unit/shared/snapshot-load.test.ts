/** A screen's copy takes a snapshot: the picture, then the tail, exactly as the log says. */
import { describe, expect, it } from 'vitest';
import { applyEvents, EMPTY_STATE, ownedProjection } from '../../../shared/domain/reducer.ts';
import { loadSnapshot } from '../../../shared/snapshot-load.ts';
import { makeLog } from '../../support/fixtures.ts';
import { encodedSnapshot } from '../../support/snapshots.ts';

const at = (min: number) =>
  new Date(Date.parse('2026-12-01T03:00:00.000Z') + min * 60_000).toISOString();

function history() {
  const log = makeLog();
  log.report('a', at(0));
  log.report('b', at(1));
  log.update('a', at(2), { status: 'verified' }); // 3
  log.report('c', at(3)); // 4
  log.update('b', at(4), { status: 'dispatched' }); // 5
  return log.events;
}
const EVENTS = history();
const upTo = (seq: number) => [
  ...applyEvents(EMPTY_STATE, EVENTS.slice(0, seq)).incidents.values(),
];

describe('loading a snapshot', () => {
  it('applies the tail after the picture and ends at the snapshot seq', () => {
    const state = ownedProjection(9, upTo(1)); // something older, to be replaced
    loadSnapshot(
      state,
      encodedSnapshot({ seq: 5, serverTime: at(9), incidents: upTo(2), tail: EVENTS.slice(2) }),
    );
    expect(state.seq).toBe(5);
    expect([...state.incidents.values()]).toStrictEqual(upTo(5));
  });

  it('counts the seq of a tail event about an incident outside the picture', () => {
    const state = ownedProjection();
    const withoutB = upTo(4).filter((i) => i.id !== 'b');
    loadSnapshot(
      state,
      encodedSnapshot({ seq: 5, serverTime: at(9), incidents: withoutB, tail: EVENTS.slice(4) }),
    );
    expect(state.seq).toBe(5);
    expect(state.incidents.has('b')).toBe(false);
  });

  it('stops at a tail that does not follow on, leaving the seq where the events end', () => {
    const state = ownedProjection();
    const snap = encodedSnapshot({
      seq: 5,
      serverTime: at(9),
      incidents: upTo(2),
      tail: EVENTS.slice(2),
    });
    loadSnapshot(state, { ...snap, tail: [EVENTS[2]!, EVENTS[4]!] });
    expect(state.seq).toBe(3);
    expect(state.incidents.get('b')?.status).toBe('received');
  });

  it('leaves the copy as it was when the picture does not decode', () => {
    const state = ownedProjection(2, upTo(2));
    const snap = encodedSnapshot({ seq: 5, serverTime: at(9), incidents: upTo(5) });
    expect(() => loadSnapshot(state, { ...snap, incidents: new Uint8Array([1, 2, 3]) })).toThrow();
    expect(state.seq).toBe(2);
    expect([...state.incidents.values()]).toStrictEqual(upTo(2));
  });
});
