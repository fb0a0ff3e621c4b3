/**
 * The fact table's id index: every id added is found at its row, across the table's
 * growth and rehashing, and an id never added is not found.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../../../server/briefing/id-index.ts';

describe('IdIndex', () => {
  it('finds each of 20,000 ids at the row it was given, through growth', () => {
    const index = new IdIndex();
    const ids = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? randomUUID() : `bench-1-${i}`));
    expect(ids.map((id) => index.add(id))).toEqual(ids.map((_, row) => row));
    expect(index.size).toBe(ids.length);
    const wrong = ids.filter((id, row) => index.get(id) !== row);
    expect(wrong).toEqual([]);
  });

  it.each([
    ['an id never added', 'bench-1-20000'],
    ['a prefix of an id', 'bench-1-1'],
    ['an id with one more character', 'bench-1-100'],
    ['the empty string', ''],
  ])('does not find %s', (_name, id) => {
    const index = new IdIndex();
    for (const known of ['bench-1-10', 'bench-1-11', 'bench-1-1x']) index.add(known);
    expect(index.get(id)).toBe(-1);
  });

  it('keeps ids past Latin-1 apart from their look-alikes', () => {
    const index = new IdIndex();
    index.add('laporan-\u0100');
    index.add('laporan-\u0000');
    index.add('laporan-é');
    expect([
      index.get('laporan-\u0100'),
      index.get('laporan-\u0000'),
      index.get('laporan-é'),
    ]).toEqual([0, 1, 2]);
    expect(index.get('laporan-\u0101')).toBe(-1);
  });

  it('goes on adding and finding after spare capacity is trimmed', () => {
    const index = new IdIndex();
    for (let i = 0; i < 3000; i++) index.add(`a-${i}`);
    const before = index.byteLength();
    index.trim();
    expect(index.byteLength()).toBeLessThan(before);
    for (let i = 3000; i < 6000; i++) index.add(`a-${i}`);
    expect([
      index.get('a-0'),
      index.get('a-2999'),
      index.get('a-3000'),
      index.get('a-5999'),
    ]).toEqual([0, 2999, 3000, 5999]);
  });
});
