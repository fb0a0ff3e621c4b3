/**
 * The admin page end to end: an admin logs in, manages a user (server field errors shown
 * beside their fields, create, change role, disable, enable, reset password), creates an
 * ingest key that can post only as its channel, and a wall display token paired by a
 * one-time code: its link, opened in a fresh browser, shows the wall live and leaves no
 * code or token in the URL; the code works once; "Pair again" moves the wall.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
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

const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };
const CODE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;
const TEN_MINUTES = 10 * 60_000;
/** hh:mm in Jakarta, as the admin page shows a time. */
const wib = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Jakarta',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);

/** Refusals the page provokes on purpose show up as console errors; only those are allowed. */
const unexpected = (errors: string[], statuses: number[]) =>
  errors.filter(
    (e) => !statuses.some((s) => e.includes(`the server responded with a status of ${s}`)),
  );

const loginApi = (username: string, password: string) =>
  api(server.url, 'POST', '/api/v1/auth/login', { username, password }, { authorization: '' });

const row = (page: Page, username: string) =>
  page.locator(`[data-testid="user-row"][data-username="${username}"]`);

async function loginAsAdmin(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${server.url}/login?next=%2Fadmin`);
  const { page } = opened;
  await page.getByTestId('login-page').waitFor();
  await page.fill('input[name="username"]', ADMIN.username);
  await page.fill('input[name="password"]', ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${server.url}/admin`);
  await page.getByTestId('users-table').waitFor();
  await page.getByTestId('tokens-table').waitFor();
  return opened;
}

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST } });
  await api(server.url, 'POST', '/api/v1/admin/users', {
    username: 'pemantau',
    name: 'Pemantau Uji',
    role: 'viewer',
    password: 'pemantau-rahasia-1',
  });
  for (let i = 0; i < 6; i++) {
    await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ location: { lon: 106.8 + i * 0.012, lat: -6.17 - i * 0.007 } }),
    );
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('admin page', () => {
  it('creates and manages a user, with each refusal beside its field', async () => {
    const { page, errors } = await loginAsAdmin();
    const form = page.getByTestId('user-create-form');
    const fieldError = (name: string) => form.locator(`[data-field-error="${name}"]`);

    // Caught before sending: too short a password, and an agency operator without agency.
    await form.locator('input[name="username"]').fill('operator.sda');
    await form.locator('input[name="name"]').fill('Operator SDA');
    await form.locator('select[name="role"]').selectOption('agency');
    await form.locator('input[name="password"]').fill('pendek');
    await page.getByTestId('user-create-submit').click();
    expect(await fieldError('password').textContent()).toBe('Minimal 10 karakter');
    expect(await fieldError('agency').textContent()).toBe('Operator dinas perlu dinas');

    // Refused by the server: a taken username, shown next to the username field.
    await form.locator('input[name="username"]').fill('pemantau');
    await form.locator('select[name="agency"]').selectOption('dsda');
    await form.locator('input[name="password"]').fill('operator-rahasia-1');
    await page.getByTestId('user-create-submit').click();
    await expect.poll(() => fieldError('username').textContent()).toBe('is taken');
    expect(await fieldError('password').count()).toBe(0);

    await form.locator('input[name="username"]').fill('operator.sda');
    await page.getByTestId('user-create-submit').click();
    await row(page, 'operator.sda').waitFor();
    expect(await row(page, 'operator.sda').textContent()).toContain('Operator dinas');
    expect((await loginApi('operator.sda', 'operator-rahasia-1')).status).toBe(200);

    // Change role to viewer.
    await row(page, 'operator.sda').getByRole('button', { name: 'Ubah peran' }).click();
    await page.locator('.admin-table__sub select[name="role"]').selectOption('viewer');
    await page.locator('.admin-table__sub').getByRole('button', { name: 'Simpan' }).click();
    await expect
      .poll(() => row(page, 'operator.sda').getByTestId('user-role').textContent())
      .toBe('Pemantau');

    // Disable: the login is refused; enable again.
    await row(page, 'operator.sda').getByTestId('user-toggle').click();
    await expect
      .poll(() => row(page, 'operator.sda').getByTestId('user-status').textContent())
      .toContain('Nonaktif');
    expect((await loginApi('operator.sda', 'operator-rahasia-1')).status).toBe(401);
    await row(page, 'operator.sda').getByTestId('user-toggle').click();
    await expect
      .poll(() => row(page, 'operator.sda').getByTestId('user-status').textContent())
      .toContain('Aktif');

    // Reset the password: the old one stops working, the new one works.
    await row(page, 'operator.sda').getByRole('button', { name: 'Atur ulang sandi' }).click();
    await page.locator('.admin-table__sub input[name="password"]').fill('sandi-baru-rahasia');
    await page.locator('.admin-table__sub').getByRole('button', { name: 'Simpan' }).click();
    await page
      .getByTestId('user-row-notice')
      .filter({ hasText: 'Kata sandi operator.sda diganti.' })
      .waitFor();
    expect((await loginApi('operator.sda', 'operator-rahasia-1')).status).toBe(401);
    expect((await loginApi('operator.sda', 'sandi-baru-rahasia')).status).toBe(200);

    // The admin's own row cannot lock them out.
    expect(await row(page, 'admin').getByTestId('user-toggle').isDisabled()).toBe(true);
    expect(unexpected(errors, [401, 409])).toEqual([]);
    await page.context().close();
  });

  it('creates an ingest key that posts only as its own channel', async () => {
    const { page, errors } = await loginAsAdmin();
    const form = page.getByTestId('token-create-form');
    await form.locator('select[name="kind"]').selectOption('ingest');
    await form.locator('input[name="label"]').fill('Integrasi Qlue');
    await form.locator('select[name="source"]').selectOption('qlue');
    await page.getByTestId('token-create-submit').click();
    const secret = await page.getByTestId('token-secret-value').inputValue();
    expect(secret).toMatch(/^nki_/);
    const as = (source: string) =>
      api(server.url, 'POST', '/api/v1/incidents', report({ source }), {
        authorization: `Bearer ${secret}`,
      });
    expect((await as('qlue')).status).toBe(201);
    expect((await as('jaki')).status).toBe(403);
    expect(unexpected(errors, [401])).toEqual([]);
    await page.context().close();
  });

  it('pairs a wall with a one-time code: its link opens a live wall and no token is in a URL', async () => {
    const { page, errors } = await loginAsAdmin();
    const form = page.getByTestId('token-create-form');
    await form.locator('select[name="kind"]').selectOption('display');
    await form.locator('input[name="label"]').fill('Layar utama ruang kendali');
    const before = Date.now();
    await page.getByTestId('token-create-submit').click();
    const panel = page.getByTestId('wall-pairing');
    await panel.waitFor();
    const after = Date.now();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    const code = (await page.getByTestId('pairing-code').textContent()) ?? '';
    expect(code).toMatch(CODE);
    // Valid ten minutes, shown in the city's time (id-ID writes 14.05.09).
    const expiry = (await page.getByTestId('pairing-expiry').textContent()) ?? '';
    const shown = expiry.match(/sampai (\d\d)[.:](\d\d)[.:]\d\d WIB$/);
    expect([wib(before + TEN_MINUTES), wib(after + TEN_MINUTES)]).toContain(
      `${shown?.[1]}:${shown?.[2]}`,
    );
    const link = await page.getByTestId('pairing-wall-url').inputValue();
    expect(link).toBe(`${server.url}/wall?pair=${code}`);
    expect(await page.content()).not.toContain('nkd_');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url,
    });
    await page.getByTestId('token-copy').click();
    await expect.poll(() => page.getByTestId('token-copy').textContent()).toBe('✓ Tersalin');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await screenshot(page, 'admin');

    // A fresh browser, as the wall's own screen would be: it pairs, keeps the token, drops the code.
    const wall = await openPage(browser, link);
    await expect
      .poll(() => wall.page.getByTestId('live-indicator').getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('live');
    expect(new URL(wall.page.url()).pathname).toBe('/wall');
    expect(new URL(wall.page.url()).search).toBe('');
    const secret = (await wall.page.evaluate(() => localStorage.getItem('nakhoda.token'))) ?? '';
    expect(secret).toMatch(/^nkd_/);
    // A reload keeps working from storage alone.
    await wall.page.reload();
    await expect
      .poll(() => wall.page.getByTestId('live-indicator').getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('live');
    expect(unexpected(wall.errors, [])).toEqual([]);

    // The code is spent: the same link elsewhere says so, in both languages, and pairs nothing.
    const reused = await openPage(browser, link);
    const failed = reused.page.getByTestId('wall-pairing-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('sudah dipakai');
    expect(await failed.textContent()).toContain('already been used');
    expect(new URL(reused.page.url()).searchParams.has('pair')).toBe(false);
    expect(await reused.page.evaluate(() => localStorage.getItem('nakhoda.token'))).toBeNull();
    expect(unexpected(reused.errors, [404])).toEqual([]);
    await screenshot(reused.page, 'wall-pairing-failed');
    await reused.page.context().close();

    // A token in the URL is not taken any more.
    const old = await openPage(browser, `${server.url}/wall?token=${secret}`);
    await old.page.getByTestId('app-unauthenticated').waitFor();
    expect(await old.page.evaluate(() => localStorage.getItem('nakhoda.token'))).toBeNull();
    expect(unexpected(old.errors, [401])).toEqual([]);
    await old.page.context().close();

    // "Pair again" for a wall whose storage was wiped: a new code; the new wall replaces the old.
    await page.getByTestId('pairing-dismiss').click();
    expect(await panel.count()).toBe(0);
    const tokenRow = page.locator(
      '[data-testid="token-row"][data-label="Layar utama ruang kendali"]',
    );
    await tokenRow.getByTestId('token-pair-again').click();
    await panel.waitFor();
    const code2 = (await page.getByTestId('pairing-code').textContent()) ?? '';
    expect(code2).toMatch(CODE);
    expect(code2).not.toBe(code);
    const second = await openPage(browser, await page.getByTestId('pairing-wall-url').inputValue());
    await expect
      .poll(() => second.page.getByTestId('live-indicator').getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('live');
    const secret2 = (await second.page.evaluate(() => localStorage.getItem('nakhoda.token'))) ?? '';
    expect(secret2).toMatch(/^nkd_/);
    expect(secret2).not.toBe(secret);
    const asFirst = await api(server.url, 'GET', '/api/v1/city', undefined, {
      authorization: `Bearer ${secret}`,
    });
    expect(asFirst.status).toBe(401);
    await wall.page.context().close();

    // Revoke, with confirmation: the token stops working.
    await tokenRow.getByTestId('token-revoke').click();
    await tokenRow.getByTestId('token-revoke-confirm').click();
    await expect.poll(() => tokenRow.getAttribute('data-revoked')).toBe('true');
    expect(await tokenRow.getByTestId('token-status').textContent()).toContain('Dicabut');
    expect(await tokenRow.getByTestId('token-pair-again').count()).toBe(0);
    const refused = await api(server.url, 'GET', '/api/v1/city', undefined, {
      authorization: `Bearer ${secret2}`,
    });
    expect(refused.status).toBe(401);
    expect(unexpected(errors, [401])).toEqual([]);
    await second.page.context().close();
    await page.context().close();
  });
});
