/**
 * The analyst's alerts in replay, on the real server: GET /api/v1/replay answers the
 * alerts screens held at `from` (as they stood then) in `initialAlerts`, and the window's
 * alert events in `events`, so a client that replays them with the shared reducer ends
 * where the alert API stands. The server runs on a clock the test moves by hand, and the
 * analyst ticks only when the test asks. Both stores answer alike.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Alert, isAlertEvent } from '../../shared/domain/alerts.ts';
import { alertsVisibleAt, replayInPlace } from '../../shared/domain/replay.ts';
import { slaAlertId } from '../../shared/domain/sla-watch.ts';
import type { DomainEvent, NewEvent } from '../../shared/domain/types.ts';
import { api, report, startServer, waitFor, type TestServer } from '../support/harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';
import { seedPrincipals } from '../support/principals.ts';
import { alertEvents } from '../support/store-contract-alert-history.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-12-01T02:00:00.000Z');
const at = (min: number) => new Date(T0 + min * MINUTE).toISOString();

let server: TestServer;
let now = T0;
let database: TestDatabase | null = null;

async function start(kind: 'sqlite' | 'postgres'): Promise<void> {
  now = T0;
  database = kind === 'postgres' ? await createTestDatabase() : null;
  server = await startServer({
    clock: () => new Date(now),
    principalRecheckMs: 3_600_000,
    env: {
      ANALYST: 'on',
      ANALYST_TICK_SECONDS: '3600',
      SESSION_HOURS: '72',
      ...(database ? { DATABASE_URL: database.url } : {}),
    },
  });
  // On PostgreSQL the analyst runs once this node holds its lock.
  await waitFor(() => !!server.analyst?.runner(), { timeout: 10_000 });
}

afterEach(async () => {
  await server.dispose();
  await database?.drop();
  database = null;
});

async function tickAt(min: number): Promise<void> {
  now = T0 + min * MINUTE;
  const runner = server.analyst?.runner();
  if (!runner) throw new Error('the analyst is not running on this node');
  await runner.tick();
}

interface ReplayBody {
  windowHours: number;
  initialAlerts: Alert[];
  events: DomainEvent[];
}

async function replay(from: string, to: string, headers: Record<string, string> = {}) {
  const res = await api(
    server.url,
    'GET',
    `/api/v1/replay?from=${from}&to=${to}`,
    undefined,
    headers,
  );
  expect(res.status).toBe(200);
  return res.body as ReplayBody;
}

const byId = (alerts: Alert[]) => new Map(alerts.map((a) => [a.id, a]));

/**
 * A flood report at T0 (a 60-minute response clock, warned 15 minutes ahead): warned at
 * +50, breached at +61 (the warning cleared as superseded), acknowledged at +65 and
 * dismissed at +70.
 */
async function alertLife(): Promise<{ willId: string; breachId: string }> {
  const res = await api(server.url, 'POST', '/api/v1/incidents', report({ category: 'flooding' }));
  expect(res.status).toBe(201);
  const id = res.body.incident.id as string;
  await tickAt(50);
  await tickAt(61);
  const breachId = slaAlertId('response', 'sla_breached', id);
  now = T0 + 65 * MINUTE;
  const ack = await api(server.url, 'POST', `/api/v1/alerts/${breachId}/acknowledge`, {
    note: 'Tim dikirim',
  });
  expect(ack.status).toBe(200);
  now = T0 + 70 * MINUTE;
  const dismiss = await api(server.url, 'POST', `/api/v1/alerts/${breachId}/dismiss`, {
    note: 'Air sudah surut',
  });
  expect(dismiss.status).toBe(200);
  return { willId: slaAlertId('response', 'sla_will_breach', id), breachId };
}

