/**
 * /admin's notifications section in a DOM, against the real server (its fetches go to a
 * server on port 0, as the page's would go to its own origin) and a real webhook receiver:
 * what each act sends and what the server then holds; a webhook's secret shown once, the
 * real one (it verifies what the receiver got), and gone once dismissed; a test's result
 * with its HTTP status and error; a replay offered on dead letters only; the server's
 * refusal of email shown beside the channel.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import type { SubscriptionView } from '../../../../../shared/domain/notify-contract.ts';
import { storeToken } from '../../../../../client/auth/credentials.ts';
import { verifySignature } from '../../../../../server/notify/notify-signature.ts';
import { openSqliteNotifyStore } from '../../../../../server/notify/sqlite-notify.store.ts';
import {
  ADMIN_TOKEN,
  api,
  startServer,
  tempDbFile,
  type TestServer,
} from '../../../../support/harness.ts';
// Types only: the page's modules load once the DOM is in place (see dom-window.ts).
import type * as Rtl from '@testing-library/react';
import type { LocaleProvider } from '../../../../../client/i18n/locale.tsx';
import type { NotificationsSection } from '../../../../../client/views/admin/notifications-section.tsx';
import { installDom } from './dom-window.ts';

let uninstallDom: () => void;
let rtl: typeof Rtl;
let page: {
  LocaleProvider: typeof LocaleProvider;
  NotificationsSection: typeof NotificationsSection;
};

const BASE = '/api/v1/admin/notifications';

let server: TestServer;
let db: { file: string; cleanup: () => void };
let hook: Server;
let hookUrl: string;
/** What the receiver answers next. */
let hookStatus = 204;
const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
/** Every call the section made, as the server got it. */
let calls: { method: string; path: string; body: unknown }[] = [];
const realFetch = globalThis.fetch;
/** The section's requests not yet answered: the DOM stays until they are. */
const inFlight = new Set<Promise<unknown>>();

beforeAll(async () => {
  uninstallDom = installDom();
  rtl = await import('@testing-library/react');
  // Each step waits on the real server (and a real webhook round trip): on a busy CI machine
  // that can take longer than testing-library's default second.
  rtl.configure({ asyncUtilTimeout: 10_000 });
  page = {
    LocaleProvider: (await import('../../../../../client/i18n/locale.tsx')).LocaleProvider,
    NotificationsSection: (
      await import('../../../../../client/views/admin/notifications-section.tsx')
    ).NotificationsSection,
  };
  hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(hookStatus).end(hookStatus >= 400 ? 'receiver down' : undefined);
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  db = tempDbFile();
  // Retries wait an hour: a failed test stays pending until the test makes it dead.
  server = await startServer({ dbFile: db.file, env: { NOTIFY_POLL_SECONDS: '3600' } });
  // The page asks its own origin (a path); the server's webhook sender, in this process
  // too, asks the receiver (a full URL) and goes through untouched.
  globalThis.fetch = (input, init) => {
    const path = String(input);
    if (!path.startsWith('/')) return realFetch(input, init);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method: init?.method ?? 'GET', path, body });
    const answer = realFetch(new URL(path, server.url), init);
    // Settled once its body is read too (or the page gave up on it: an abort).
    const settled = answer.then((res) => res.clone().arrayBuffer()).catch(() => undefined);
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
    return answer;
  };
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  // A request the section made before it unmounted may settle now; React reads `window` as
  // it hears of it, so the DOM goes only once every answer is in and handled.
  // Bounded: a request whose answer never completes must not hold the file (it did once, in CI).
  await Promise.race([
    Promise.allSettled([...inFlight]),
    new Promise((resolve) => setTimeout(resolve, 5_000)),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await server.dispose();
  db.cleanup();
  await new Promise((resolve) => hook.close(resolve));
  uninstallDom();
});

beforeEach(async () => {
  storeToken(window.localStorage, ADMIN_TOKEN);
  hookStatus = 204;
  // Each test starts with no subscriptions.
  for (const s of await subscriptions())
    await api(server.url, 'DELETE', `${BASE}/subscriptions/${s.id}`);
  calls = [];
});

afterEach(() => rtl.cleanup());

async function subscriptions(): Promise<SubscriptionView[]> {
  return (await api(server.url, 'GET', `${BASE}/subscriptions`)).body
    .subscriptions as SubscriptionView[];
}

