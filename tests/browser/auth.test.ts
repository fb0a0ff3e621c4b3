/**
 * Login, logout, the admin page and the wall display token, end to end: the real server,
 * the real build, Debian's Chromium. People are created over the admin API first, then
 * everything else happens through the pages as a person would do it.
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
const VIEWER = { username: 'pemantau', password: 'pemantau-rahasia-1' };
const SUPERVISOR = { username: 'spv.budi', password: 'supervisor-rahasia-1' };

/** The browser logs refused requests as console errors; these are the refusals a test expects. */
function unexpected(errors: string[], statuses: number[] = []): string[] {
  return errors.filter(
    (e) =>
      !statuses.some((s) =>
        e.includes(`Failed to load resource: the server responded with a status of ${s}`),
      ),
  );
}

async function createUser(u: { username: string; password: string }, role: string, name: string) {
  const res = await api(server.url, 'POST', '/api/v1/admin/users', {
    username: u.username,
    name,
    role,
    password: u.password,
  });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
}

async function fillLogin(page: Page, u: { username: string; password: string }) {
  await page.getByTestId('login-page').waitFor();
  await page.fill('input[name="username"]', u.username);
  await page.fill('input[name="password"]', u.password);
  await page.getByTestId('login-submit').click();
}

/** Logs in through the page and waits for the page `next` leads to. */
async function login(u: { username: string; password: string }, next = '/') {
  const path = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  const opened = await openPage(browser, `${server.url}${path}`);
  await fillLogin(opened.page, u);
  await opened.page.waitForURL(`${server.url}${next}`, { timeout: 15_000 });
  return opened;
}

