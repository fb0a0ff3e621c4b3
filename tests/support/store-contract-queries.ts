/**
 * The Store contract's queries: loadLive, queryIncidents with every filter and cursor
 * paging, iterateIncidents and briefingFacts. Each filter must keep some incidents of the
 * history and drop others, so a store that ignores one fails. Registered by
 * describeStoreContract (store-contract.ts) inside its suite.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/log/store.ts';
import type { IncidentFacts } from '../../shared/domain/briefing.ts';
import type { IncidentQuery } from '../../shared/domain/schemas.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { CurrentStore } from './store-contract.ts';
import { appendAll, cityHistory, collect, crowdHistory, hour } from './store-history.ts';

/** The order every incident list comes in: newest report first, ties by id, descending. */
const newestFirst = (list: Iterable<Incident>) =>
  [...list].sort((a, b) =>
    a.reportedAt === b.reportedAt
      ? b.id.localeCompare(a.id)
      : b.reportedAt.localeCompare(a.reportedAt),
  );

const text = (i: Incident) => `${i.description} ${i.address ?? ''}`.toLowerCase();
const inArea = (area: string) => (i: Incident) =>
  i.kelurahanCode !== null && (i.kelurahanCode === area || i.kelurahanCode.startsWith(`${area}.`));

const FILTERS: { name: string; q: Partial<IncidentQuery>; keep: (i: Incident) => boolean }[] = [
  {
    name: 'status',
    q: { status: ['dispatched', 'in_progress'] },
    keep: (i) => i.status === 'dispatched' || i.status === 'in_progress',
  },
  {
    name: 'category',
    q: { category: ['flooding', 'fire'] },
    keep: (i) => ['flooding', 'fire'].includes(i.category),
  },
  {
    name: 'agency (as reassigned)',
    q: { agency: ['kelurahan', 'bina_marga'] },
    keep: (i) => ['kelurahan', 'bina_marga'].includes(i.agency),
  },
  {
    name: 'source',
    q: { source: ['jaki', 'lapor'] },
    keep: (i) => ['jaki', 'lapor'].includes(i.source),
  },
  {
    name: 'bbox, edges included',
    q: { bbox: [106.8, -6.2, 106.85, -6.17] },
    keep: ({ location: { lon, lat } }) =>
      lon >= 106.8 && lon <= 106.85 && lat >= -6.2 && lat <= -6.17,
  },
  { name: 'since, inclusive', q: { since: hour(2) }, keep: (i) => i.reportedAt >= hour(2) },
  {
    name: 'since with a zone offset',
    q: { since: '2026-11-01T09:00:00+07:00' },
    keep: (i) => i.reportedAt >= hour(2),
  },
  { name: 'until, exclusive', q: { until: hour(2) }, keep: (i) => i.reportedAt < hour(2) },
  { name: 'area: a kota', q: { area: '31.71' }, keep: inArea('31.71') },
  { name: 'area: a kecamatan', q: { area: '31.71.01' }, keep: inArea('31.71.01') },
  { name: 'area: a kelurahan', q: { area: '31.71.01.1001' }, keep: inArea('31.71.01.1001') },
  {
    name: 'q in the description, any case',
    q: { q: 'LUBANG' },
    keep: (i) => text(i).includes('lubang'),
  },
  {
    name: 'q in the address',
    q: { q: 'kebon sirih' },
    keep: (i) => text(i).includes('kebon sirih'),
  },
  { name: 'q with a LIKE wildcard', q: { q: '50%' }, keep: (i) => text(i).includes('50%') },
  {
    name: 'filters together',
    q: { status: ['received'], source: ['jaki', 'lapor'] },
    keep: (i) => i.status === 'received' && ['jaki', 'lapor'].includes(i.source),
  },
];

/** Page sizes around the history's eight incidents; h2 holds a tie of three. */
const PAGINGS: { name: string; q: Partial<IncidentQuery>; limit: number }[] = [
  { name: 'everything', q: {}, limit: 1 },
  { name: 'everything', q: {}, limit: 2 },
  { name: 'everything', q: {}, limit: 3 },
  { name: 'everything', q: {}, limit: 8 },
  { name: 'reports since h1', q: { since: hour(1) }, limit: 2 },
];

function factsOf(i: Incident): IncidentFacts {
  const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
  return {
    id: i.id,
    category: i.category,
    agency: i.agency,
    kelurahanCode: i.kelurahanCode,
    h3: i.h3,
    status: i.status,
    reportedAt: Date.parse(i.reportedAt),
    firstResponseAt: ms(i.firstResponseAt),
    resolvedAt: ms(i.resolvedAt),
    endedAt: ms(i.endedAt),
    responseDueAt: Date.parse(i.responseDueAt),
    resolveDueAt: Date.parse(i.resolveDueAt),
    linked: (i.duplicateOf ?? null) !== null,
  };
}

