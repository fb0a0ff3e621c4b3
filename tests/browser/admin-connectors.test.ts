/**
 * The admin page's Open311 connectors panel end to end: an admin adds a connector to a
 * port where nothing listens (mistakes shown beside their fields first), the real puller
 * fails and the row says so with the error; the remote key never appears in the page;
 * the key is replaced, the connector disabled, then deleted after a confirmation.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  openPage,
  screenshot,
} from '../support/browser/browser.ts';

const enabled = browserAvailable();
let server: TestServer;
let browser: Browser;
/** http://127.0.0.1:<a port just closed>/open311/v2: every pull is refused. */
let deadEndpoint: string;

const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };
const KEY = 'rahasia-open311-bogor-K3y9';
const NEW_KEY = 'kunci-baru-open311-bogor-Z7q2';

/** Refusals the page provokes on purpose show up as console errors; only those are allowed. */
const unexpected = (errors: string[], statuses: number[]) =>
  errors.filter(
    (e) => !statuses.some((s) => e.includes(`the server responded with a status of ${s}`)),
  );

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface StoredConnector {
  name: string;
  enabled: boolean;
  health: { lastError: string | null };
}

async function connectorsOnServer(): Promise<StoredConnector[]> {
  const res = await api(server.url, 'GET', '/api/v1/admin/connectors');
  expect(res.status).toBe(200);
  return res.body.connectors;
}