const apiStatus = (page: Page, path: string) =>
  page.evaluate(async (p) => (await fetch(p)).status, path);

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST } });
  await createUser(VIEWER, 'viewer', 'Pemantau Uji');
  await createUser(SUPERVISOR, 'supervisor', 'Budi Santoso');
  for (let i = 0; i < 8; i++) {
    await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ location: { lon: 106.8 + i * 0.01, lat: -6.18 - i * 0.006 } }),
    );
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('login', () => {
  it('renders without the city pack and takes a viewer to the home page', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-page').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await page.locator('.login__title').textContent()).toBe('Masuk');
    expect(requests).not.toContain('/api/v1/city');
    await screenshot(page, 'login');

    await fillLogin(page, VIEWER);
    await page.waitForURL(`${server.url}/`);
    await expect
      .poll(() => page.getByTestId('home-welcome').textContent(), { timeout: 10_000 })
      .toBe('Selamat datang, pemantau');
    expect(await page.getByTestId('user-menu-role').textContent()).toBe('Pemantau');
    await expect
      .poll(() => page.getByTestId('live-indicator').getAttribute('data-state'), {
        timeout: 10_000,
      })
      .toBe('live');
    expect(await page.getByTestId('home-card-ops').isVisible()).toBe(true);
    expect(await page.getByTestId('home-card-admin').count()).toBe(0);
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
    await screenshot(page, 'home');
    // The only refusal is "who am I?" before logging in.
    expect(unexpected(errors, [401])).toEqual([]);
    await context.close();
  });

  it('says so when the password is wrong, in either language, and when the server is down', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/login`);
    await fillLogin(page, { username: VIEWER.username, password: 'salah-sekali-123' });
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('bad_credentials');
    expect(await error.textContent()).toContain('Nama pengguna atau kata sandi salah.');
    await screenshot(page, 'login-error');
    await page.getByTestId('language-switch').getByRole('button', { name: 'EN' }).click();
    expect(await error.textContent()).toContain('Wrong username or password.');
    expect(new URL(page.url()).pathname).toBe('/login');

    // The server cannot be reached: the request never gets an answer.
    await page.route('**/api/v1/auth/login', (route) => route.abort('connectionrefused'));
    await page.getByTestId('login-submit').click();
    await expect.poll(() => error.getAttribute('data-code')).toBe('network');
    expect(await error.textContent()).toContain('cannot be reached');
    await page.unroute('**/api/v1/auth/login');

    // Empty fields are caught before anything is sent.
    await page.fill('input[name="password"]', '');
    await page.getByTestId('login-submit').click();
    expect(await page.getByTestId('login-password-error').textContent()).toContain('Required');
    const netErrors = unexpected(errors, [401]).filter((e) => !e.includes('net::ERR_'));
    expect(netErrors).toEqual([]);
    await page.context().close();
  });

  it('says to slow down when login is rate limited', async () => {
    const strict = await startServer({ env: { STATIC_DIR: CLIENT_DIST, RATE_LOGIN_PER_MIN: '2' } });
    try {
      const { page, errors } = await openPage(browser, `${strict.url}/login`);
      const error = page.getByTestId('login-error');
      await page.getByTestId('login-page').waitFor();
      await page.fill('input[name="username"]', 'admin');
      await page.fill('input[name="password"]', 'salah-sekali-xxxx');
      for (let i = 0; i < 3; i++) {
        await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
          page.getByTestId('login-submit').click(),
        ]);
      }
      await expect.poll(() => error.getAttribute('data-code')).toBe('rate_limited');
      expect(await error.textContent()).toMatch(/Terlalu banyak percobaan masuk/);
      expect(unexpected(errors, [401, 429])).toEqual([]);
      await page.context().close();
    } finally {
      await strict.dispose();
    }
  });

  it('follows a same-origin ?next= and ignores one that leaves the site', async () => {
    const a = await login(ADMIN, '/admin');
    await a.page.getByTestId('admin-users').waitFor();
    await a.page.context().close();

    const b = await openPage(
      browser,
      `${server.url}/login?next=${encodeURIComponent('//evil.example/x')}`,
    );
    await fillLogin(b.page, SUPERVISOR);
    await b.page.waitForURL(`${server.url}/`);
    await b.page.context().close();
  });
});

describe.runIf(enabled)('logout and access', () => {
  it('logs out to /login, after which the session is refused', async () => {
    const { page, errors } = await login(SUPERVISOR);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'nakhoda_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(await apiStatus(page, '/api/v1/auth/me')).toBe(200);

    await page.getByTestId('user-menu-button').click();
    await page.getByTestId('logout').waitFor();
    expect(await page.getByTestId('logout').textContent()).toBe('Keluar · Log out');
    await screenshot(page, 'user-menu');
    await page.getByTestId('logout').click();
    await page.waitForURL(`${server.url}/login`);
    await page.getByTestId('login-page').waitFor();
    expect(await apiStatus(page, '/api/v1/auth/me')).toBe(401);
    expect(await apiStatus(page, '/api/v1/incidents')).toBe(401);
    // The old cookie itself is dead on the server, not just dropped by the browser.
    const replay = await api(server.url, 'GET', '/api/v1/incidents', undefined, {
      authorization: '',
      cookie: `nakhoda_session=${session?.value}`,
    });
    expect(replay.status).toBe(401);

    await page.goto(`${server.url}/ops`);
    await page.getByTestId('app-unauthenticated').waitFor();
    expect(await page.locator('[data-testid="app-unauthenticated"] a').getAttribute('href')).toBe(
      '/login?next=%2Fops',
    );
    expect(unexpected(errors, [401])).toEqual([]);
    await page.context().close();
  });

  it('shows a viewer a clear 403 on /admin', async () => {
    const { page, errors } = await login(VIEWER, '/admin');
    const forbidden = page.getByTestId('admin-forbidden');
    await forbidden.waitFor();
    expect(await forbidden.textContent()).toContain('Akses ditolak (403)');
    expect(await forbidden.textContent()).toContain('pemantau');
    expect(await page.getByTestId('admin-users').count()).toBe(0);
    expect(await apiStatus(page, '/api/v1/admin/users')).toBe(403);
    await screenshot(page, 'admin-forbidden');
    expect(unexpected(errors, [401, 403])).toEqual([]);
    await page.context().close();
  });
});
