/**
 * Email notifications on the real server, through a local SMTP server (smtp-server on port
 * 0): a breached SLA reaches every address of an email subscription as one message in
 * both languages with the link to the alert; an SMTP server that refuses the message fails
 * the try, which is retried like a webhook's. The clock is moved by hand.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slaAlertId } from '../../shared/domain/sla-watch.ts';
import { api, report, startServer, waitFor, type TestServer } from '../support/harness.ts';

const MINUTE = 60_000;

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** RFC 2047 words (=?UTF-8?Q?…?= or B) in a header, decoded and joined. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_h, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}

/** A message's Subject and its plain-text body, decoded (quoted-printable or base64). */
function readMail(raw: string): { headers: Record<string, string>; subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = headers['content-transfer-encoding'] ?? '7bit';
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_h, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8')
        : body;
  return {
    headers,
    subject: decodeHeader(headers.subject ?? ''),
    text: text.replace(/\r\n/g, '\n'),
  };
}

let now = 0;
let server: TestServer;
let smtp: SMTPServer;
let mails: Mail[];
/** Recipients the SMTP server refuses. */
let refused: Set<string>;

beforeEach(async () => {
  now = Date.parse('2026-12-01T02:00:00.000Z');
  mails = [];
  refused = new Set();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) {
        const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startServer({
    clock: () => new Date(now),
    principalRecheckMs: 3_600_000,
    env: {
      ANALYST: 'on',
      ANALYST_TICK_SECONDS: '3600',
      NOTIFY_POLL_SECONDS: '3600',
      NOTIFY_SMTP_URL: `smtp://127.0.0.1:${port}`,
      NOTIFY_FROM: 'Nakhoda Jakarta <alerts@nakhoda.example>',
      NOTIFY_PUBLIC_URL: 'https://nakhoda.example',
      SESSION_HOURS: '72',
    },
  });
});

afterEach(async () => {
  await server.dispose();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function emailSubscription(emails: string[]): Promise<string> {
  const res = await api(server.url, 'POST', '/api/v1/admin/notifications/subscriptions', {
    name: 'SDA inbox',
    channel: 'email',
    emails,
    filter: { kinds: ['sla_breached'] },
  });
  expect(res.status).toBe(201);
  expect(res.body.secret).toBeNull();
  expect(res.body.subscription).toMatchObject({ url: null, emails, hasSecret: false });
  return res.body.subscription.id as string;
}

async function breachAndSend(): Promise<string> {
  const res = await api(server.url, 'POST', '/api/v1/incidents', report({ category: 'flooding' }));
  expect(res.status).toBe(201);
  now += 61 * MINUTE;
  await server.analyst!.runner()!.tick();
  await server.app.notify!.dispatcher.flush();
  return slaAlertId('response', 'sla_breached', res.body.incident.id as string);
}

describe('email notifications', () => {
  it('mails a breach to every address, in both languages, with the link to the alert', async () => {
    await emailSubscription(['sda@jakarta.example', 'piket@jakarta.example']);
    const alertId = await breachAndSend();
    await waitFor(() => mails.length === 1);
    const [mail] = mails;
    expect(mail!.from).toBe('alerts@nakhoda.example');
    expect(mail!.to).toEqual(['sda@jakarta.example', 'piket@jakarta.example']);
    const { headers, subject, text } = readMail(mail!.raw);
    expect(headers.from).toBe('Nakhoda Jakarta <alerts@nakhoda.example>');
    expect(headers['x-nakhoda-event']).toBe('alert.raised');
    expect(subject).toBe('[KRITIS] SLA terlewati — peringatan baru / SLA missed — new alert');
    const [id, en, link] = text.trim().split('\n\n');
    expect(id).toMatch(/^\[KRITIS\] .* — peringatan baru, 1 Des 10\.01 WIB\.$/);
    expect(en).toMatch(/^\[CRITICAL\] .* — new alert, 1 Dec 10:01 WIB\.$/);
    expect(link).toBe(`https://nakhoda.example/ops?alert=${alertId}`);

    const list = await api(server.url, 'GET', '/api/v1/admin/notifications/deliveries');
    expect(list.body.deliveries).toMatchObject([
      { status: 'delivered', attempts: 1, lastStatus: 250, alertId, eventType: 'alert.raised' },
    ]);
    expect(headers['x-nakhoda-delivery']).toBe(list.body.deliveries[0].id);
  });

  it('retries when the SMTP server refuses, and delivers once it accepts', async () => {
    refused.add('sda@jakarta.example');
    await emailSubscription(['sda@jakarta.example']);
    await breachAndSend();
    const pending = await api(server.url, 'GET', '/api/v1/admin/notifications/deliveries');
    expect(pending.body.deliveries).toMatchObject([
      { status: 'pending', attempts: 1, lastStatus: 550, lastError: 'SMTP answered 550' },
    ]);
    expect(mails).toEqual([]);

    refused.clear();
    now = Date.parse(pending.body.deliveries[0].nextAttemptAt);
    await server.app.notify!.dispatcher.flush();
    await waitFor(() => mails.length === 1);
    const after = await api(server.url, 'GET', '/api/v1/admin/notifications/deliveries');
    expect(after.body.deliveries).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  });
});
