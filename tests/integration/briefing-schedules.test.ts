/**
 * Scheduled briefings on the real server, with a local SMTP server and a local webhook
 * receiver: when a weekly schedule's send time (Monday 07:00 WIB) has passed, one tick of
 * the runner sends last week's PDF pack once by email (attached; its text has the city's
 * title and the week's count) and once by signed webhook (JSON with the PDF in base64);
 * another tick sends nothing more. "Send now" re-sends a chosen past week; bad schedules
 * are refused naming the field, with nothing stored; only admins may manage them. The
 * clock is moved by hand.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/notify/notify-signature.ts';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
import { readMultipart, startSmtp } from '../support/mail.ts';
import { pdfText } from '../support/pdf-text.ts';
import { seedPrincipals } from '../support/principals.ts';

const BASE = '/api/v1/admin/briefing-schedules';
/** Wednesday 25 Nov 2026, 10:00 WIB: in the week of Mon 23 – Sun 29 Nov. */
const IN_WEEK = Date.parse('2026-11-25T03:00:00.000Z');
/** Monday 30 Nov 2026, 06:50 and 07:05 WIB. */
const BEFORE_SEND = Date.parse('2026-11-29T23:50:00.000Z');
const AFTER_SEND = Date.parse('2026-11-30T00:05:00.000Z');

let now = IN_WEEK;
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hook: { url: string; posts: { headers: IncomingHttpHeaders; body: string }[]; http: Server };

