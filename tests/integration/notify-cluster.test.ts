/**
 * Notifications on two nodes of one PostgreSQL log: both hear every alert event and both
 * run a sender, yet each event reaches a subscriber once. Two real servers in this process
 * share the database and a clock the test moves; the analyst runs on whichever node holds
 * its lock. PostgreSQL must be reachable at PG_URL: this fails, never skips, without it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, report, startServer, waitFor, type TestServer } from '../support/harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';

let db: TestDatabase;
let nodes: TestServer[] = [];
let hook: Server;
let hookUrl: string;
const deliveryIds: string[] = [];
let now = Date.parse('2026-12-01T02:00:00.000Z');

beforeAll(async () => {
  db = await createTestDatabase();
  hook = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      deliveryIds.push(req.headers['x-nakhoda-delivery'] as string);
      // Slow enough that both senders are at work at once.
      setTimeout(() => res.writeHead(200).end(), 150);
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  const schema = db.freshSchema();
  for (let i = 0; i < 2; i++) {
    nodes.push(
      await startServer({
        clock: () => new Date(now),
        logPollMs: 50,
        env: {
          DATABASE_URL: db.url,
          DATABASE_SCHEMA: schema,
          ANALYST: 'on',
          ANALYST_TICK_SECONDS: '3600',
          NOTIFY_POLL_SECONDS: '3600',
        },
      }),
    );
  }
});

afterAll(async () => {
  for (const node of nodes) await node.dispose();
  nodes = [];
  await new Promise((resolve) => hook.close(resolve));
  await db?.drop();
});

it('sends each alert event once to a subscriber, though two nodes hear it and send', async () => {
  const [a, b] = nodes as [TestServer, TestServer];
  const created = await api(b.url, 'POST', '/api/v1/admin/notifications/subscriptions', {
    name: 'Both nodes',
    channel: 'webhook',
    url: hookUrl,
  });
  expect(created.status).toBe(201);
  const incident = await api(a.url, 'POST', '/api/v1/incidents', report({ category: 'flooding' }));
  expect(incident.status).toBe(201);
  now += 61 * 60_000;
  await waitFor(() => nodes.some((n) => n.analyst?.runner()), { timeout: 10_000 });
  const leader = nodes.find((n) => n.analyst?.runner())!;
  expect((await leader.analyst!.runner()!.tick()).applied).toBe(1);
  // Both projections have the alert: both nodes heard its event.
  for (const n of nodes) await n.app.service.catchUp();
  expect(nodes.map((n) => n.app.service.projection.alerts.size)).toEqual([1, 1]);
  await Promise.all(nodes.map((n) => n.app.notify!.dispatcher.flush()));
  await Promise.all(nodes.map((n) => n.app.notify!.dispatcher.flush()));

  expect(deliveryIds).toHaveLength(1);
  for (const n of nodes) {
    const list = await api(n.url, 'GET', '/api/v1/admin/notifications/deliveries');
    expect(list.body.deliveries).toMatchObject([
      { id: deliveryIds[0], status: 'delivered', attempts: 1, eventType: 'alert.raised' },
    ]);
  }
});
