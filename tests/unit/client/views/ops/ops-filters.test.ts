/** The ops console's filters: URL parsing (validated), serialising, round trips, matching. */
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import {
  EMPTY_FILTERS,
  filterIncidents,
  parseView,
  serializeView,
  type OpsFilters,
  type OpsView,
} from '../../../../../client/views/ops/ops-filters.ts';
import { incident, iso, MIN, T0 } from '../../../../support/ops-fixtures.ts';

const view = (filters: Partial<OpsFilters> = {}, rest: Partial<OpsView> = {}): OpsView => ({
  filters: { ...EMPTY_FILTERS, ...filters },
  sort: 'sla',
  selectedId: null,
  ...rest,
});

describe('parseView', () => {
  it.each<[string, string, OpsView]>([
    ['nothing', '', view()],
    [
      'known categories, in pack order',
      '?category=fire,flooding',
      view({ categories: ['flooding', 'fire'] }),
    ],
    ['unknown category dropped', '?category=fire,volcano', view({ categories: ['fire'] })],
    ['duplicates collapse', '?status=received,received', view({ statuses: ['received'] })],
    [
      'unknown status and source dropped',
      '?status=lost&source=pigeon,qlue',
      view({ sources: ['qlue'] }),
    ],
    ['agencies', '?agency=dsda,nobody', view({ agencies: ['dsda'] })],
    ['kota', '?kota=31.71', view({ kota: '31.71' })],
    ['unknown kota', '?kota=99.99', view()],
    [
      'kecamatan implies its kota',
      '?kecamatan=31.71.01',
      view({ kota: '31.71', kecamatan: '31.71.01' }),
    ],
    [
      'kelurahan implies its parents',
      '?kelurahan=31.71.01.1002',
      view({ kota: '31.71', kecamatan: '31.71.01', kelurahan: '31.71.01.1002' }),
    ],
    [
      'kecamatan outside the kota dropped',
      '?kota=31.72&kecamatan=31.71.01',
      view({ kota: '31.72' }),
    ],
    [
      'kelurahan outside the kecamatan dropped',
      '?kecamatan=31.71.02&kelurahan=31.71.01.1002',
      view({ kota: '31.71', kecamatan: '31.71.02' }),
    ],
    ['window', '?window=6h', view({ window: '6h' })],
    ['unknown window', '?window=3y', view()],
    ['search trimmed', '?q=%20banjir%20', view({ q: 'banjir' })],
    ['search bounded', `?q=${'x'.repeat(500)}`, view({ q: 'x'.repeat(200) })],
    ['sort', '?sort=severity', view({}, { sort: 'severity' })],
    ['unknown sort', '?sort=random', view()],
    ['selected incident', '?incident=abc-123', view({}, { selectedId: 'abc-123' })],
    ['odd incident id ignored', '?incident=%3Cscript%3E', view()],
  ])('%s', (_name, search, expected) => {
    expect(parseView(search, JAKARTA)).toEqual(expected);
  });
});

describe('serializeView', () => {
  it.each<[string, OpsView, string, string]>([
    ['defaults are left out', view(), '', ''],
    ['other keys are kept', view({ window: '1h' }), '?lang=en', '?lang=en&window=1h'],
    ['own keys are replaced', view(), '?category=fire&lang=id', '?lang=id'],
    [
      'lists as commas',
      view({ categories: ['flooding', 'fire'], statuses: ['received', 'verified'] }),
      '',
      '?category=flooding%2Cfire&status=received%2Cverified',
    ],
    [
      'sort and selection',
      view({}, { sort: 'newest', selectedId: 'x1' }),
      '',
      '?sort=newest&incident=x1',
    ],
  ])('%s', (_name, v, search, expected) => {
    expect(serializeView(v, search)).toBe(expected);
  });

  it.each<[string, OpsView]>([
    ['empty', view()],
    [
      'everything',
      view(
        {
          categories: ['flooding', 'garbage'],
          agencies: ['dsda', 'dlh'],
          statuses: ['received', 'in_progress'],
          sources: ['jaki', 'call112'],
          kota: '31.71',
          kecamatan: '31.71.01',
          kelurahan: '31.71.01.1002',
          window: '24h',
          q: 'pohon & kabel?',
        },
        { sort: 'severity', selectedId: 'b7d1-22' },
      ),
    ],
    ['only kota', view({ kota: '31.75' })],
    ['search with commas and unicode', view({ q: 'Jl. Sudirman, depan “halte”' })],
  ])('round-trips %s', (_name, v) => {
    expect(parseView(serializeView(v), JAKARTA)).toEqual(v);
  });
});

describe('filterIncidents', () => {
  const now = T0;
  const all = [
    incident({ id: 'a', category: 'flooding', agency: 'dsda', kelurahanCode: '31.71.01.1001' }),
    incident({
      id: 'b',
      category: 'fire',
      agency: 'gulkarmat',
      status: 'dispatched',
      source: 'call112',
      kelurahanCode: '31.71.02.1001',
      reportedAt: iso(now - 3 * 60 * MIN),
    }),
    incident({
      id: 'c',
      category: 'garbage',
      agency: 'dlh',
      kelurahanCode: '31.72.01.1001',
      description: 'Tumpukan SAMPAH di pinggir kali',
      address: null,
      reportedAt: iso(now - 2 * 24 * 60 * MIN),
    }),
    incident({ id: 'd', kelurahanCode: null, address: 'Dekat Stasiun Gambir' }),
    // A duplicate report linked to 'a': its master's reporter, never a row of its own.
    incident({ id: 'e', category: 'flooding', duplicateOf: 'a', kelurahanCode: '31.71.01.1001' }),
  ];
  const ids = (f: Partial<OpsFilters>) =>
    filterIncidents(all, { ...EMPTY_FILTERS, ...f }, now).map((i) => i.id);

  it.each<[string, Partial<OpsFilters>, string[]]>([
    ['no filters', {}, ['a', 'b', 'c', 'd']],
    ['category', { categories: ['fire', 'garbage'] }, ['b', 'c']],
    ['agency', { agencies: ['dsda'] }, ['a']],
    ['status', { statuses: ['dispatched'] }, ['b']],
    ['source', { sources: ['call112'] }, ['b']],
    ['kota by code prefix', { kota: '31.71' }, ['a', 'b']],
    ['kecamatan by code prefix', { kota: '31.71', kecamatan: '31.71.02' }, ['b']],
    [
      'kelurahan exact',
      { kota: '31.71', kecamatan: '31.71.01', kelurahan: '31.71.01.1001' },
      ['a'],
    ],
    ['unknown place never matches an area', { kota: '31.72' }, ['c']],
    ['last hour', { window: '1h' }, ['a', 'd']],
    ['last 6 hours', { window: '6h' }, ['a', 'b', 'd']],
    ['last 7 days', { window: '7d' }, ['a', 'b', 'c', 'd']],
    ['search in description, any case', { q: 'sampah' }, ['c']],
    ['search in address', { q: 'stasiun' }, ['d']],
    ['search with spaces around', { q: '  GAMBIR ' }, ['d']],
    ['filters combine', { categories: ['fire', 'flooding'], kota: '31.71', window: '1h' }, ['a']],
    ['a linked report is not listed though it matches', { categories: ['flooding'] }, ['a']],
  ])('%s', (_name, f, expected) => {
    expect(ids(f)).toEqual(expected);
  });
});
