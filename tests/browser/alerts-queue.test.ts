/**
 * The analyst's alerts end to end: real server (analyst off, alerts raised through its own
 * write path as the analyst raises them), the real build, Debian's Chromium. On /ops the
 * queue lists them most urgent first with their count in the header; acknowledging and
 * dismissing go through the HTTP API and come back on the stream; opening one selects its
 * incident. On the wall the counts sit with the KPIs and the alerts scene visits the
 * critical one. Screenshots of both are saved to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANALYST, systemPrincipal } from '../../shared/domain/access.ts';
import type { RaisedAlert } from '../../shared/domain/alerts.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  screenshot,
} from '../support/browser/browser.ts';
import { pageTracker } from '../support/browser/ops-pages.ts';

const enabled = browserAvailable();
let server: TestServer;
let browser: Browser;
let incident: Incident;
const analyst = systemPrincipal(ANALYST);

async function raise(alert: RaisedAlert): Promise<void> {
  const res = await server.app.alerts.raise(alert, analyst);
  if (!res.ok) throw new Error(res.error.message);
}

function alertOf(over: Partial<RaisedAlert> & { id: string }): RaisedAlert {
  return {
    kind: 'sla_breached',
    severity: 'critical',
    agency: incident.agency,
    category: incident.category,
    incidentIds: [incident.id],
    clock: 'response',
    area: null,
    summary: {
      id: `Batas waktu respons terlewati (${over.id})`,
      en: `Response deadline missed (${over.id})`,
    },
    facts: {},
    raisedAt: new Date().toISOString(),
    ...over,
  };
}

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST } });
  const created = await api(server.url, 'POST', '/api/v1/incidents', report());
  expect(created.status).toBe(201);
  incident = created.body.incident;
  // The warning is older than the critical alert: the critical one still comes first.
  await raise(
    alertOf({
      id: 'alert-warn-1',
      kind: 'sla_will_breach',
      severity: 'warning',
      raisedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    }),
  );
  await raise(alertOf({ id: 'alert-crit-1' }));
  browser = await launchBrowser();
});
const pages = pageTracker();
afterEach(() => pages.closeAll());
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

const alertIds = (page: Page) =>
  page.$$eval('[data-testid="alert-item"]', (els) =>
    els.map((el) => el.getAttribute('data-alert-id')),
  );

describe.runIf(enabled)('alerts', () => {
  it('/ops lists them most urgent first, and acts on them through the API and the stream', async () => {
    const { page, errors } = await pages.open(browser, `${server.url}/ops?lang=en`, {
      token: ADMIN_TOKEN,
      width: 1920,
      height: 1080,
    });
    await page.waitForSelector('[data-testid="ops-page"][data-ready="true"]', { timeout: 60_000 });
    await expect
      .poll(() => alertIds(page), { timeout: 30_000 })
      .toEqual(['alert-crit-1', 'alert-warn-1']);
    const count = page.getByTestId('ops-alert-count');
    expect(await count.getAttribute('data-value')).toBe('2');
    expect(await count.getAttribute('data-critical')).toBe('1');
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
    await screenshot(page, 'ops-alert-queue');

    const critical = page.locator('[data-alert-id="alert-crit-1"]');
    await critical.getByTestId('alert-acknowledge').click();
    // Nothing changes locally: the acknowledgement comes back on the stream.
    await expect
      .poll(() => critical.getAttribute('data-status'), { timeout: 30_000 })
      .toBe('acknowledged');
    expect(await critical.getByTestId('alert-ack').textContent()).toContain('Acknowledged by');
    expect(await critical.getByTestId('alert-acknowledge').count()).toBe(0);

    await critical.getByTestId('alert-open').click();
    const drawer = page.getByTestId('incident-drawer');
    await drawer.waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('incident')).toBe(incident.id);

    const warning = page.locator('[data-alert-id="alert-warn-1"]');
    await warning.getByTestId('alert-dismiss').click();
    await warning.getByTestId('alert-dismiss-note').fill('Sudah ditangani di lapangan');
    await warning.getByTestId('alert-dismiss-confirm').click();
    await expect.poll(() => alertIds(page), { timeout: 30_000 }).toEqual(['alert-crit-1']);
    expect(await count.getAttribute('data-value')).toBe('1');
    expect((await server.store.getAlert('alert-warn-1'))?.clearReason).toBe('dismissed');
    expect(errors).toEqual([]);
  });

  it('the wall counts them with its KPIs and its alerts scene visits the critical ones', async () => {
    const { page, errors } = await pages.open(
      browser,
      `${server.url}/wall?scenes=alerts,heatmap&every=600`,
      {
        token: ADMIN_TOKEN,
        width: 1920,
        height: 1080,
      },
    );
    const wall = page.getByTestId('wall');
    await wall.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByTestId('kpi-criticalAlerts').getAttribute('data-value'), {
        timeout: 30_000,
      })
      .toBe('1');
    expect(await wall.getAttribute('data-scene')).toBe('alerts');
    const panel = page.getByTestId('critical-alerts');
    await expect
      .poll(() => panel.locator('[data-current="true"]').getAttribute('data-alert-id'))
      .toBe('alert-crit-1');
    expect(await panel.textContent()).toContain('Batas waktu respons terlewati (alert-crit-1)');
    expect(await panel.textContent()).toContain('Response deadline missed (alert-crit-1)');

    // A new critical alert reaches the wall live.
    await raise(alertOf({ id: 'alert-crit-2', kind: 'surge', agency: null }));
    await expect
      .poll(() => page.getByTestId('kpi-criticalAlerts').getAttribute('data-value'), {
        timeout: 30_000,
      })
      .toBe('2');
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
    await screenshot(page, 'wall-alerts');
    expect(errors).toEqual([]);
  });
});
