/**
 * Request logs: one JSON line per request, with its request id, and no credential in
 * any line whichever way the request carried it.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  requestIdOf,
  requestLogger,
} from '../../../../server/observability/logger.ts';

const lines: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  const logger = createLogger({ level: 'debug', destination: { write: (l) => lines.push(l) } });
  const app = express();
  app.use(requestLogger(logger));
  app.get('/healthz', (_req, res) => res.json({ ok: true }));
  app.use((_req, res) => {
    res.cookie('nakhoda_session', 'secret-set-cookie').status(200).send('ok');
  });
  server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Sends one request and returns the log line carrying its request id. */
async function logOf(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers });
  await res.text();
  const id = res.headers.get('x-request-id');
  const line = lines.find((l) => JSON.parse(l).req?.id === id);
  if (!line) throw new Error(`no log line for request ${id}`);
  return { line, entry: JSON.parse(line), res };
}

describe('no credential reaches a log line', () => {
  it.each([
    ['an Authorization header', '/api/v1/incidents', { authorization: 'Bearer secret-bearer' }],
    ['a Cookie header', '/ops', { cookie: 'nakhoda_session=secret-cookie' }],
    ['a wall token in the query', '/wall?token=secret-wall-token', {}],
    ['a login code in the query', '/login?code=secret-code&next=%2Fops', {}],
    ['a pairing code in the query', '/wall?pair=SECRET-PAIR', {}],
    ['a token in a referer', '/assets/app.js', { referer: 'http://x/wall?token=secret-ref' }],
    ['a Set-Cookie in the answer', '/anything', {}],
  ])('%s', async (_what, path, headers) => {
    const { line } = await logOf(path, headers);
    expect(line).not.toMatch(/secret/i);
  });

  it('says which parameters were there, with their values replaced', async () => {
    const { entry } = await logOf('/wall?token=secret-wall-token&scene=heatmap', {
      authorization: 'Bearer secret-bearer',
    });
    expect(entry.req.url).toBe('/wall?token=[redacted]&scene=heatmap');
    expect(entry.req.method).toBe('GET');
    expect(entry.res.statusCode).toBe(200);
  });
});

describe('request ids', () => {
  it('makes one when none comes, and sends it back', async () => {
    const a = await logOf('/x');
    const b = await logOf('/x');
    expect(a.entry.req.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.entry.req.id).not.toBe(b.entry.req.id);
  });

  it("keeps a caller's short safe id", async () => {
    const { entry, res } = await logOf('/x', { 'x-request-id': 'nginx-7f3a.42' });
    expect(res.headers.get('x-request-id')).toBe('nginx-7f3a.42');
    expect(entry.req.id).toBe('nginx-7f3a.42');
  });

  it.each([
    ['too long', 'a'.repeat(65)],
    ['with spaces and quotes', 'id" injected'],
    ['empty', ''],
  ])('replaces an incoming id %s', (_what, id) => {
    expect(requestIdOf(id)).not.toBe(id);
    expect(requestIdOf(id)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('levels', () => {
  it('logs health probes at debug and other requests at info', async () => {
    expect((await logOf('/healthz')).entry.level).toBe(20);
    expect((await logOf('/ops')).entry.level).toBe(30);
  });
});
