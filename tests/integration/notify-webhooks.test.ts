/**
 * Webhook notifications on the real server: the analyst walks a breached SLA up its chain
 * and a local receiver (node:http on port 0) gets one signed POST per step; a receiver that
 * answers 500 gets the backoff's retries until the delivery is dead, listed as a dead letter,
 * and a replay delivers it once the receiver answers 200. The server runs on a clock the
 * test moves by hand; the analyst ticks and the sender runs only when the test asks
 * (ANALYST_TICK_SECONDS and NOTIFY_POLL_SECONDS are an hour).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slaAlertId } from '../../shared/domain/sla-watch.ts';
import type { AnalystRunner } from '../../server/analyst/analyst-runner.ts';
import { MAX_TRIES, RETRY_DELAYS_MS } from '../../server/notify/notify-backoff.ts';
import type { NotificationBody } from '../../server/notify/notify-message.ts';
import { verifySignature } from '../../server/notify/notify-signature.ts';
import { api, report, startServer, waitFor, type TestServer } from '../support/harness.ts';

const MINUTE = 60_000;

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: NotificationBody;
  /** The test clock when it came, in unix seconds: a receiver checks the timestamp against it. */
  nowS: number;
}

/** A webhook receiver: keeps every POST as it came, answers with `status`. */
async function startReceiver() {
  const received: Received[] = [];
  const receiver = { status: 200, received, url: '', close: () => undefined as unknown };
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as NotificationBody,
        nowS: Math.floor(now / 1000),
      });
      res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks/nakhoda`;
  receiver.close = () => new Promise((resolve) => http.close(resolve));
  return receiver;
}

let now = Date.parse('2026-12-01T02:00:00.000Z');
let server: TestServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeEach(async () => {
  now = Date.parse('2026-12-01T02:00:00.000Z');
  receiver = await startReceiver();
  server = await startServer({
    clock: () => new Date(now),
    principalRecheckMs: 3_600_000,
    env: {
      ANALYST: 'on',
      ANALYST_TICK_SECONDS: '3600',
      NOTIFY_POLL_SECONDS: '3600',
      NOTIFY_PUBLIC_URL: 'https://nakhoda.example/',
      SESSION_HOURS: '72',
    },
  });
});

afterEach(async () => {
  await server.dispose();
  await receiver.close();
});

function runner(): AnalystRunner {
  const r = server.analyst?.runner();
  if (!r) throw new Error('the analyst is not running on this node');
  return r;
}

/** One analyst tick at the current time, then whatever it notified sent. */
async function tickAndSend(): Promise<void> {
  await runner().tick();
  await server.app.notify!.dispatcher.flush();
}

async function subscribe(filter: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const res = await api(server.url, 'POST', '/api/v1/admin/notifications/subscriptions', {
    name: 'SDA desk bot',
    channel: 'webhook',
    url: receiver.url,
    filter,
  });
  expect(res.status).toBe(201);
  return { id: res.body.subscription.id, secret: res.body.secret };
}

/** A flood report whose 60-minute response clock has just been missed. */
async function breachedFlood(): Promise<string> {
  const res = await api(server.url, 'POST', '/api/v1/incidents', report({ category: 'flooding' }));
  expect(res.status).toBe(201);
  now += 61 * MINUTE;
  return slaAlertId('response', 'sla_breached', res.body.incident.id as string);
}

const verifies = (r: Received, secret: string) =>
  verifySignature({
    secret,
    signature: r.headers['x-nakhoda-signature'] as string,
    timestamp: r.headers['x-nakhoda-timestamp'] as string,
    body: r.raw,
    nowS: r.nowS,
  });

describe('webhook notifications', () => {
  it('sends one signed webhook per step of a breach escalating desk → head → supervisor', async () => {
    const { secret } = await subscribe({
      kinds: ['sla_breached'],
      events: ['raised', 'escalated'],
    });
    const alertId = await breachedFlood();
    await tickAndSend();
    await waitFor(() => receiver.received.length === 1);
    now += 15 * MINUTE;
    await tickAndSend();
    await waitFor(() => receiver.received.length === 2);
    now += 30 * MINUTE;
    await tickAndSend();
    await waitFor(() => receiver.received.length === 3);
    // A later tick with nothing new, and another sender run, send nothing more.
    now += 60 * MINUTE;
    await tickAndSend();
    expect(receiver.received).toHaveLength(3);

    const got = receiver.received;
    expect(got.map((r) => r.headers['x-nakhoda-event'])).toEqual([
      'alert.raised',
      'alert.escalated',
      'alert.escalated',
    ]);
    expect(got.map((r) => r.body.alert?.level)).toEqual(['desk', 'head', 'supervisor']);
    expect(got.every((r) => r.body.alert?.id === alertId)).toBe(true);
    for (const r of got) {
      expect(verifies(r, secret)).toBe(true);
      expect(verifies(r, `${secret}x`)).toBe(false);
      expect(r.headers['x-nakhoda-delivery']).toBe(r.body.deliveryId);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body.url).toBe(`https://nakhoda.example/ops?alert=${alertId}`);
    }
    expect(new Set(got.map((r) => r.body.deliveryId)).size).toBe(3);
    const seqs = got.map((r) => r.body.event!.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(got[1]!.body.text.id).toContain('eskalasi ke Kepala Dinas Sumber Daya Air');
    expect(got[2]!.body.text.en).toContain('escalated to the command center supervisor');
    expect(got[0]!.body.text.id).toMatch(/^\[KRITIS\] /);
    expect(got[0]!.body.text.id).toContain('WIB');

    const list = await api(server.url, 'GET', '/api/v1/admin/notifications/deliveries');
    expect(list.status).toBe(200);
    expect(list.body.deliveries).toHaveLength(3);
    for (const d of list.body.deliveries) {
      expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, alertId });
    }
    const subs = await api(server.url, 'GET', '/api/v1/admin/notifications/subscriptions');
    expect(subs.body.subscriptions[0].counts).toMatchObject({ delivered: 3, pending: 0, dead: 0 });
  });

  it('retries a receiver answering 500 on the backoff, then dead-letters it, and a replay delivers it', async () => {
    receiver.status = 500;
    const { id: subscriptionId, secret } = await subscribe({ events: ['raised'] });
    await breachedFlood();
    await tickAndSend();
    await waitFor(() => receiver.received.length === 1);

    for (let i = 0; i < RETRY_DELAYS_MS.length; i++) {
      const pending = await api(
        server.url,
        'GET',
        '/api/v1/admin/notifications/deliveries?status=pending',
      );
      expect(pending.body.deliveries).toHaveLength(1);
      const due = Date.parse(pending.body.deliveries[0].nextAttemptAt) - now;
      // The schedule's delay, give or take its 20 % jitter.
      expect(due).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[i]! * 0.8 - 1);
      expect(due).toBeLessThanOrEqual(RETRY_DELAYS_MS[i]! * 1.2 + 1);
      // Not before it is due.
      now += due - 1000;
      await server.app.notify!.dispatcher.flush();
      expect(receiver.received).toHaveLength(i + 1);
      now += 1000;
      await server.app.notify!.dispatcher.flush();
      expect(receiver.received).toHaveLength(i + 2);
    }
    expect(receiver.received).toHaveLength(MAX_TRIES);
    const ids = new Set(receiver.received.map((r) => r.headers['x-nakhoda-delivery']));
    expect(ids.size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1);

    const dead = await api(server.url, 'GET', '/api/v1/admin/notifications/deliveries?status=dead');
    expect(dead.body.deliveries).toHaveLength(1);
    const letter = dead.body.deliveries[0];
    expect(letter).toMatchObject({
      subscriptionId,
      subscriptionName: 'SDA desk bot',
      eventType: 'alert.raised',
      attempts: MAX_TRIES,
      lastStatus: 500,
      lastError: 'answered HTTP 500',
      nextAttemptAt: null,
    });
    // Dead stays dead: a day later nothing more is sent.
    now += 24 * 60 * MINUTE;
    await server.app.notify!.dispatcher.flush();
    expect(receiver.received).toHaveLength(MAX_TRIES);

    receiver.status = 200;
    const replay = await api(
      server.url,
      'POST',
      `/api/v1/admin/notifications/deliveries/${letter.id}/replay`,
    );
    expect(replay.status).toBe(200);
    expect(replay.body.delivery).toMatchObject({ status: 'pending', attempts: MAX_TRIES });
    await server.app.notify!.dispatcher.flush();
    await waitFor(() => receiver.received.length === MAX_TRIES + 1);
    const last = receiver.received.at(-1)!;
    expect(last.headers['x-nakhoda-delivery']).toBe(letter.id);
    expect(last.raw).toBe(receiver.received[0]!.raw);
    expect(verifies(last, secret)).toBe(true);
    // The same request captured at the first try is refused now: outside the replay window.
    expect(verifies({ ...receiver.received[0]!, nowS: last.nowS }, secret)).toBe(false);

    const after = await api(server.url, 'GET', '/api/v1/admin/notifications/deliveries');
    expect(after.body.deliveries).toMatchObject([
      { id: letter.id, status: 'delivered', attempts: MAX_TRIES + 1, lastStatus: 200 },
    ]);
    const again = await api(
      server.url,
      'POST',
      `/api/v1/admin/notifications/deliveries/${letter.id}/replay`,
    );
    expect(again.status).toBe(409);
    await server.app.notify!.dispatcher.flush();
    expect(receiver.received).toHaveLength(MAX_TRIES + 1);
  });

  it('sends nothing to a disabled subscription or one whose filter does not match', async () => {
    const off = await subscribe({});
    expect(
      (
        await api(server.url, 'PATCH', `/api/v1/admin/notifications/subscriptions/${off.id}`, {
          enabled: false,
        })
      ).status,
    ).toBe(200);
    await subscribe({ agencies: ['bina_marga'] });
    await subscribe({ levels: ['supervisor'] });
    await breachedFlood();
    await tickAndSend();
    expect(receiver.received).toHaveLength(0);
    const list = await api(server.url, 'GET', '/api/v1/admin/notifications/deliveries');
    expect(list.body.deliveries).toEqual([]);
  });
});
