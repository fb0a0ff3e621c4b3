/** The main kelurahan of an H3 cell: most reports wins, the lowest code on a tie. */
import { describe, expect, it } from 'vitest';
import { mainKelurahan, mainKelurahanByCell } from '../../../../shared/domain/cell-kelurahan.ts';
import { incident } from '../../../support/ops-fixtures.ts';

describe('main kelurahan of a cell', () => {
  it.each<[string, [string, number][], string | null]>([
    ['none without reports', [], null],
    ['the only one', [['31.71.01.1002', 1]], '31.71.01.1002'],
    [
      'the one with most reports',
      [
        ['31.71.01.1001', 1],
        ['31.71.01.1002', 3],
      ],
      '31.71.01.1002',
    ],
    [
      'the lowest code on a tie, whatever the order',
      [
        ['31.71.01.1003', 2],
        ['31.71.01.1001', 2],
        ['31.71.01.1002', 1],
      ],
      '31.71.01.1001',
    ],
  ])('%s', (_name, counts, expected) => {
    expect(mainKelurahan(new Map(counts))).toBe(expected);
  });

  it('names each cell by its own reports and leaves out cells without a kelurahan', () => {
    const places = mainKelurahanByCell([
      incident({ id: 'a1', h3: 'cell-a', kelurahanCode: '31.71.01.1002' }),
      incident({ id: 'a2', h3: 'cell-a', kelurahanCode: '31.71.01.1001' }),
      incident({ id: 'a3', h3: 'cell-a', kelurahanCode: '31.71.01.1002' }),
      incident({ id: 'b1', h3: 'cell-b', kelurahanCode: '31.72.01.1001' }),
      incident({ id: 'c1', h3: 'cell-c', kelurahanCode: null }),
    ]);
    expect(Object.fromEntries(places)).toEqual({
      'cell-a': '31.71.01.1002',
      'cell-b': '31.72.01.1001',
    });
  });
});