async function loginAsAdmin(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${server.url}/login?next=%2Fadmin`, { height: 1000 });
  const { page } = opened;
  await page.getByTestId('login-page').waitFor();
  await page.fill('input[name="username"]', ADMIN.username);
  await page.fill('input[name="password"]', ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${server.url}/admin`);
  await page.getByTestId('connectors-table').waitFor();
  return opened;
}

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST } });
  deadEndpoint = `http://127.0.0.1:${await freePort()}/open311/v2`;
  // Already there, switched off: its name is taken for the form's refusal below.
  const existing = await api(server.url, 'POST', '/api/v1/admin/connectors', {
    name: 'Open311 Depok',
    endpoint: deadEndpoint,
    enabled: false,
  });
  expect(existing.status).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('admin: Open311 connectors', () => {
  it('adds a connector, shows it failing with its error, never shows its key, disables and deletes it', async () => {
    const { page, errors } = await loginAsAdmin();
    const section = page.getByTestId('admin-connectors');
    const form = page.getByTestId('connector-create-form');
    const fieldError = (name: string) => form.locator(`[data-field-error="${name}"]`);
    const row = page.locator('[data-testid="connector-row"][data-name="Open311 Bogor"]');

    // Caught before sending: no URL, too short an interval, a service without its category.
    await form.locator('input[name="name"]').fill('Open311 Depok');
    await form.locator('input[name="endpoint"]').fill('bogor.example/open311/v2');
    await form.locator('input[name="pollSeconds"]').fill('2');
    await form.locator('input[name="service-0"]').fill('pothole');
    await page.getByTestId('connector-create-submit').click();
    expect(await fieldError('endpoint').textContent()).toBe(
      'URL http(s) dari /open311/v2 jarak jauh',
    );
    expect(await fieldError('pollSeconds').textContent()).toBe('Bilangan bulat 5–86.400');
    expect(await fieldError('serviceMap').textContent()).toBe(
      'Isi kode layanan beserta kategorinya',
    );

    // Refused by the server: a taken name, shown next to the name field.
    await form.locator('input[name="endpoint"]').fill(deadEndpoint);
    await form.locator('input[name="jurisdictionId"]').fill('bogor.example');
    await form.locator('input[name="apiKey"]').fill(KEY);
    expect(await form.locator('input[name="apiKey"]').getAttribute('type')).toBe('password');
    await form.locator('select[name="category-0"]').selectOption('road_damage');
    await page.getByTestId('connector-add-service').click();
    await form.locator('input[name="service-1"]').fill('banjir');
    await form.locator('select[name="category-1"]').selectOption('flooding');
    await form.locator('select[name="defaultCategory"]').selectOption('garbage');
    await form.locator('input[name="pollSeconds"]').fill('30');
    await page.getByTestId('connector-create-submit').click();
    await expect.poll(() => fieldError('name').textContent()).toBe('is taken');
    expect(await fieldError('endpoint').count()).toBe(0);

    await form.locator('input[name="name"]').fill('Open311 Bogor');
    await page.getByTestId('connector-create-submit').click();
    await row.waitFor();
    expect(await page.getByTestId('connector-notice').textContent()).toContain(
      'Konektor "Open311 Bogor" dibuat.',
    );
    // The form is emptied: the key is not kept in the page after sending.
    expect(await form.locator('input[name="apiKey"]').inputValue()).toBe('');
    expect(await row.getByTestId('connector-key').textContent()).toBe('Kunci …K3y9');
    expect(await row.locator('td').nth(1).textContent()).toBe(deadEndpoint);
    expect(await row.getByTestId('connector-enabled').textContent()).toContain('Aktif');
    expect(await row.getByTestId('connector-poll').textContent()).toBe('tiap 30 dtk');

    // What the form sent is what the server keeps.
    const stored = (await connectorsOnServer()).find((c) => c.name === 'Open311 Bogor');
    expect(stored).toMatchObject({
      endpoint: deadEndpoint,
      jurisdictionId: 'bogor.example',
      serviceMap: { pothole: 'road_damage', banjir: 'flooding' },
      defaultCategory: 'garbage',
      enabled: true,
      pollSeconds: 30,
      apiKey: { set: true, hint: '…K3y9' },
    });

    // The real puller tries at once and is refused; the panel reloads and says so.
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('failing');
    expect(await row.getByTestId('connector-health').textContent()).toBe('⚠ Gagal');
    const error = row.getByTestId('connector-error');
    expect(await error.textContent()).toContain('ECONNREFUSED');
    expect(await error.getAttribute('title')).toBe(
      (await connectorsOnServer()).find((c) => c.name === 'Open311 Bogor')?.health.lastError,
    );
    expect(await row.getByTestId('connector-last-success').textContent()).toBe('Belum pernah');
    expect(await row.getByTestId('connector-lag').textContent()).toBe('—');
    expect(await row.getByTestId('connector-counts').textContent()).toBe('0 / 0 / 0');
    // The switched-off one is not pulled, and says so in words.
    const depok = page.locator('[data-testid="connector-row"][data-name="Open311 Depok"]');
    expect(await depok.getByTestId('connector-health').textContent()).toBe('⊘ Tidak ditarik');
    expect(await page.content()).not.toContain(KEY);
    // The whole section above the fold: its end at the bottom of the window.
    await section.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'admin-connectors');

    // Replace the key: the hint changes, neither key is in the page.
    await row.getByTestId('connector-replace-key').click();
    await page.locator('.admin-table__sub input[name="apiKey"]').fill(NEW_KEY);
    await page.locator('.admin-table__sub').getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => row.getByTestId('connector-key').textContent()).toBe('Kunci …Z7q2');
    expect(await page.locator('.admin-table__sub').count()).toBe(0);
    const html = await page.content();
    expect(html).not.toContain(KEY);
    expect(html).not.toContain(NEW_KEY);

    // Disable: the server stops pulling it, and the row says it is off.
    await row.getByTestId('connector-toggle').click();
    await expect.poll(() => row.getAttribute('data-enabled')).toBe('false');
    expect(await row.getByTestId('connector-enabled').textContent()).toContain('Nonaktif');
    expect(await row.getByTestId('connector-health').textContent()).toBe('⊘ Tidak ditarik');
    expect((await connectorsOnServer()).find((c) => c.name === 'Open311 Bogor')?.enabled).toBe(
      false,
    );

    // Delete, after a confirmation in the row: gone from the table and from the server.
    await row.getByTestId('connector-delete').click();
    expect(await row.textContent()).toContain('Hapus konektor "Open311 Bogor"?');
    await row.getByTestId('connector-delete-confirm').click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await page.getByTestId('connector-notice').textContent()).toContain(
      'Konektor "Open311 Bogor" dihapus.',
    );
    expect((await connectorsOnServer()).map((c) => c.name)).toEqual(['Open311 Depok']);
    expect(unexpected(errors, [401, 409])).toEqual([]);
    await page.context().close();
  });
});
