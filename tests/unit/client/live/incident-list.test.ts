/**
 * The store's stable incident array and its row log: which rows a reader must redo since
 * the revision it last drew, and when it must redo them all.
 */
import { describe, expect, it } from 'vitest';
import { IncidentList, rowChangesOf } from '../../../../client/live/incident-list.ts';
import type { Incident } from '../../../../shared/domain/types.ts';

const inc = (id: string, status = 'received') => ({ id, status }) as unknown as Incident;
const sorted = (rows: number[] | null) => (rows === null ? null : [...new Set(rows)].sort());

function listOf(...ids: string[]): IncidentList {
  const list = new IncidentList();
  list.reset(ids.map((id) => inc(id)));
  return list;
}

describe('IncidentList row log', () => {
  it('finds the list behind its own array, and nothing behind another', () => {
    const list = listOf('a');
    expect(rowChangesOf(list.items)).toBe(list);
    expect(rowChangesOf([...list.items])).toBeUndefined();
  });

  it('names the rows an update and an append touched since a revision', () => {
    const list = listOf('a', 'b', 'c');
    const drawn = list.revision;
    list.upsert(inc('b', 'verified'));
    list.upsert(inc('d'));
    expect(sorted(list.changedSince(drawn))).toEqual([1, 3]);
    expect(list.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(list.changedSince(list.revision)).toEqual([]);
  });

  it('names the row a removal moved the last item into, and moves the revision for a tail removal', () => {
    const list = listOf('a', 'b', 'c');
    const drawn = list.revision;
    list.remove('a');
    expect(list.items.map((i) => i.id)).toEqual(['c', 'b']);
    expect(list.changedSince(drawn)).toEqual([0]);
    const before = list.revision;
    list.remove('b');
    expect(list.revision).toBeGreaterThan(before);
    expect(list.changedSince(before)).toEqual([]);
  });

  it('answers only with the changes after the given revision', () => {
    const list = listOf('a', 'b', 'c');
    list.upsert(inc('a', 'verified'));
    const drawn = list.revision;
    list.upsert(inc('c', 'verified'));
    expect(list.changedSince(drawn)).toEqual([2]);
  });

  it('cannot say what changed across a reset: the reader redoes every row', () => {
    const list = listOf('a', 'b');
    const drawn = list.revision;
    list.reset([inc('x'), inc('y'), inc('z')]);
    expect(list.changedSince(drawn)).toBeNull();
    expect(list.changedSince(list.revision)).toEqual([]);
  });

  it('drops the oldest half of a long log, and a reader older than that redoes every row', () => {
    const list = listOf('a');
    const old = list.revision;
    for (let i = 0; i <= 200_000; i++) list.upsert(inc('a', i % 2 ? 'verified' : 'received'));
    expect(list.changedSince(old)).toBeNull();
    const recent = list.revision - 5;
    expect(list.changedSince(recent)).toEqual([0, 0, 0, 0, 0]);
  });
});