const writes = () => calls.filter((c) => c.method !== 'GET');

async function renderSection() {
  const view = rtl.render(
    <page.LocaleProvider initial="en">
      <page.NotificationsSection pack={JAKARTA} />
    </page.LocaleProvider>,
  );
  // Loaded, not merely drawn: every test starts with none, and the form's pickers are there.
  await rtl.screen.findByText('No subscriptions yet.');
  await rtl.waitFor(() => expect(field('agencies-all')).toBeTruthy());
  return view;
}

const form = () => rtl.screen.getByTestId('subscription-form');
const field = (name: string) =>
  form().querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLSelectElement;
const type = (name: string, value: string) =>
  rtl.fireEvent.change(field(name), { target: { value } });
const tick = (name: string) => rtl.fireEvent.click(field(name));

/** Creates a webhook through the form; answers with the secret the panel showed. */
async function createWebhook(name: string, url = hookUrl): Promise<string> {
  type('name', name);
  type('url', url);
  rtl.fireEvent.click(rtl.screen.getByTestId('subscription-submit'));
  const value = (await rtl.screen.findByTestId('notify-secret-value')) as HTMLInputElement;
  return value.value;
}

/** Everything the page shows or holds in a field, to look for a secret in. */
const pageText = () =>
  document.body.textContent +
  [...document.querySelectorAll('input, textarea')]
    .map((i) => (i as HTMLInputElement).value)
    .join('\n');

const row = (name: string) =>
  rtl.screen.getAllByTestId('subscription-row').find((r) => r.dataset.name === name)!;