describe.each(['sqlite', 'postgres'] as const)('alerts in replay (%s)', (kind) => {
  beforeEach(() => start(kind));

  it('answers the alerts on screen at the start as they stood then: before, during and after', async () => {
    const { willId, breachId } = await alertLife();

    const before = await replay(at(40), at(80));
    expect(before.initialAlerts).toStrictEqual([]);

    const warned = byId((await replay(at(55), at(80))).initialAlerts);
    expect([...warned.keys()]).toStrictEqual([willId]);
    expect(warned.get(willId)).toMatchObject({
      status: 'open',
      kind: 'sla_will_breach',
      level: 'desk',
    });

    const acked = byId((await replay(at(67), at(80))).initialAlerts);
    expect(acked.get(breachId)).toMatchObject({
      status: 'acknowledged',
      severity: 'critical',
      acknowledgedAt: at(65),
      clearedAt: null,
    });
    // Cleared six minutes before, inside the window: still on screen, as cleared.
    expect(acked.get(willId)).toMatchObject({ status: 'cleared', clearReason: 'superseded' });

    const done = byId((await replay(at(75), at(80))).initialAlerts);
    expect(done.get(breachId)).toMatchObject({ status: 'cleared', clearReason: 'dismissed' });
    expect(done.get(breachId)).toStrictEqual(
      (await api(server.url, 'GET', `/api/v1/alerts/${breachId}`)).body.alert,
    );

    // A minute after the window hours have passed since the dismissal: off every screen.
    const windowHours = (await replay(at(75), at(80))).windowHours;
    const later = at(70 + windowHours * 60 + 1);
    const gone = await replay(later, new Date(Date.parse(later) + HOUR).toISOString());
    expect(gone.initialAlerts).toStrictEqual([]);
  });

  it("sends the window's alert events in field time, which replay from the start to where the alert API stands", async () => {
    const { willId, breachId } = await alertLife();
    const body = await replay(at(55), at(80));
    const alertEvents = body.events.filter(isAlertEvent);
    expect(alertEvents.map((e) => [e.type, e.incidentId, e.data.occurredAt])).toStrictEqual([
      ['alert.raised', breachId, at(61)],
      ['alert.cleared', willId, at(61)],
      ['alert.acknowledged', breachId, at(65)],
      ['alert.cleared', breachId, at(70)],
    ]);
    const alerts = byId(body.initialAlerts);
    replayInPlace(new Map(), body.events, alerts);
    for (const id of [willId, breachId]) {
      expect(alerts.get(id)).toStrictEqual(
        (await api(server.url, 'GET', `/api/v1/alerts/${id}`)).body.alert,
      );
    }
    // The same from a replay of the whole log up to each moment.
    const all = byId([]);
    const log = (await api(server.url, 'GET', '/api/v1/events?after=0&limit=1000')).body
      .events as DomainEvent[];
    replayInPlace(
      new Map(),
      log.filter((e) => isAlertEvent(e) && e.data.occurredAt <= at(67)),
      all,
    );
    expect(byId((await replay(at(67), at(80))).initialAlerts)).toStrictEqual(
      byId(alertsVisibleAt(all.values(), new Date(at(67)), body.windowHours)),
    );
  });

  it('gives a wall display the alerts without who acknowledged them or what they noted', async () => {
    const who = await seedPrincipals(server);
    const breachId = slaAlertId('response', 'sla_breached', who.dsdaIncident);
    await tickAt(61);
    now = T0 + 65 * MINUTE;
    const ack = await who.call('supervisor', 'POST', `/api/v1/alerts/${breachId}/acknowledge`, {
      note: 'Tim dikirim',
    });
    expect(ack.status).toBe(200);

    const wall = await replay(at(66), at(80), who.creds.display);
    expect(byId(wall.initialAlerts).get(breachId)?.acknowledgedBy).toStrictEqual({
      kind: 'user',
      id: '',
    });
    const desk = await replay(at(66), at(80), who.creds.supervisor);
    expect(byId(desk.initialAlerts).get(breachId)?.acknowledgedBy?.id).toBe('sup');

    const wallEvents = (await replay(at(60), at(80), who.creds.display)).events;
    const seen = wallEvents.find((e) => e.type === 'alert.acknowledged');
    expect(seen).toMatchObject({ actor: { id: '' }, data: { note: '…' } });
  });

  it('shows an SLA alert raised again later as it stood at the start, not by its latest raise', async () => {
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ category: 'flooding' }),
    );
    const incidentId = res.body.incident.id as string;
    const id = slaAlertId('resolution', 'sla_breached', incidentId);
    const dated = (min: number, e: NewEvent): NewEvent =>
      ({ ...e, at: at(min), data: { ...e.data, occurredAt: at(min) } }) as NewEvent;
    const raised = (min: number) =>
      dated(min, alertEvents.raise(id, 0, { incidentIds: [incidentId], raisedAt: at(min) }));
    // Written straight to the log: raised at +10, cleared at +20, raised afresh at +40.
    for (const e of [raised(10), dated(20, alertEvents.clear(id, 0, 'resolved')), raised(40)]) {
      expect((await server.store.append([e])).status).toBe('appended');
    }
    const first = byId((await replay(at(15), at(30))).initialAlerts).get(id);
    expect(first).toMatchObject({ status: 'open', raisedAt: at(10), clearedAt: null });
    const between = byId((await replay(at(30), at(35))).initialAlerts).get(id);
    expect(between).toMatchObject({ status: 'cleared', raisedAt: at(10), clearedAt: at(20) });
    const again = byId((await replay(at(45), at(50))).initialAlerts).get(id);
    expect(again).toMatchObject({ status: 'open', raisedAt: at(40), clearedAt: null });
  });
});
