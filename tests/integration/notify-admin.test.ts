/**
 * The notifications admin API on the real server: admins only; bad input refused with 400
 * naming the field and nothing stored; a webhook's secret shown once (on create and
 * rotate) and never in a view; its URL's query values redacted; a test notification
 * signed with the current secret; deliveries listed and replayed by their rules.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/notify/notify-signature.ts';
import { api, startServer, type TestServer } from '../support/harness.ts';
import { EVERYONE, seedPrincipals, type Principals } from '../support/principals.ts';

const BASE = '/api/v1/admin/notifications';

let server: TestServer;
let who: Principals;
let hook: Server;
let hookUrl: string;
const received: { headers: IncomingHttpHeaders; raw: string }[] = [];

beforeAll(async () => {
  hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  server = await startServer({ env: { NOTIFY_POLL_SECONDS: '3600' } });
  who = await seedPrincipals(server);
});

afterAll(async () => {
  await server.dispose();
  await new Promise((resolve) => hook.close(resolve));
});

const create = (body: unknown) => api(server.url, 'POST', `${BASE}/subscriptions`, body);
const list = async () => (await api(server.url, 'GET', `${BASE}/subscriptions`)).body;

describe('notifications admin API', () => {
  it('is for admins only: everyone else is refused and nothing is created', async () => {
    const body = { name: 'x', channel: 'webhook', url: hookUrl };
    for (const w of EVERYONE.filter((w) => w !== 'admin')) {
      const expected = w === 'anonymous' ? 401 : 403;
      const reads = await who.call(w, 'GET', `${BASE}/subscriptions`);
      const writes = await who.call(w, 'POST', `${BASE}/subscriptions`, body);
      const dead = await who.call(w, 'GET', `${BASE}/deliveries?status=dead`);
      expect([w, reads.status, writes.status, dead.status]).toEqual([
        w,
        expected,
        expected,
        expected,
      ]);
      if (expected === 403) expect(writes.body.error.code).toBe('forbidden');
    }
    expect((await list()).subscriptions).toEqual([]);
  });

  it.each([
    ['a URL that is not http(s)', { channel: 'webhook', url: 'ftp://hooks.example/x' }, 'url'],
    ['a webhook without its URL', { channel: 'webhook' }, 'url'],
    ['a URL with a password', { channel: 'webhook', url: 'https://u:p@hooks.example/' }, 'url'],
    [
      'a webhook with addresses',
      { channel: 'webhook', url: 'https://h.example/', emails: ['a@b.id'] },
      'emails',
    ],
    ['an unknown channel', { channel: 'sms', url: 'https://h.example/' }, 'channel'],
    ['email without SMTP on the server', { channel: 'email', emails: ['a@b.id'] }, 'channel'],
    ['an email address that is none', { channel: 'email', emails: ['not-an-address'] }, 'emails.0'],
    [
      'an unknown agency',
      { channel: 'webhook', url: 'https://h.example/', filter: { agencies: ['dsda', 'nope'] } },
      'filter.agencies.1',
    ],
    [
      'an unknown alert kind',
      { channel: 'webhook', url: 'https://h.example/', filter: { kinds: ['fire'] } },
      'filter.kinds',
    ],
    [
      'an empty list in a filter',
      { channel: 'webhook', url: 'https://h.example/', filter: { levels: [] } },
      'filter.levels',
    ],
    [
      'an unknown field',
      { channel: 'webhook', url: 'https://h.example/', secret: 'mine' },
      '(body)',
    ],
  ])('refuses %s with 400 naming the field, storing nothing', async (_title, extra, field) => {
    const res = await create({ name: 'Bad', ...extra });
    expect(res.status).toBe(400);
    const fields = Object.keys(res.body.error.fields as Record<string, string>);
    expect(fields.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
    expect((await list()).subscriptions).toEqual([]);
  });

  it('shows the secret once, never in a view, and redacts the URL query', async () => {
    const res = await create({
      name: 'Chat gateway',
      channel: 'webhook',
      url: `${hookUrl}?key=chat-key-123&room=ops`,
      filter: { kinds: ['sla_breached'], agencies: ['dsda'] },
    });
    expect(res.status).toBe(201);
    const { secret, subscription } = res.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(subscription).toMatchObject({
      name: 'Chat gateway',
      channel: 'webhook',
      url: `${hookUrl}?key=…&room=…`,
      emails: null,
      hasSecret: true,
      enabled: true,
      createdBy: expect.any(String),
      filter: { kinds: ['sla_breached'], agencies: ['dsda'], levels: 'all', events: 'all' },
      counts: { delivered: 0, pending: 0, dead: 0, lastDeliveredAt: null },
    });
    const views = JSON.stringify(await list());
    expect(views).not.toContain(secret);
    expect(views).not.toContain('chat-key-123');
    const patched = await api(server.url, 'PATCH', `${BASE}/subscriptions/${subscription.id}`, {
      name: 'Chat gateway 2',
    });
    expect(JSON.stringify(patched.body)).not.toContain(secret);
    await api(server.url, 'DELETE', `${BASE}/subscriptions/${subscription.id}`);
  });

  it('rotates the secret: a test notification is signed with the new one only', async () => {
    const created = await create({ name: 'Rotating', channel: 'webhook', url: hookUrl });
    const id = created.body.subscription.id as string;
    const rotated = await api(server.url, 'POST', `${BASE}/subscriptions/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).not.toBe(created.body.secret);
    const before = received.length;
    const test = await api(server.url, 'POST', `${BASE}/subscriptions/${id}/test`);
    expect(test.status).toBe(201);
    expect(test.body.delivery).toMatchObject({
      eventType: 'notification.test',
      seq: null,
      status: 'delivered',
      attempts: 1,
      lastStatus: 204,
    });
    expect(received).toHaveLength(before + 1);
    const got = received.at(-1)!;
    expect(got.headers['x-nakhoda-event']).toBe('notification.test');
    const check = (secret: string) =>
      verifySignature({
        secret,
        signature: got.headers['x-nakhoda-signature'] as string,
        timestamp: got.headers['x-nakhoda-timestamp'] as string,
        body: got.raw,
        nowS: Math.floor(Date.now() / 1000),
      });
    expect(check(fresh)).toBe(true);
    expect(check(created.body.secret as string)).toBe(false);
    expect(JSON.parse(got.raw).text.id).toContain('[UJI] Notifikasi uji');
  });

  it('changes only a subscription of its own channel, and deletes it with its deliveries', async () => {
    const created = await create({ name: 'Changing', channel: 'webhook', url: hookUrl });
    const id = created.body.subscription.id as string;
    const path = `${BASE}/subscriptions/${id}`;
    const wrong = await api(server.url, 'PATCH', path, { emails: ['a@b.id'] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty('emails');
    const badUrl = await api(server.url, 'PATCH', path, { url: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.fields).toHaveProperty('url');
    const ok = await api(server.url, 'PATCH', path, { filter: { levels: ['supervisor'] } });
    expect(ok.status).toBe(200);
    expect(ok.body.subscription.filter).toEqual({
      kinds: 'all',
      agencies: 'all',
      levels: ['supervisor'],
      events: 'all',
    });
    expect(ok.body.subscription.url).toBe(hookUrl);
    await api(server.url, 'POST', `${path}/test`);
    const mine = await api(server.url, 'GET', `${BASE}/deliveries?subscription=${id}`);
    expect(mine.body.deliveries).toHaveLength(1);
    expect((await api(server.url, 'DELETE', path)).status).toBe(200);
    expect((await api(server.url, 'DELETE', path)).status).toBe(404);
    expect((await api(server.url, 'PATCH', path, { name: 'x' })).status).toBe(404);
    const gone = await api(server.url, 'GET', `${BASE}/deliveries?subscription=${id}`);
    expect(gone.body.deliveries).toEqual([]);
  });

  it('lists deliveries by valid filters only, and replays only a dead one', async () => {
    const bad = await api(server.url, 'GET', `${BASE}/deliveries?status=lost`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('status');
    const tooMany = await api(server.url, 'GET', `${BASE}/deliveries?limit=100000`);
    expect(tooMany.body.error.fields).toHaveProperty('limit');
    const delivered = (await api(server.url, 'GET', `${BASE}/deliveries?status=delivered`)).body
      .deliveries;
    expect(delivered.length).toBeGreaterThan(0);
    const replay = await api(server.url, 'POST', `${BASE}/deliveries/${delivered[0].id}/replay`);
    expect(replay.status).toBe(409);
    const missing = await api(server.url, 'POST', `${BASE}/deliveries/nope/replay`);
    expect(missing.status).toBe(404);
  });
});
