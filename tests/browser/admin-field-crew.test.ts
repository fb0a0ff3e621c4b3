/**
 * The field-crew mark on /admin: the checkbox shows only for agency operators; an admin
 * creates a crew member with it, the row says so, the server stores it; unticked in the
 * role editor, the mark is gone again.
 */
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

const row = (page: Page, username: string) =>
  page.locator(`[data-testid="user-row"][data-username="${username}"]`);

/** What the server stores for `username`. */
async function storedCrew(username: string): Promise<boolean | undefined> {
  const res = await api(server.url, 'GET', '/api/v1/admin/users');
  const users = res.body.users as { username: string; fieldCrew: boolean }[];
  return users.find((u) => u.username === username)?.fieldCrew;
}

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('field crews on the admin page', () => {
  it('marks an agency operator as field crew, shows it, and unmarks it', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/login?next=%2Fadmin`);
    await page.getByTestId('login-page').waitFor();
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', 'admin-password-for-tests');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${server.url}/admin`);
    await page.getByTestId('users-table').waitFor();

    const form = page.getByTestId('user-create-form');
    const box = form.getByTestId('user-field-crew');
    // Only agency operators can be crew: no checkbox for a viewer.
    expect(await box.count()).toBe(0);
    await form.locator('select[name="role"]').selectOption('agency');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    await form.locator('input[name="username"]').fill('regu.sda');
    await form.locator('input[name="name"]').fill('Regu Lapangan SDA');
    await form.locator('select[name="agency"]').selectOption('dsda');
    await form.locator('input[name="password"]').fill('regu-rahasia-1');
    await box.check();
    expect(await form.textContent()).toContain('Bekerja di lapangan');
    await screenshot(page, 'admin-field-crew-form');
    await page.getByTestId('user-create-submit').click();

    await row(page, 'regu.sda').getByTestId('user-field-crew-badge').waitFor();
    expect(await row(page, 'regu.sda').getByTestId('user-field-crew-badge').textContent()).toBe(
      'Petugas lapangan',
    );
    expect(await storedCrew('regu.sda')).toBe(true);
    expect(await row(page, 'admin').getByTestId('user-field-crew-badge').count()).toBe(0);

    // The role editor shows the mark ticked; unticked and saved, it is gone.
    await row(page, 'regu.sda').getByRole('button', { name: 'Ubah peran' }).click();
    const edit = page.locator('.admin-table__sub').getByTestId('user-field-crew');
    expect(await edit.isChecked()).toBe(true);
    await screenshot(page, 'admin-field-crew-edit');
    await page.locator('.admin-table__sub select[name="role"]').selectOption('viewer');
    expect(await edit.count()).toBe(0);
    await page.locator('.admin-table__sub select[name="role"]').selectOption('agency');
    await edit.uncheck();
    await page.locator('.admin-table__sub').getByRole('button', { name: 'Simpan' }).click();
    await expect
      .poll(() => row(page, 'regu.sda').getByTestId('user-field-crew-badge').count())
      .toBe(0);
    expect(await storedCrew('regu.sda')).toBe(false);
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await page.context().close();
  });
});
