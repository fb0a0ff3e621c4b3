/**
 * What the pins redo after a change: only the rows the store's list changed since the
 * layer last drew them, all of them when that cannot be told, and nothing otherwise.
 */
import { describe, expect, it } from 'vitest';
import { IncidentList } from '../../../../client/live/incident-list.ts';
import {
  dataChangeFor,
  IncrementalScatterLayer,
  MAX_UPDATE_RANGES,
} from '../../../../client/map/incremental-scatter.layer.ts';
import { pinsLayer } from '../../../../client/map/pins.layer.ts';
import type { Incident } from '../../../../shared/domain/types.ts';

const inc = (id: string, status = 'received') => ({ id, status }) as unknown as Incident;

function list(n: number): IncidentList {
  const l = new IncidentList();
  l.reset(Array.from({ length: n }, (_, i) => inc(`i${i}`)));
  return l;
}

describe('dataChangeFor', () => {
  it('redoes only the rows a batch changed, as ranges', () => {
    const l = list(100);
    const drawn = l.revision;
    l.upsert(inc('i10', 'verified'));
    l.upsert(inc('i11', 'verified'));
    l.upsert(inc('new'));
    const change = dataChangeFor({
      dataChanged: false,
      changes: l,
      drawnRevision: drawn,
      versionMoved: true,
    });
    expect(change).toEqual([
      { startRow: 10, endRow: 12 },
      { startRow: 100, endRow: 101 },
    ]);
  });

  it('redoes nothing when the list has not changed since it was drawn', () => {
    const l = list(10);
    expect(
      dataChangeFor({
        dataChanged: false,
        changes: l,
        drawnRevision: l.revision,
        versionMoved: true,
      }),
    ).toBe(false);
  });

  it('keeps a thousand scattered rows to a bounded number of ranges', () => {
    const l = list(100_000);
    const drawn = l.revision;
    for (let i = 0; i < 1000; i++) l.upsert(inc(`i${(i * 7919) % 100_000}`, 'verified'));
    const change = dataChangeFor({
      dataChanged: false,
      changes: l,
      drawnRevision: drawn,
      versionMoved: true,
    });
    expect(Array.isArray(change) && change.length).toBe(MAX_UPDATE_RANGES);
  });

  it.each([
    ['a new container (deck.gl said so)', 'A new data container was supplied', 'drawn', false],
    ['never drawn', false, undefined, false],
    ['replaced whole since it was drawn', false, 'before reset', false],
  ] as const)('redoes every row: %s', (_name, dataChanged, drawn, versionMoved) => {
    const l = list(10);
    const before = l.revision;
    if (drawn === 'before reset') l.reset([inc('x')]);
    const change = dataChangeFor({
      dataChanged,
      changes: l,
      drawnRevision: drawn === undefined ? undefined : drawn === 'drawn' ? l.revision : before,
      versionMoved,
    });
    expect(typeof change).toBe('string');
  });

  it('treats an array without a row log by its version', () => {
    const plain = { dataChanged: false, changes: undefined, drawnRevision: undefined } as const;
    expect(typeof dataChangeFor({ ...plain, versionMoved: true })).toBe('string');
    expect(dataChangeFor({ ...plain, versionMoved: false })).toBe(false);
  });
});

describe('pinsLayer', () => {
  it('tracks rows, not the whole store: no `all` trigger on the data version', () => {
    const l = list(3);
    const layer = pinsLayer(l.items, 7, 'i1');
    expect(layer).toBeInstanceOf(IncrementalScatterLayer);
    expect(layer.props.data).toBe(l.items);
    expect(layer.props.dataVersion).toBe(7);
    expect(Object.keys(layer.props.updateTriggers ?? {})).not.toContain('all');
  });
});
