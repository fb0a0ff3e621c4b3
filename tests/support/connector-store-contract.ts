/**
 * The ConnectorStore contract: what the SQLite and the PostgreSQL connector stores must
 * both do, as one suite a test file registers with its own open function (each test on
 * new, empty tables).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  INITIAL_STATE,
  type ConnectorState,
  type ConnectorStore,
  type NewConnector,
} from '../../server/open311/connector-store.ts';

export interface OpenedConnectorStore {
  connectors: ConnectorStore;
  /** Closes the store (if the test has not) and removes its tables. */
  cleanup(): Promise<void>;
}

const T0 = new Date('2026-11-20T02:00:00.000Z');
const T1 = new Date('2026-11-20T03:00:00.000Z');

export const newConnector = (name: string, extra: Partial<NewConnector> = {}): NewConnector => ({
  name,
  endpoint: 'https://city.example/open311/v2',
  jurisdictionId: 'bandung',
  apiKey: 'remote-key-0123456789',
  serviceMap: { pothole: 'road_damage', 'banjir-1': 'flooding' },
  defaultCategory: null,
  enabled: true,
  pollSeconds: 60,
  ...extra,
});

const midRound: ConnectorState = {
  ...INITIAL_STATE,
  cursorUpdatedAt: '2026-11-20T01:00:00.000Z',
  cursorRemoteId: 'r-9',
  round: {
    since: '2026-11-20T00:00:00.000Z',
    until: '2026-11-20T02:00:00.000Z',
    page: 3,
    maxUpdatedAt: '2026-11-20T01:59:00.000Z',
    maxRemoteId: 'r-12',
  },
  lastError: 'GET requests.json: answered 503',
  lastErrorAt: '2026-11-20T01:30:00.000Z',
  consecutiveFailures: 2,
  nextAttemptAt: '2026-11-20T01:34:00.000Z',
  counts: { ...INITIAL_STATE.counts, seen: 12, created: 9, skippedNoLocation: 3 },
};

export function describeConnectorStoreContract(
  name: string,
  open: () => Promise<OpenedConnectorStore>,
): void {
  describe(`ConnectorStore contract (${name})`, () => {
    let opened: OpenedConnectorStore;
    let store: ConnectorStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.connectors;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('keeps a new connector as given, with a fresh state, and finds it by id', async () => {
      const created = await store.create(newConnector('Bandung'), T0);
      expect(created).toEqual({
        ...newConnector('Bandung'),
        id: expect.any(String),
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
        state: INITIAL_STATE,
      });
      expect(await store.get(created.id)).toEqual(created);
      expect(await store.get('no-such-id')).toBeUndefined();
    });

    it('lists connectors by name', async () => {
      await store.create(newConnector('Surabaya'), T0);
      await store.create(newConnector('Bandung', { enabled: false }), T0);
      const list = await store.list();
      expect(list.map((c) => [c.name, c.enabled])).toEqual([
        ['Bandung', false],
        ['Surabaya', true],
      ]);
    });

    it('refuses a second connector of the same name', async () => {
      await store.create(newConnector('Bandung'), T0);
      await expect(store.create(newConnector('Bandung'), T0)).rejects.toThrow();
      expect(await store.list()).toHaveLength(1);
    });

    it('changes only what a change gives, and removes the key when told to', async () => {
      const c = await store.create(newConnector('Bandung'), T0);
      const changed = await store.update(
        c.id,
        { enabled: false, pollSeconds: 300, apiKey: null, serviceMap: { x: 'garbage' } },
        T1,
      );
      expect(changed).toEqual({
        ...c,
        enabled: false,
        pollSeconds: 300,
        apiKey: null,
        serviceMap: { x: 'garbage' },
        updatedAt: T1.toISOString(),
      });
      expect(await store.get(c.id)).toEqual(changed);
      expect(await store.update('no-such-id', { enabled: true }, T1)).toBeUndefined();
    });

    it("keeps the puller's state whole and leaves the config alone", async () => {
      const c = await store.create(newConnector('Bandung'), T0);
      await store.saveState(c.id, midRound);
      expect(await store.get(c.id)).toEqual({ ...c, state: midRound });
      // A change of config keeps the state: only the admin API decides to start afresh.
      await store.update(c.id, { name: 'Kota Bandung' }, T1);
      expect((await store.get(c.id))!.state).toEqual(midRound);
      await store.saveState('no-such-id', midRound);
      expect(await store.list()).toHaveLength(1);
    });

    it('removes a connector once', async () => {
      const c = await store.create(newConnector('Bandung'), T0);
      const other = await store.create(newConnector('Surabaya'), T0);
      expect(await store.remove(c.id)).toBe(true);
      expect(await store.remove(c.id)).toBe(false);
      expect(await store.get(c.id)).toBeUndefined();
      expect((await store.list()).map((x) => x.id)).toEqual([other.id]);
    });
  });
}
