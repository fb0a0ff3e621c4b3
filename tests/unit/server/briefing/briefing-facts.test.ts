/**
 * The in-memory briefing facts against a real SQLite store holding the Store contract's
 * city history: for each period and filter they select exactly the facts the store lists,
 * whether loaded at once, or loaded part-way and then kept current from append results
 * (links and splits of duplicate reports included).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inArea } from '../../../../shared/city/lookup.ts';
import type { IncidentFacts } from '../../../../shared/domain/briefing.ts';
import { factsAt } from '../../../../shared/domain/briefing-columns.ts';
import {
  loadBriefingFacts,
  type BriefingFacts,
  type FactFilter,
} from '../../../../server/briefing/briefing-facts.ts';
import { surgeHistory } from '../../../../server/analyst/surge-history.ts';
import { openSqliteStore } from '../../../../server/log/sqlite.store.ts';
import type { Store } from '../../../../server/log/store.ts';
import { tempDbFile } from '../../../support/harness.ts';
import { duplicateHistory } from '../../../support/store-contract-duplicates.ts';
import { cityHistory, hour } from '../../../support/store-history.ts';

const PERIODS = [
  [0, 2],
  [3, 30],
  [14, 41],
  [61, 100],
  [-10, 200],
] as const;

const FILTERS: FactFilter[] = [
  {},
  { category: 'flooding' },
  { category: 'road_damage' },
  { agency: 'kelurahan' },
  { area: '31.71' },
  { area: '31.71.01' },
  { category: 'no_such_category' },
];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function openStore(): Store {
  const temp = tempDbFile();
  const store = openSqliteStore(temp.file);
  cleanups.push(async () => {
    await store.close();
    temp.cleanup();
  });
  return store;
}

const byValue = (list: Omit<IncidentFacts, 'id'>[]) => list.map((f) => JSON.stringify(f)).sort();

/** What the briefing endpoint's store path reads: the store's list, filtered. */
async function listed(store: Store, since: string, to: string, q: FactFilter) {
  const facts = await store.briefingFacts(since, to);
  return facts
    .filter(
      (f) =>
        (!q.category || f.category === q.category) &&
        (!q.agency || f.agency === q.agency) &&
        (!q.area || inArea(f.kelurahanCode, q.area)),
    )
    .map(({ id: _id, ...rest }) => rest);
}

async function expectSameAsStore(facts: BriefingFacts, store: Store): Promise<void> {
  for (const [s, t] of PERIODS) {
    for (const q of FILTERS) {
      const rows = facts.select(Date.parse(hour(s)), Date.parse(hour(t)), q);
      const mine = [...rows].map((r) => factsAt(facts.columns, r));
      const theirs = await listed(store, hour(s), hour(t), q);
      expect(byValue(mine), `since h${s}, to h${t}, ${JSON.stringify(q)}`).toEqual(byValue(theirs));
    }
  }
}

describe('briefing facts in memory', () => {
  it('select, for each period and filter, the facts the store lists', async () => {
    const store = openStore();
    for (const batch of cityHistory().batches) await store.append(batch);
    const facts = await loadBriefingFacts(store);
    expect(facts.size).toBe(8);
    await expectSameAsStore(facts, store);
  });

  it('stay the same as the store when loaded part-way and then fed each append', async () => {
    const store = openStore();
    const { batches } = cityHistory();
    const half = Math.floor(batches.length / 2);
    for (const batch of batches.slice(0, half)) await store.append(batch);
    const facts = await loadBriefingFacts(store);
    const loaded = facts.size;
    for (const batch of batches.slice(half)) {
      const result = await store.append(batch);
      if (result.status === 'appended')
        for (const incident of result.incidents) facts.upsert(incident);
    }
    // Later batches both add incidents and change loaded ones (resolved, reopened, reassigned).
    expect(facts.size).toBeGreaterThan(loaded);
    expect(facts.size).toBe(8);
    await expectSameAsStore(facts, store);
  });

  it('follow links and splits of loaded rows: the linked flag as the store has it', async () => {
    const store = openStore();
    const { history, steps } = duplicateHistory();
    for (const batch of history.batches.slice(0, steps.reported)) await store.append(batch);
    const facts = await loadBriefingFacts(store);
    const linkedRows = () =>
      [...facts.select(Date.parse(hour(0)), Date.parse(hour(24)))].filter(
        (r) => facts.columns.linked[r] === 1,
      ).length;
    expect(linkedRows()).toBe(0);
    const feed = async (from: number, to: number) => {
      for (const batch of history.batches.slice(from, to)) {
        const result = await store.append(batch);
        if (result.status === 'appended')
          for (const incident of result.incidents) facts.upsert(incident);
      }
    };
    await feed(steps.reported!, steps.linked!);
    expect(linkedRows()).toBe(4);
    await expectSameAsStore(facts, store);
    await feed(steps.linked!, steps.end!);
    expect(linkedRows()).toBe(3);
    expect(facts.size).toBe(history.incidents.size);
    await expectSameAsStore(facts, store);
    // The surge model learns from incidents: the linked rows are not in its history.
    expect([...surgeHistory(facts)].length).toBe(facts.size - 3);
  });

  it('select nothing for a category no incident has', async () => {
    const store = openStore();
    for (const batch of cityHistory().batches) await store.append(batch);
    const facts = await loadBriefingFacts(store);
    expect(
      facts.select(Date.parse(hour(-10)), Date.parse(hour(200)), { category: 'x' }),
    ).toHaveLength(0);
    expect(facts.select(Date.parse(hour(-10)), Date.parse(hour(200)))).toHaveLength(8);
  });
});
