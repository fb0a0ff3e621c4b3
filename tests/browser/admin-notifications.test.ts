/**
 * The admin page's notifications section end to end in Chromium: an admin adds a webhook
 * pointing at a local receiver through the form, copies its secret from the panel that
 * shows it once (the receiver's test notification verifies with it), sends a test and
 * reads its result in the row; after dismissing and reloading, the secret and the URL's
 * key are nowhere in the page; a dead letter is listed under "dead" and replayed.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/notify/notify-signature.ts';
import { openSqliteNotifyStore } from '../../server/notify/sqlite-notify.store.ts';
import { api, startServer, tempDbFile, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  openPage,
  screenshot,
} from '../support/browser/browser.ts';

const enabled = browserAvailable();
const BASE = '/api/v1/admin/notifications';
const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };
const URL_KEY = 'gateway-key-Q7w2';

let server: TestServer;
let db: { file: string; cleanup: () => void };
let browser: Browser;
let hook: Server;
let hookUrl: string;
let hookStatus = 204;
const received: { headers: IncomingHttpHeaders; raw: string }[] = [];

/** The page's own refusals (the login check before logging in) are the only errors allowed. */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !e.includes('the server responded with a status of 401'));

async function loginAsAdmin(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${server.url}/login?next=%2Fadmin`, {
    width: 1920,
    height: 1080,
  });
  const { page } = opened;
  await page.getByTestId('login-page').waitFor();
  await page.fill('input[name="username"]', ADMIN.username);
  await page.fill('input[name="password"]', ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${server.url}/admin`);
  await page.getByTestId('admin-notifications').waitFor();
  return opened;
}

beforeAll(async () => {
  if (!enabled) return;
  hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(hookStatus).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  db = tempDbFile();
  server = await startServer({
    dbFile: db.file,
    env: { STATIC_DIR: CLIENT_DIST, NOTIFY_POLL_SECONDS: '3600' },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  db?.cleanup();
  if (hook) await new Promise((resolve) => hook.close(resolve));
});

describe.runIf(enabled)('admin: notifications', () => {
  it('adds a webhook, shows its secret once, sends a test, and replays a dead letter', async () => {
    const { page, errors } = await loginAsAdmin();
    const section = page.getByTestId('admin-notifications');
    const form = section.getByTestId('subscription-form');
    await form.locator('input[name="name"]').fill('Gateway obrolan Pusdalops');
    await form.locator('input[name="url"]').fill(`${hookUrl}?key=${URL_KEY}`);
    await form.locator('input[name="kinds-all"]').uncheck();
    await form.locator('input[name="kinds-sla_breached"]').check();
    await section.getByTestId('subscription-submit').click();

    const panel = section.getByTestId('notify-secret');
    await panel.waitFor();
    await expect(panel.textContent()).resolves.toContain('tidak akan ditampilkan lagi');
    const secret = await section.getByTestId('notify-secret-value').inputValue();
    const row = section.getByTestId('subscription-row');
    await expect(row.getByTestId('subscription-target').textContent()).resolves.toBe(
      `${hookUrl}?key=…`,
    );

    // A test notification, signed with the secret the panel showed.
    await row.getByTestId('subscription-test').click();
    const result = section.getByTestId('subscription-test-result');
    await result.waitFor();
    await expect(result.getAttribute('data-status')).resolves.toBe('delivered');
    const got = received.at(-1)!;
    expect(
      verifySignature({
        secret,
        signature: got.headers['x-nakhoda-signature'] as string,
        timestamp: got.headers['x-nakhoda-timestamp'] as string,
        body: got.raw,
        nowS: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
    await screenshot(page, 'admin-notifications');

    // Dismissed, then reloaded: the secret and the URL's key are gone for good.
    await section.getByTestId('notify-secret-dismiss').click();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await page.getByTestId('subscriptions-table').waitFor();
    await page.getByTestId('deliveries-table').waitFor();
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain(URL_KEY);

    // A failed test that then runs out of tries: a dead letter, the only one replayable.
    hookStatus = 500;
    await page.getByTestId('subscription-test').click();
    await page.getByTestId('subscription-test-result').waitFor();
    const pending = (await api(server.url, 'GET', `${BASE}/deliveries?status=pending`)).body
      .deliveries as { id: string }[];
    const store = openSqliteNotifyStore(db.file);
    await store.recordAttempt(
      pending[0]!.id,
      { status: 'dead', lastStatus: 500, lastError: 'HTTP 500 from the receiver' },
      new Date(),
    );
    await store.close();
    hookStatus = 204;
    await page.getByTestId('deliveries-status').selectOption('dead');
    const deadRow = page.locator('[data-testid="delivery-row"][data-status="dead"]');
    await deadRow.waitFor();
    await expect(page.getByTestId('delivery-row').count()).resolves.toBe(1);
    await expect(deadRow.getByTestId('delivery-last-error').textContent()).resolves.toBe(
      'HTTP 500 from the receiver',
    );
    await screenshot(page, 'admin-notifications-dead');
    await deadRow.getByTestId('delivery-replay').click();
    await page.getByText('Tidak ada kiriman.').waitFor();
    await expect
      .poll(async () => (await api(server.url, 'GET', `${BASE}/deliveries?status=dead`)).body)
      .toEqual({ deliveries: [] });
    expect(unexpected(errors)).toEqual([]);
  }, 120_000);
});
