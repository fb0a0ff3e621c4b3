/**
 * The attack as it happens in a browser: a supervisor is logged in to Nakhoda, and a
 * page served from another port of the same host (same site, so SameSite=Strict still
 * sends the cookie) tries to open a socket with that session, read a snapshot with
 * reporters' phone numbers, write a note, and log the supervisor out with a form.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, startServer, type TestServer } from '../support/harness.ts';
import { REPORTER_MARK, seedPrincipals, type Principals } from '../support/principals.ts';
import { browserAvailable, launchBrowser, watchErrors } from '../support/browser/browser.ts';

const enabled = browserAvailable();
let server: TestServer;
let principals: Principals;
let browser: Browser;
let attacker: Server;
let attackerUrl: string;

const SOCKET_IO_CLIENT = readFileSync(
  join(process.cwd(), 'node_modules/socket.io-client/dist/socket.io.min.js'),
  'utf8',
);

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer();
  principals = await seedPrincipals(server);
  attacker = createServer((req, res) => {
    if (req.url === '/socket.io.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(SOCKET_IO_CLIENT);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>x</title>');
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  const addr = attacker.address();
  attackerUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  attacker?.close();
  await server?.dispose();
});

it.runIf(enabled)(
  'a page on another port of the same host cannot use the supervisor’s session',
  async () => {
    const context = await browser.newContext();
    // The supervisor logs in to Nakhoda in this browser: the cookie is set for 127.0.0.1.
    const login = await context.request.post(`${server.url}/api/v1/auth/login`, {
      data: { username: 'sup', password: 'supervisor-pass' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${attackerUrl}/`);
    await page.addScriptTag({ url: `${attackerUrl}/socket.io.min.js` });
    const outcome = await page.evaluate(
      ({ target, incident }) =>
        new Promise<{ result: string; snapshot: string }>((resolve) => {
          const w = window as unknown as { io: (url: string, opts: object) => any }; // eslint-disable-line @typescript-eslint/no-explicit-any
          const s = w.io(target, {
            transports: ['websocket'],
            withCredentials: true,
            reconnection: false,
          });
          let snapshot = '';
          s.on('snapshot', (snap: unknown) => (snapshot = JSON.stringify(snap)));
          s.on('connect_error', (err: Error) => resolve({ result: err.message, snapshot }));
          s.on('connect', () => {
            s.emit(
              'incident:update',
              { id: incident, changes: { note: 'ditulis penyerang' } },
              () => resolve({ result: 'connected', snapshot }),
            );
          });
        }),
      { target: server.url, incident: principals.dsdaIncident },
    );
    expect(outcome.result).toBe('cross_origin');
    expect(outcome.snapshot.includes(REPORTER_MARK)).toBe(false);

    // A form post from the attacker's page: neither a report nor a logout goes through.
    await page.evaluate(
      ({ target }) =>
        fetch(`${target}/api/v1/auth/logout`, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          body: new URLSearchParams({ x: '1' }),
          // The request is sent; reading the answer is blocked (Cross-Origin-Resource-Policy).
        }).catch(() => undefined),
      { target: server.url },
    );
    const history = await api(server.url, 'GET', `/api/v1/incidents/${principals.dsdaIncident}`);
    const notes = history.body.history.map((e: { data: { note?: string } }) => e.data.note);
    expect(notes).not.toContain('ditulis penyerang');
    // The supervisor is still logged in: the same browser context reads as before.
    const me = await context.request.get(`${server.url}/api/v1/auth/me`);
    expect(me.status()).toBe(200);
    expect(errors.filter((e) => !e.includes('WebSocket') && !e.includes('Failed to load'))).toEqual(
      [],
    );
    await context.close();
  },
);
