/**
 * The alert queue's HTTP calls against the real server: each act reaches its route with the
 * body the server accepts and changes the alert in the log, and each refusal comes back as
 * a value carrying the server's own message, which the queue shows as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYST, systemPrincipal } from '../../../../../shared/domain/access.ts';
import type { Alert, RaisedAlert } from '../../../../../shared/domain/alerts.ts';
import { actOnAlert, alertActPath } from '../../../../../client/views/ops/alerts-api.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../../../support/harness.ts';
import { raised } from './alert-fixtures.ts';

let server: TestServer;
const realFetch = globalThis.fetch;
const analyst = systemPrincipal(ANALYST);
let n = 0;

beforeAll(async () => {
  server = await startServer();
  // The page's relative /api/... paths resolve against its own origin, as in a browser.
  globalThis.fetch = (input, init) => realFetch(new URL(String(input), server.url), init);
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.dispose();
});

/** A fresh alert on the server, raised as the analyst raises one. */
async function raise(over: Partial<RaisedAlert> = {}): Promise<Alert> {
  n += 1;
  const res = await server.app.alerts.raise(
    raised({ id: `alert-ui-${n}`, raisedAt: new Date().toISOString(), ...over }),
    analyst,
  );
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

const stored = async (id: string) => (await server.store.getAlert(id)) as Alert;
const lastEvent = async (id: string) => (await server.store.eventsForIncident(id)).at(-1);

async function agencyKey(agency: string): Promise<string> {
  const { secret } = await server.auth.createToken(
    { kind: 'api', role: 'agency', agency, label: `ops-${agency}`, createdBy: 'test' },
    new Date(),
  );
  return secret;
}

describe('alert acts over HTTP', () => {
  it('names one act on one alert in the path, the id escaped', () => {
    expect(alertActPath('alert-sla/x y', 'dismiss')).toBe(
      '/api/v1/alerts/alert-sla%2Fx%20y/dismiss',
    );
  });

  it('acknowledges, as whoever holds the key, with a null note', async () => {
    const a = await raise();
    const res = await actOnAlert(a.id, 'acknowledge', null, ADMIN_TOKEN);
    expect(res).toMatchObject({
      ok: true,
      status: 200,
      data: { alert: { status: 'acknowledged' } },
    });
    const event = await lastEvent(a.id);
    expect((await stored(a.id)).acknowledgedBy).toEqual(event?.actor);
    expect(event).toMatchObject({
      type: 'alert.acknowledged',
      data: { note: null },
    });
  });

  it('escalates one step up the chain', async () => {
    const a = await raise();
    const res = await actOnAlert(a.id, 'escalate', null, ADMIN_TOKEN);
    expect(res.ok).toBe(true);
    expect((await stored(a.id)).level).toBe('head');
    expect(await lastEvent(a.id)).toMatchObject({
      type: 'alert.escalated',
      data: { from: 'desk', to: 'head' },
    });
  });

  it('dismisses with the reason given', async () => {
    const a = await raise();
    const res = await actOnAlert(a.id, 'dismiss', 'Sudah ditangani', ADMIN_TOKEN);
    expect(res.ok).toBe(true);
    expect(await stored(a.id)).toMatchObject({ status: 'cleared', clearReason: 'dismissed' });
    expect(await lastEvent(a.id)).toMatchObject({
      type: 'alert.cleared',
      data: { note: 'Sudah ditangani' },
    });
  });

  it('lets an agency operator acknowledge its own agency’s alert', async () => {
    const a = await raise({ agency: 'dsda' });
    const res = await actOnAlert(a.id, 'acknowledge', null, await agencyKey('dsda'));
    expect(res.ok).toBe(true);
    expect((await stored(a.id)).status).toBe('acknowledged');
  });

  it.each<[string, (a: Alert) => Promise<[string | null, string | null]>, number, RegExp]>([
    [
      'a second acknowledgement (409)',
      async (a) => {
        await server.app.alerts.acknowledge(a.id, systemPrincipal('other-desk'));
        return [ADMIN_TOKEN, null];
      },
      409,
      /is already acknowledged by other-desk$/,
    ],
    [
      'another agency’s operator (403)',
      async () => [await agencyKey('bina_marga'), null],
      403,
      /^alert is for 'dsda', not 'bina_marga'$/,
    ],
    ['nobody signed in (401)', async () => [null, null], 401, /./],
  ])(
    'returns the server’s refusal of %s as a value, changing nothing',
    async (_n, setup, status, message) => {
      const a = await raise({ agency: 'dsda' });
      const [token] = await setup(a);
      const before = await stored(a.id);
      const res = await actOnAlert(a.id, 'acknowledge', null, token);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.status).toBe(status);
      expect(res.message).toMatch(message);
      expect((await stored(a.id)).lastSeq).toBe(before.lastSeq);
    },
  );

  it('refuses a dismissal without a reason, naming the field (400)', async () => {
    const a = await raise();
    const res = await actOnAlert(a.id, 'dismiss', null, ADMIN_TOKEN);
    expect(res).toMatchObject({ ok: false, status: 400 });
    if (!res.ok) expect(Object.keys(res.fields)).toContain('note');
    expect((await stored(a.id)).status).toBe('open');
  });
});
