/**
 * Duplicates on the map: a linked report draws no pin of its own, a master with more than
 * one report carries its count, and the heat counts every report once, at its master.
 */
import { describe, expect, it } from 'vitest';
import { heatWeight } from '../../../../client/map/heatmap.layer.ts';
import { pinsLayer } from '../../../../client/map/pins.layer.ts';
import { reporterBadges, reportersLayer } from '../../../../client/map/reporters.layer.ts';
import type { Incident } from '../../../../shared/domain/types.ts';
import { incident, T0 } from '../../../support/ops-fixtures.ts';

const master = incident({ id: 'm', category: 'flooding', reporters: 3 });
const linked = incident({ id: 'r1', category: 'flooding', duplicateOf: 'm' });
const alone = incident({ id: 'a' });
const all = [master, linked, alone];

describe('reporter badges', () => {
  it('are the masters standing for more than one report', () => {
    expect(reporterBadges(all).map((i) => i.id)).toEqual(['m']);
  });

  it('read as the count of reporters', () => {
    const layer = reportersLayer(reporterBadges(all));
    const getText = layer.props.getText as (d: Incident) => string;
    expect(getText(master)).toBe('3');
  });
});

describe('pins', () => {
  const layer = pinsLayer(all, 1);
  const radius = layer.props.getRadius as (d: Incident) => number;
  it.each<[string, Incident, boolean]>([
    ['a master', master, true],
    ['a report of its own', alone, true],
    ['a linked report', linked, false],
  ])('%s has a pin: %s', (_name, i, drawn) => {
    expect(radius(i) > 0).toBe(drawn);
  });
});

describe('heat weight (reports are demand)', () => {
  it('a master weighs once per report it stands for; a linked report nothing', () => {
    const one = heatWeight({ ...master, reporters: 1 }, T0);
    expect(heatWeight(master, T0)).toBeCloseTo(3 * one);
    expect(heatWeight(linked, T0)).toBe(0);
  });
});