beforeEach(async () => {
  now = IN_WEEK;
  smtp = await startSmtp();
  const posts: { headers: IncomingHttpHeaders; body: string }[] = [];
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  hook = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks/rapat`,
    posts,
    http,
  };
  server = await startServer({
    clock: () => new Date(now),
    bodyLimit: '1mb',
    env: {
      NOTIFY_POLL_SECONDS: '3600',
      NOTIFY_SMTP_URL: smtp.url,
      NOTIFY_FROM: 'Nakhoda Jakarta <briefing@nakhoda.example>',
      NOTIFY_PUBLIC_URL: 'https://nakhoda.example',
    },
  });
});

afterEach(async () => {
  await server.dispose();
  await smtp.close();
  await new Promise((resolve) => hook.http.close(resolve));
});

const tick = () => server.app.briefings!.runner.runner()!.tick();

async function reports(n: number, category = 'road_damage') {
  for (let i = 0; i < n; i++) {
    const res = await api(server.url, 'POST', '/api/v1/incidents', report({ category }));
    expect(res.status).toBe(201);
  }
}

const weekly = (extra: Record<string, unknown>) => ({
  name: 'Rapat mingguan',
  period: 'week',
  time: '07:00',
  weekday: 1,
  ...extra,
});

describe('scheduled briefings', () => {
  it('sends last week once by email and once by signed webhook when the time has passed', async () => {
    await reports(7);
    await reports(3, 'flooding');
    now = BEFORE_SEND;
    const mail = await api(
      server.url,
      'POST',
      BASE,
      weekly({ channel: 'email', emails: ['pimpinan@jakarta.go.id'] }),
    );
    expect(mail.status).toBe(201);
    expect(mail.body.secret).toBeNull();
    const wh = await api(
      server.url,
      'POST',
      BASE,
      weekly({
        name: 'Bina Marga',
        agency: 'bina_marga',
        locale: 'en',
        channel: 'webhook',
        url: hook.url,
      }),
    );
    expect(wh.status).toBe(201);
    const secret = wh.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(wh.body.schedule).toMatchObject({ hasSecret: true, url: hook.url, lastSend: null });

    // 06:50 WIB: this week's send time has not come, and last week's came before the schedules.
    expect(await tick()).toEqual({ added: 0, delivered: 0, failed: 0 });
    now = AFTER_SEND;
    expect(await tick()).toEqual({ added: 2, delivered: 2, failed: 0 });
    expect(await tick()).toEqual({ added: 0, delivered: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(hook.posts).toHaveLength(1);

    const m = readMultipart(smtp.mails[0]!.raw);
    expect(smtp.mails[0]!.to).toEqual(['pimpinan@jakarta.go.id']);
    expect(m.subject).toContain('Ringkasan mingguan');
    expect(m.subject).toContain('Weekly briefing');
    expect(m.text.indexOf('Insiden diterima: 10 (dari 10 laporan warga)')).toBeLessThan(
      m.text.indexOf('Incidents received: 10 (from 10 citizen reports)'),
    );
    expect(m.text).toContain(
      'https://nakhoda.example/briefing?period=custom&start=2026-11-23&end=2026-11-29',
    );
    expect(m.attachments).toHaveLength(1);
    const attached = m.attachments[0]!;
    expect(attached.contentType).toBe('application/pdf');
    expect(attached.filename).toBe('nakhoda-ringkasan-kota-2026-11-23.pdf');
    const text = pdfText(attached.content);
    expect(text).toContain('Ringkasan Kinerja Layanan Aduan Warga');
    expect(text).toContain('Pusat Komando DKI Jakarta');
    expect(text).toMatch(/Insiden diterima\s+10\s/);

    const post = hook.posts[0]!;
    expect(
      verifySignature({
        secret,
        signature: post.headers['x-nakhoda-signature'] as string,
        timestamp: post.headers['x-nakhoda-timestamp'] as string,
        body: post.body,
        nowS: Math.floor(now / 1000),
      }),
    ).toBe(true);
    expect(post.headers['x-nakhoda-event']).toBe('briefing.scheduled');
    const payload = JSON.parse(post.body);
    expect(payload).toMatchObject({
      schedule: { name: 'Bina Marga', period: 'week' },
      scope: { agency: 'bina_marga' },
      period: { from: '2026-11-22T17:00:00.000Z', to: '2026-11-29T17:00:00.000Z' },
      pdf: {
        contentType: 'application/pdf',
        filename: 'nakhoda-ringkasan-bina-marga-2026-11-23.pdf',
      },
    });
    expect(payload.link).toMatch(/^https:\/\/nakhoda\.example\/briefing\?.*agency=bina_marga/);
    const hookPdf = Buffer.from(payload.pdf.base64, 'base64');
    const hookText = pdfText(hookPdf);
    expect(hookText).toContain('Citizen Service Performance Briefing');
    expect(hookText).toMatch(/Incidents received\s+7\s/);

    const list = await api(server.url, 'GET', BASE);
    const byName = new Map(list.body.schedules.map((s: { name: string }) => [s.name, s]));
    expect(byName.get('Bina Marga')).toMatchObject({
      lastSend: { status: 'delivered', manual: false, attempts: 1, sizeBytes: hookPdf.byteLength },
    });
  });

  it('sends a chosen past week now, again on request, and refuses one not yet ended', async () => {
    await reports(4);
    now = AFTER_SEND;
    const made = await api(server.url, 'POST', BASE, weekly({ channel: 'webhook', url: hook.url }));
    const id = made.body.schedule.id as string;
    for (const round of [1, 2]) {
      const sent = await api(server.url, 'POST', `${BASE}/${id}/send-now`, { date: '2026-11-25' });
      expect(sent.status).toBe(201);
      expect(sent.body.send).toMatchObject({
        status: 'delivered',
        manual: true,
        periodFrom: '2026-11-22T17:00:00.000Z',
      });
      expect(hook.posts).toHaveLength(round);
    }
    const current = await api(server.url, 'POST', `${BASE}/${id}/send-now`, { date: '2026-11-30' });
    expect(current.status).toBe(422);
    expect(current.body.error.fields).toHaveProperty('date');
    const bad = await api(server.url, 'POST', `${BASE}/${id}/send-now`, { date: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('date');
    const sends = await api(server.url, 'GET', `${BASE}/${id}/sends`);
    expect(sends.body.sends).toHaveLength(2);
  });

  it('refuses a bad schedule naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [weekly({ channel: 'email', emails: ['a@b.go.id'], agency: 'no_such_agency' }), 'agency'],
      [weekly({ channel: 'email', emails: ['a@b.go.id'], time: '25:00' }), 'time'],
      [weekly({ channel: 'email', emails: ['a@b.go.id'], weekday: 8 }), 'weekday'],
      [weekly({ channel: 'email', emails: ['not-an-address'] }), 'emails.0'],
      [weekly({ channel: 'webhook' }), 'url'],
      [weekly({ channel: 'email', emails: ['a@b.go.id'], period: 'day' }), 'period'],
      [{ ...weekly({ channel: 'email', emails: ['a@b.go.id'] }), period: 'month' }, 'weekday'],
    ];
    for (const [body, field] of cases) {
      const res = await api(server.url, 'POST', BASE, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
    }
    expect((await api(server.url, 'GET', BASE)).body.schedules).toEqual([]);
  });

  it('lets only admins manage schedules', async () => {
    const p = await seedPrincipals(server);
    for (const who of [
      'anonymous',
      'supervisor',
      'agency',
      'viewer',
      'display',
      'ingest',
    ] as const) {
      const list = await p.call(who, 'GET', BASE);
      expect(list.status, who).toBeGreaterThanOrEqual(401);
      expect(list.status, who).toBeLessThanOrEqual(403);
      const made = await p.call(who, 'POST', BASE, weekly({ channel: 'webhook', url: hook.url }));
      expect(made.status, who).toBeGreaterThanOrEqual(401);
      expect(made.status, who).toBeLessThanOrEqual(403);
    }
    expect((await p.call('admin', 'GET', BASE)).status).toBe(200);
  });
});