describe('notifications section: subscriptions', () => {
  it('creates a webhook with the body the server takes, and shows its real secret once', async () => {
    await renderSection();
    type('name', 'Chat gateway');
    type('url', `${hookUrl}?key=chat-key-123`);
    tick('kinds-all');
    tick('kinds-sla_breached');
    tick('agencies-all');
    tick('agencies-dsda');
    rtl.fireEvent.click(rtl.screen.getByTestId('subscription-submit'));
    const shown = ((await rtl.screen.findByTestId('notify-secret-value')) as HTMLInputElement)
      .value;

    expect(writes()).toEqual([
      {
        method: 'POST',
        path: `${BASE}/subscriptions`,
        body: {
          name: 'Chat gateway',
          channel: 'webhook',
          url: `${hookUrl}?key=chat-key-123`,
          filter: { kinds: ['sla_breached'], agencies: ['dsda'], levels: 'all', events: 'all' },
          enabled: true,
        },
      },
    ]);
    const [stored] = await subscriptions();
    expect(stored?.filter.kinds).toEqual(['sla_breached']);
    expect(shown).toMatch(/^whsec_/);
    expect(rtl.screen.getByTestId('notify-secret').textContent).toContain("won't be shown again");
    // The table shows the URL as the server redacted it, the filter in words.
    expect(rtl.within(row('Chat gateway')).getByTestId('subscription-target').textContent).toBe(
      `${hookUrl}?key=…`,
    );
    expect(
      rtl.within(row('Chat gateway')).getByTestId('subscription-filter').textContent,
    ).toContain('Kinds: SLA breached');

    // The secret shown is the one the server signs with.
    rtl.fireEvent.click(rtl.within(row('Chat gateway')).getByTestId('subscription-test'));
    await rtl.screen.findByTestId('subscription-test-result');
    const got = received.at(-1)!;
    expect(
      verifySignature({
        secret: shown,
        signature: got.headers['x-nakhoda-signature'] as string,
        timestamp: got.headers['x-nakhoda-timestamp'] as string,
        body: got.raw,
        nowS: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);

    // Once dismissed it is nowhere on the page, nor after both lists reload.
    rtl.fireEvent.click(rtl.screen.getByTestId('notify-secret-dismiss'));
    expect(pageText()).not.toContain(shown);
    rtl.fireEvent.click(rtl.screen.getByTestId('notifications-refresh'));
    await rtl.waitFor(() =>
      expect(calls.filter((c) => c.method === 'GET').length).toBeGreaterThan(3),
    );
    await rtl.screen.findAllByTestId('delivery-row');
    expect(pageText()).not.toContain(shown);
    expect(pageText()).not.toContain('chat-key-123');
  });

  it('rotates a secret after confirming: the new one shown once, the old one gone', async () => {
    await renderSection();
    const first = await createWebhook('Rotating hook');
    rtl.fireEvent.click(rtl.screen.getByTestId('notify-secret-dismiss'));
    rtl.fireEvent.click(rtl.within(row('Rotating hook')).getByTestId('subscription-rotate'));
    expect(writes()).toHaveLength(1); // asking first sends nothing
    rtl.fireEvent.click(rtl.screen.getByTestId('subscription-rotate-confirm'));
    const next = ((await rtl.screen.findByTestId('notify-secret-value')) as HTMLInputElement).value;
    const [s] = await subscriptions();
    expect(writes().at(-1)).toEqual({
      method: 'POST',
      path: `${BASE}/subscriptions/${s!.id}/rotate-secret`,
      body: undefined,
    });
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(first);
    expect(pageText()).not.toContain(first);
    expect(rtl.screen.getAllByTestId('notify-secret')).toHaveLength(1);
  });

  it('edits by sending only what changed, and toggles with {enabled}', async () => {
    await renderSection();
    await createWebhook('Before');
    const [s] = await subscriptions();
    rtl.fireEvent.click(rtl.within(row('Before')).getByTestId('subscription-edit'));
    expect(form().dataset.mode).toBe('edit');
    type('name', 'After');
    tick('events-all');
    tick('events-escalated');
    rtl.fireEvent.click(rtl.screen.getByTestId('subscription-submit'));
    await rtl.waitFor(() => expect(row('After')).toBeDefined());
    rtl.fireEvent.click(rtl.within(row('After')).getByTestId('subscription-toggle'));
    await rtl.waitFor(() => expect(row('After').dataset.enabled).toBe('false'));

    expect(writes().slice(1)).toEqual([
      {
        method: 'PATCH',
        path: `${BASE}/subscriptions/${s!.id}`,
        body: { name: 'After', filter: { events: ['escalated'] } },
      },
      { method: 'PATCH', path: `${BASE}/subscriptions/${s!.id}`, body: { enabled: false } },
    ]);
    const [after] = await subscriptions();
    expect(after).toMatchObject({ name: 'After', enabled: false, url: hookUrl });
    expect(after?.filter.events).toEqual(['escalated']);
    // The edit showed no secret: only creating or rotating does.
    expect(rtl.screen.queryByTestId('notify-secret')).toBeNull();
  });

  it('catches a bad URL and an empty pick before sending anything', async () => {
    await renderSection();
    type('name', 'Bad');
    type('url', 'https://user:pw@hooks.example/x');
    tick('levels-all');
    rtl.fireEvent.click(rtl.screen.getByTestId('subscription-submit'));
    expect(form().querySelector('[data-field-error="url"]')?.textContent).toBe(
      'No user or password in the URL',
    );
    expect(form().querySelector('[data-field-error="filter.levels"]')).not.toBeNull();
    expect(writes()).toEqual([]);
  });

  it("shows the server's refusal of email (no SMTP) beside the channel, storing nothing", async () => {
    await renderSection();
    type('name', 'Mail desk');
    type('channel', 'email');
    type('emails', 'ops@jakarta.go.id, kepala@jakarta.go.id');
    rtl.fireEvent.click(rtl.screen.getByTestId('subscription-submit'));
    const error = await rtl.waitFor(() => {
      const e = form().querySelector('[data-field-error="channel"]');
      expect(e).not.toBeNull();
      return e!;
    });
    expect(error.textContent).toContain('NOTIFY_SMTP_URL');
    expect(writes()[0]?.body).toMatchObject({
      channel: 'email',
      emails: ['ops@jakarta.go.id', 'kepala@jakarta.go.id'],
    });
    expect(await subscriptions()).toEqual([]);
  });

  it('deletes after confirming', async () => {
    await renderSection();
    await createWebhook('Short-lived');
    const [s] = await subscriptions();
    rtl.fireEvent.click(rtl.within(row('Short-lived')).getByTestId('subscription-delete'));
    rtl.fireEvent.click(rtl.screen.getByTestId('subscription-delete-confirm'));
    await rtl.screen.findByText('No subscriptions yet.');
    expect(writes().at(-1)).toMatchObject({
      method: 'DELETE',
      path: `${BASE}/subscriptions/${s!.id}`,
    });
    expect(await subscriptions()).toEqual([]);
  });
});

describe('notifications section: tests and deliveries', () => {
  it("sends a test and shows its result, the receiver's HTTP status and the last error", async () => {
    await renderSection();
    await createWebhook('Flaky');
    hookStatus = 500;
    rtl.fireEvent.click(rtl.within(row('Flaky')).getByTestId('subscription-test'));
    const failed = await rtl.screen.findByTestId('subscription-test-result');
    expect(failed.dataset.status).toBe('pending');
    expect(failed.textContent).toContain('HTTP 500');
    expect(rtl.screen.getByTestId('subscription-test-error').textContent).toMatch(/500/);

    hookStatus = 204;
    rtl.fireEvent.click(rtl.within(row('Flaky')).getByTestId('subscription-test'));
    await rtl.waitFor(() =>
      expect(rtl.screen.getByTestId('subscription-test-result').dataset.status).toBe('delivered'),
    );
    expect(rtl.screen.getByTestId('subscription-test-result').textContent).toContain('HTTP 204');
    // Counts reload: one delivered, one pending (the failed test waits for its retry).
    await rtl.waitFor(() =>
      expect(rtl.within(row('Flaky')).getByTestId('subscription-counts').textContent).toBe(
        '1 / 1 / 0',
      ),
    );
  });

  it('offers a replay on dead deliveries only, and replaying queues it again', async () => {
    await renderSection();
    await createWebhook('Dead end');
    hookStatus = 500;
    rtl.fireEvent.click(rtl.within(row('Dead end')).getByTestId('subscription-test'));
    await rtl.screen.findByTestId('subscription-test-result');
    hookStatus = 204;
    rtl.fireEvent.click(rtl.within(row('Dead end')).getByTestId('subscription-test'));
    await rtl.waitFor(() =>
      expect(rtl.screen.getByTestId('subscription-test-result').dataset.status).toBe('delivered'),
    );
    // The failed one runs out of tries, as after its sixth failure.
    const pending = (await api(server.url, 'GET', `${BASE}/deliveries?status=pending`)).body
      .deliveries as { id: string }[];
    const deadId = pending[0]!.id;
    const store = openSqliteNotifyStore(db.file);
    await store.recordAttempt(
      deadId,
      { status: 'dead', lastStatus: 500, lastError: 'HTTP 500: receiver down' },
      new Date(),
    );
    await store.close();
    // And one waiting for its retry: pending, not replayable.
    hookStatus = 500;
    rtl.fireEvent.click(rtl.within(row('Dead end')).getByTestId('subscription-test'));
    await rtl.waitFor(() =>
      expect(rtl.screen.getByTestId('subscription-test-result').dataset.status).toBe('pending'),
    );

    rtl.fireEvent.click(rtl.screen.getByTestId('notifications-refresh'));
    const statuses = () =>
      rtl.screen
        .getAllByTestId('delivery-row')
        .map((r) => r.dataset.status)
        .sort();
    await rtl.waitFor(() => expect(statuses()).toEqual(['dead', 'delivered', 'pending']));
    const rows = rtl.screen.getAllByTestId('delivery-row');
    const withReplay = rows.filter((r) => rtl.within(r).queryByTestId('delivery-replay'));
    expect(withReplay.map((r) => r.dataset.id)).toEqual([deadId]);
    const dead = withReplay[0]!;
    expect(rtl.within(dead).getByTestId('delivery-last-error').textContent).toBe(
      'HTTP 500: receiver down',
    );
    expect(rtl.within(dead).getByTestId('delivery-last-status').textContent).toBe('500');

    // The dead-letter list, by the server's own filter.
    rtl.fireEvent.change(rtl.screen.getByTestId('deliveries-status'), {
      target: { value: 'dead' },
    });
    await rtl.waitFor(() => expect(rtl.screen.getAllByTestId('delivery-row')).toHaveLength(1));
    expect(calls.some((c) => c.path === `${BASE}/deliveries?status=dead&limit=50`)).toBe(true);

    rtl.fireEvent.click(rtl.screen.getByTestId('delivery-replay'));
    await rtl.screen.findByText('Delivery to "Dead end" queued again.');
    expect(writes().at(-1)).toEqual({
      method: 'POST',
      path: `${BASE}/deliveries/${deadId}/replay`,
      body: undefined,
    });
    await rtl.waitFor(async () => {
      const after = (await api(server.url, 'GET', `${BASE}/deliveries?status=dead`)).body;
      expect(after.deliveries).toEqual([]);
    });
    await rtl.screen.findByText('No deliveries.');
  });
});
