/**
 * /admin's scheduled briefings on the real build in Debian's Chromium: an admin adds a
 * weekly webhook schedule with the form, sees its signing secret once, sends a past week
 * now and sees the last send delivered, with the PDF's size; the receiver got it signed.
 * The section's screenshot (test-output/screenshots) is the README's, copied to docs/ by hand.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/notify/notify-signature.ts';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  openPage,
  SCREENSHOTS,
} from '../support/browser/browser.ts';

const enabled = browserAvailable();
let server: TestServer;
let browser: Browser;
let hook: Server;
let hookUrl = '';
const received: { headers: IncomingHttpHeaders; raw: string }[] = [];

beforeAll(async () => {
  if (!enabled) return;
  hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/rapat`;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST, NOTIFY_POLL_SECONDS: '3600' } });
  for (let i = 0; i < 3; i++) await api(server.url, 'POST', '/api/v1/incidents', report());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  await new Promise((resolve) => hook?.close(resolve));
});

describe.runIf(enabled)('/admin scheduled briefings', () => {
  it('adds a weekly webhook schedule, shows its secret once, and sends a past week now', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/admin`, {
      token: ADMIN_TOKEN,
      width: 1600,
      height: 1000,
    });
    const section = page.getByTestId('admin-briefing-schedules');
    await section.waitFor();
    const form = page.getByTestId('schedule-form');
    await form.locator('input[name="name"]').fill('Rapat mingguan Bina Marga');
    await form.locator('select[name="agency"]').selectOption('bina_marga');
    await form.locator('select[name="channel"]').selectOption('webhook');
    await form.locator('input[name="url"]').fill(hookUrl);
    await page.getByTestId('schedule-submit').click();
    const secret = await page.getByTestId('schedule-secret-value').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('schedule-secret-dismiss').click();

    const row = page.getByTestId('schedule-row');
    await expect.poll(() => row.count()).toBe(1);
    await row.getByTestId('schedule-send-now').click();
    await page.locator('[data-testid="schedule-last-send"][data-status="delivered"]').waitFor();
    expect(received).toHaveLength(1);
    const post = received[0]!;
    expect(
      verifySignature({
        secret,
        signature: post.headers['x-nakhoda-signature'] as string,
        timestamp: post.headers['x-nakhoda-timestamp'] as string,
        body: post.raw,
        nowS: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
    expect(JSON.parse(post.raw).scope).toEqual({ agency: 'bina_marga' });
    expect(await row.getByTestId('schedule-last-send').textContent()).toMatch(/terkirim.*KB/);

    const shot = `${SCREENSHOTS}/admin-briefing-schedules.png`;
    await section.screenshot({ path: shot, timeout: 60_000 });
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });
});