/** Pages enough for any history here: a store whose cursor does not move on fails, not hangs. */
const MAX_PAGES = 5000;

/** Walks queryIncidents page by page; checks each page's size and the last cursor. */
async function allPages(store: Store, q: Partial<IncidentQuery>, limit: number) {
  const items: Incident[] = [];
  let pages = 0;
  for (let cursor: string | undefined; ; pages++) {
    if (pages >= MAX_PAGES) throw new Error(`queryIncidents gave more than ${MAX_PAGES} pages`);
    const page = await store.queryIncidents({ ...q, limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return { items, pages: pages + 1 };
    cursor = page.nextCursor;
  }
}

export function describeQueryContract(current: CurrentStore): void {
  describe('queries', () => {
    it.each([
      {
        since: hour(4),
        ids: ['inc-a', 'inc-b', 'inc-c', 'inc-d', 'inc-e', 'inc-f', 'inc-g', 'inc-h'],
      },
      { since: hour(5), ids: ['inc-a', 'inc-b', 'inc-d', 'inc-e', 'inc-f', 'inc-g', 'inc-h'] },
      { since: hour(14.5), ids: ['inc-b', 'inc-d', 'inc-e', 'inc-f', 'inc-h'] },
      { since: hour(61), ids: ['inc-b', 'inc-d', 'inc-e', 'inc-h'] },
    ])(
      'loadLive($since) gives the open incidents, those ended since, and the seq',
      async ({ since, ids }) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        const live = await store.loadLive(since);
        expect(live.seq).toBe(history.events.length);
        const sorted = [...live.incidents].sort((a, b) => a.id.localeCompare(b.id));
        expect(sorted).toEqual(ids.map((id) => history.incidents.get(id)));
      },
    );

    it.each(FILTERS)('queryIncidents filters by $name, newest first', async ({ q, keep }) => {
      const store = current();
      const history = cityHistory();
      await appendAll(store, history);
      const expected = newestFirst([...history.incidents.values()].filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(history.incidents.size);
      expect(await store.queryIncidents({ ...q, limit: 500 })).toEqual({
        items: expected,
        nextCursor: null,
      });
    });

    it.each(PAGINGS)(
      'queryIncidents pages $name by $limit with no duplicate and no gap',
      async ({ q, limit }) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        const since = q.since;
        const expected = newestFirst(
          [...history.incidents.values()].filter(
            (i) => since === undefined || i.reportedAt >= since,
          ),
        );
        const { items, pages } = await allPages(store, q, limit);
        expect(items).toEqual(expected);
        expect(pages).toBe(Math.ceil(expected.length / limit));
      },
    );

    it('queryIncidents and iterateIncidents walk a crowd with ties across their pages', async () => {
      const store = current();
      const crowd = crowdHistory(1200, 300);
      await appendAll(store, crowd);
      const expected = newestFirst(crowd.incidents.values());
      const { items, pages } = await allPages(store, {}, 250);
      expect(items).toEqual(expected);
      expect(pages).toBe(5);
      expect(await collect(store.iterateIncidents({ limit: 1 }))).toEqual(expected);
    });

    it.each([{ name: 'no filter', q: {}, keep: () => true }, ...FILTERS])(
      'iterateIncidents yields every incident matching $name, ignoring limit and cursor',
      async ({ q, keep }) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        const expected = newestFirst([...history.incidents.values()].filter(keep));
        const cursor = (await store.queryIncidents({ limit: 1 })).nextCursor!;
        expect(await collect(store.iterateIncidents({ ...q, limit: 1, cursor }))).toEqual(expected);
      },
    );

    it.each([
      { since: hour(0), to: hour(2), ids: ['inc-a', 'inc-h'] },
      { since: hour(3), to: hour(30), ids: ['inc-a', 'inc-b', 'inc-c', 'inc-d', 'inc-g', 'inc-h'] },
      {
        since: hour(14),
        to: hour(41),
        ids: ['inc-b', 'inc-d', 'inc-e', 'inc-f', 'inc-g', 'inc-h'],
      },
      { since: hour(61), to: hour(100), ids: ['inc-b', 'inc-d', 'inc-e', 'inc-h'] },
    ])(
      'briefingFacts($since, $to): reported before to and not ended before since, once each',
      async ({ since, to, ids }) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        const facts = await store.briefingFacts(since, to);
        const sorted = [...facts].sort((a, b) => a.id.localeCompare(b.id));
        expect(sorted).toEqual(ids.map((id) => factsOf(history.incidents.get(id)!)));
      },
    );
  });
}
