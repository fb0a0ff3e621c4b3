/** The in-memory tail of the log that joining screens are given after their picture. */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../../shared/domain/types.ts';
import { RecentEvents } from '../../../../server/stream/recent-events.ts';

const ev = (seq: number) => ({ seq, type: 'incident.noted' }) as unknown as DomainEvent;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ev(from + i));
const seqs = (events: DomainEvent[] | null) => events?.map((e) => e.seq) ?? null;

describe('recent events', () => {
  const held = () => {
    const r = new RecentEvents(5);
    r.push(range(11, 14));
    r.push(range(15, 18)); // holds 14..18
    return r;
  };
  it.each([
    ['nothing after the head', 18, 18, []],
    ['the last three', 15, 18, [16, 17, 18]],
    ['all it holds', 13, 18, [14, 15, 16, 17, 18]],
    ['a middle stretch', 14, 16, [15, 16]],
    ['one it no longer holds', 12, 18, null],
    ['beyond the head', 16, 19, null],
  ] as const)('%s', (_name, after, to, expected) => {
    expect(seqs(held().between(after, to))).toEqual(expected);
  });

  it('starts again after a jump in seq instead of handing out a hole', () => {
    const r = new RecentEvents(10);
    r.push(range(1, 3));
    r.push(range(7, 8));
    expect(r.between(2, 8)).toBeNull();
    expect(seqs(r.between(6, 8))).toEqual([7, 8]);
  });

  it('has nothing to give before its first event', () => {
    expect(new RecentEvents(4).between(0, 1)).toBeNull();
    expect(new RecentEvents(4).between(3, 3)).toEqual([]);
  });
});
