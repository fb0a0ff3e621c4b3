/**
 * Bulk ingest (`POST /api/v1/incidents/batch`) and group commit: one result per item in
 * order, each item decided as a single post would be, a refused item refusing nothing
 * else and leaving nothing behind, and every created report in the log once and on a
 * connected client in seq order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/types.ts';
import {
  api,
  connectClient,
  nextEvent,
  report,
  startServer,
  waitFor,
  type TestServer,
  type TestSocket,
} from '../support/harness.ts';

let server: TestServer;
let sockets: TestSocket[] = [];
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const s of sockets) s.disconnect();
  sockets = [];
  await server.dispose();
});

const bulk = (body: unknown, headers: Record<string, string> = {}) =>
  api(server.url, 'POST', '/api/v1/incidents/batch', body, headers);
const reportedIn = (events: DomainEvent[]) => events.filter((e) => e.type === 'incident.reported');
const wholeLog = () => server.store.eventsAfter(0, 100_000);

describe('POST /api/v1/incidents/batch', () => {
  it('answers created, duplicate or refused per item, in order, and stores only the accepted', async () => {
    const earlier = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ externalId: 'p-1' }),
    );
    expect(earlier.status).toBe(201);
    const res = await bulk([
      report({ externalId: 'n-1' }),
      report({ externalId: 'bad-1', category: 'not_a_category' }),
      report({ externalId: 'n-1' }),
      report({ externalId: 'p-1' }),
      { source: 'jaki', externalId: 'bad-2' },
      report({ externalId: 'n-2' }),
    ]);
    expect(res.status).toBe(200);
    const results = res.body.results;
    expect(results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
      [0, 'created'],
      [1, 'refused'],
      [2, 'duplicate'],
      [3, 'duplicate'],
      [4, 'refused'],
      [5, 'created'],
    ]);
    expect(results[2].id).toBe(results[0].id);
    expect(results[3].id).toBe(earlier.body.incident.id);
    expect(Object.keys(results[1].error.fields)).toContain('category');
    expect(Object.keys(results[4].error.fields)).toEqual(
      expect.arrayContaining(['category', 'location']),
    );
    expect(results[5].seq).toBe(results[0].seq + 1);
    const log = reportedIn(await wholeLog());
    expect(log.map((e) => e.incidentId)).toEqual([
      earlier.body.incident.id,
      results[0].id,
      results[5].id,
    ]);
    for (const ext of ['bad-1', 'bad-2'])
      expect(await server.store.incidentIdFor('jaki', ext)).toBeUndefined();
  });

  it('takes NDJSON, refusing a line that is not JSON by its line number', async () => {
    const lines = [
      JSON.stringify(report({ externalId: 'nd-1' })),
      '{"source": "jaki",',
      '',
      JSON.stringify(report({ externalId: 'nd-2' })),
    ];
    const res = await bulk(lines.join('\n'), { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'refused',
      'created',
    ]);
    expect(res.body.results[1].error).toMatchObject({
      code: 'invalid_json',
      fields: { '(line 2)': 'invalid JSON' },
    });
    expect(await server.store.incidentIdFor('jaki', 'nd-2')).toBe(res.body.results[2].id);
  });

  it('refuses more than 1,000 items whole, naming the limit, and stores none', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => report({ externalId: `big-${i}` }));
    const res = await bulk(items);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_many_items');
    expect(res.body.error.message).toMatch(/1000/);
    expect(await server.store.latestSeq()).toBe(0);
    const atLimit = await bulk(items.slice(0, 1000));
    expect(atLimit.status).toBe(200);
    expect(
      atLimit.body.results.filter((r: { status: string }) => r.status === 'created'),
    ).toHaveLength(1000);
  });

  it('refuses a body that is neither an array nor NDJSON', async () => {
    expect((await bulk(report())).status).toBe(400);
    expect((await bulk('x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect(await server.store.latestSeq()).toBe(0);
  });

  it("lets an ingest key post only its own source's items, item by item", async () => {
    const { secret: key } = await server.auth.createToken(
      { kind: 'ingest', role: 'ingest', label: 'Qlue feed', source: 'qlue', createdBy: 'test' },
      new Date(),
    );
    const res = await bulk(
      [
        report({ source: 'qlue', externalId: 'q-1' }),
        report({ source: 'jaki', externalId: 'j-1' }),
      ],
      { authorization: `Bearer ${key}` },
    );
    expect(res.status).toBe(200);
    expect(res.body.results[0].status).toBe('created');
    expect(res.body.results[1]).toMatchObject({ status: 'refused', error: { code: 'forbidden' } });
    expect(await server.store.incidentIdFor('jaki', 'j-1')).toBeUndefined();
    expect(await server.store.incidentIdFor('qlue', 'q-1')).toBe(res.body.results[0].id);
  });

  it('requires authentication before reading the body', async () => {
    const res = await bulk([report()], { authorization: '' });
    expect(res.status).toBe(401);
  });
});

describe('group commit', () => {
  it('puts every created report in the log once and on a client in seq order', async () => {
    const socket = connectClient(server.url);
    sockets.push(socket);
    await nextEvent(socket, 'snapshot');
    const seen: DomainEvent[] = [];
    socket.on('events:batch', (b) => seen.push(...b.events));
    const batches = [0, 1, 2].map((b) =>
      Array.from({ length: 40 }, (_, i) => report({ externalId: `g-${b}-${i}` })),
    );
    // Bulk and single posts at once, with repeats of the same new external ids among them.
    const [bulkAnswers, singles] = await Promise.all([
      Promise.all(batches.map((items) => bulk(items))),
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          api(server.url, 'POST', '/api/v1/incidents', report({ externalId: `s-${i % 15}` })),
        ),
      ),
    ]);
    const createdIds = [
      ...bulkAnswers.flatMap((r) => r.body.results.map((x: { id: string }) => x.id)),
      ...singles.filter((r) => r.status === 201).map((r) => r.body.incident.id as string),
    ];
    expect(createdIds).toHaveLength(120 + 15);
    expect(singles.filter((r) => r.status === 200)).toHaveLength(15);
    const log = await wholeLog();
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(new Set(log.map((e) => e.incidentId))).toEqual(new Set(createdIds));
    expect(log).toHaveLength(createdIds.length);
    await waitFor(() => seen.length >= log.length, { timeout: 10_000 });
    expect(seen).toEqual(log);
  });

  it('answers two posts of one new external id, sent together, with one created and one duplicate', async () => {
    const [a, b] = await Promise.all([
      api(server.url, 'POST', '/api/v1/incidents', report({ externalId: 'twice' })),
      api(server.url, 'POST', '/api/v1/incidents', report({ externalId: 'twice' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.incident.id).toBe(b.body.incident.id);
    expect(reportedIn(await wholeLog())).toHaveLength(1);
  });
});

describe('ingest rate limits', () => {
  it('count reports, not requests', async () => {
    const limited = await startServer({ env: { RATE_INGEST_PER_MIN: '5' } });
    try {
      const items = (n: number, p: string) =>
        Array.from({ length: n }, (_, i) => report({ externalId: `${p}-${i}` }));
      const post = (body: unknown) => api(limited.url, 'POST', '/api/v1/incidents/batch', body);
      const over = await post(items(6, 'a'));
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe('rate_limited');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.store.latestSeq()).toBe(0);
      expect((await post(items(4, 'b'))).status).toBe(200);
      expect((await post(items(2, 'c'))).status).toBe(429);
      const single = await api(limited.url, 'POST', '/api/v1/incidents', report());
      expect(single.status).toBe(201);
      expect((await api(limited.url, 'POST', '/api/v1/incidents', report())).status).toBe(429);
      expect(await limited.store.latestSeq()).toBe(5);
    } finally {
      await limited.dispose();
    }
  });
});
