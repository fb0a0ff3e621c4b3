/**
 * The analyst on the real server: SLA warnings and breaches raised as alerts in the log,
 * escalated up the city pack's chain as the clock moves, cleared when the clock stops,
 * streamed to screens and given to a joining one in its snapshot; and what people may do to
 * an alert over HTTP, by role. The server runs on a clock the test moves by hand, and the
 * analyst ticks only when the test asks (ANALYST_TICK_SECONDS is an hour).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, AlertEvent } from '../../shared/domain/alerts.ts';
import { isAlertEvent } from '../../shared/domain/alerts.ts';
import { slaAlertId } from '../../shared/domain/sla-watch.ts';
import type { DomainEvent } from '../../shared/domain/types.ts';
import type { AnalystRunner } from '../../server/analyst/analyst-runner.ts';
import {
  api,
  connectClient,
  nextEvent,
  report,
  startServer,
  waitFor,
  type TestServer,
  type TestSocket,
} from '../support/harness.ts';
import { seedPrincipals, type Principals } from '../support/principals.ts';

const MINUTE = 60_000;
/** Flooding (Dinas SDA): a 60-minute response clock, warned 15 minutes ahead, head after 15, supervisor 30 later. */
const FLOOD_RESPONSE_MIN = 60;

function manualClock(start = Date.parse('2026-12-01T02:00:00.000Z')) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

let server: TestServer;
let time: ReturnType<typeof manualClock>;
let sockets: TestSocket[] = [];

beforeEach(async () => {
  time = manualClock();
  server = await startServer({
    clock: time.clock,
    principalRecheckMs: 3_600_000,
    // Sessions outlive the day the tests move the clock through.
    env: { ANALYST: 'on', ANALYST_TICK_SECONDS: '3600', SESSION_HOURS: '72' },
  });
});

afterEach(async () => {
  for (const s of sockets) s.disconnect();
  sockets = [];
  await server.dispose();
});

function runner(): AnalystRunner {
  const r = server.analyst?.runner();
  if (!r) throw new Error('the analyst is not running on this node');
  return r;
}

async function reportFlood(): Promise<string> {
  const res = await api(server.url, 'POST', '/api/v1/incidents', report({ category: 'flooding' }));
  expect(res.status).toBe(201);
  return res.body.incident.id as string;
}

async function alertEvents(): Promise<AlertEvent[]> {
  const res = await api(server.url, 'GET', '/api/v1/events?after=0&limit=1000');
  expect(res.status).toBe(200);
  return (res.body.events as DomainEvent[]).filter(isAlertEvent);
}

async function getAlert(id: string): Promise<Alert> {
  const res = await api(server.url, 'GET', `/api/v1/alerts/${id}`);
  expect(res.status).toBe(200);
  return res.body.alert as Alert;
}

describe('SLA watch and escalation', () => {
  it('warns before the response deadline, then replaces the warning with a breach', async () => {
    const id = await reportFlood();
    const willId = slaAlertId('response', 'sla_will_breach', id);
    const breachId = slaAlertId('response', 'sla_breached', id);

    time.advance(30 * MINUTE);
    expect((await runner().tick()).applied).toBe(0);

    time.advance(20 * MINUTE); // 10 minutes left: inside the 15-minute lead
    expect((await runner().tick()).applied).toBe(1);
    const warning = await getAlert(willId);
    expect(warning).toMatchObject({
      kind: 'sla_will_breach',
      severity: 'warning',
      status: 'open',
      level: 'desk',
      agency: 'dsda',
      incidentIds: [id],
      clock: 'response',
    });
    expect(warning.summary.id).toContain('sisa 10 menit');
    expect(warning.summary.en).toContain('10 min left');

    time.advance(11 * MINUTE); // a minute past the deadline
    expect((await runner().tick()).applied).toBe(2);
    expect(await getAlert(breachId)).toMatchObject({
      kind: 'sla_breached',
      severity: 'critical',
      status: 'open',
    });
    expect(await getAlert(willId)).toMatchObject({
      status: 'cleared',
      clearReason: 'superseded',
    });
    // Every step is an event in the log, by the analyst.
    const events = await alertEvents();
    expect(events.map((e) => [e.type, e.incidentId, e.actor.id])).toStrictEqual([
      ['alert.raised', willId, 'analyst'],
      ['alert.raised', breachId, 'analyst'],
      ['alert.cleared', willId, 'analyst'],
    ]);
  });

  it('walks a breach up the chain desk → head → supervisor, one event per step, then stops', async () => {
    const id = await reportFlood();
    const breachId = slaAlertId('response', 'sla_breached', id);
    time.advance((FLOOD_RESPONSE_MIN + 1) * MINUTE);
    await runner().tick();
    expect((await getAlert(breachId)).level).toBe('desk');

    time.advance(14 * MINUTE);
    await runner().tick();
    expect((await getAlert(breachId)).level).toBe('desk');

    time.advance(1 * MINUTE); // 15 minutes at the desk
    await runner().tick();
    expect((await getAlert(breachId)).level).toBe('head');

    time.advance(30 * MINUTE);
    await runner().tick();
    expect((await getAlert(breachId)).level).toBe('supervisor');

    time.advance(24 * 60 * MINUTE);
    await runner().tick();
    const escalations = (await alertEvents()).filter((e) => e.type === 'alert.escalated');
    expect(escalations.map((e) => [e.data.from, e.data.to])).toStrictEqual([
      ['desk', 'head'],
      ['head', 'supervisor'],
    ]);
    expect(escalations[0]!.data.note).toContain('escalated to the agency head');
  });

  it('an acknowledgement buys the agency one step of time, not a pardon', async () => {
    const id = await reportFlood();
    const breachId = slaAlertId('response', 'sla_breached', id);
    time.advance((FLOOD_RESPONSE_MIN + 1) * MINUTE);
    await runner().tick();
    time.advance(10 * MINUTE);
    const ack = await api(server.url, 'POST', `/api/v1/alerts/${breachId}/acknowledge`, {
      note: 'Tim sedang menuju lokasi',
    });
    expect(ack.status).toBe(200);
    expect(ack.body.alert.status).toBe('acknowledged');

    time.advance(10 * MINUTE); // 20 minutes after the breach, 10 after the acknowledgement
    await runner().tick();
    expect((await getAlert(breachId)).level).toBe('desk');
    time.advance(5 * MINUTE); // 15 after the acknowledgement
    await runner().tick();
    expect((await getAlert(breachId)).level).toBe('head');
  });

  it('clears the breach as resolved once the agency responds, and does not raise it again', async () => {
    const id = await reportFlood();
    const breachId = slaAlertId('response', 'sla_breached', id);
    time.advance((FLOOD_RESPONSE_MIN + 1) * MINUTE);
    await runner().tick();
    const update = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, {
      status: 'verified',
    });
    expect(update.status).toBe(200);
    await runner().tick();
    expect(await getAlert(breachId)).toMatchObject({ status: 'cleared', clearReason: 'resolved' });
    time.advance(60 * MINUTE);
    expect((await runner().tick()).applied).toBe(0);
  });

  it('a dismissed alert stays dismissed on later ticks', async () => {
    const id = await reportFlood();
    const breachId = slaAlertId('response', 'sla_breached', id);
    time.advance((FLOOD_RESPONSE_MIN + 1) * MINUTE);
    await runner().tick();
    const res = await api(server.url, 'POST', `/api/v1/alerts/${breachId}/dismiss`, {
      note: 'Laporan ganda, sudah ditangani di laporan lain',
    });
    expect(res.status).toBe(200);
    time.advance(5 * MINUTE);
    const report = await runner().tick();
    expect(report.applied).toBe(0);
    expect(await getAlert(breachId)).toMatchObject({
      status: 'cleared',
      clearReason: 'dismissed',
    });
  });
});

describe('alerts on screens', () => {
  it('streams alert events to a connected screen and gives a joining screen the active alerts', async () => {
    const id = await reportFlood();
    const watcher = connectClient(server.url);
    sockets.push(watcher);
    await nextEvent(watcher, 'snapshot');
    const seen: DomainEvent[] = [];
    watcher.on('events:batch', (b) => seen.push(...b.events));

    time.advance((FLOOD_RESPONSE_MIN + 1) * MINUTE);
    await runner().tick();
    const breachId = slaAlertId('response', 'sla_breached', id);
    await waitFor(() => seen.some((e) => e.type === 'alert.raised' && e.incidentId === breachId));

    const joiner = connectClient(server.url);
    sockets.push(joiner);
    const snapshot = await nextEvent(joiner, 'snapshot');
    const alerts = new Map(snapshot.alerts.map((a) => [a.id, a]));
    expect(alerts.get(breachId)).toMatchObject({ kind: 'sla_breached', status: 'open' });
    // The superseded warning was never raised (the first tick was past the deadline).
    expect(alerts.has(slaAlertId('response', 'sla_will_breach', id))).toBe(false);
  });

  it('lists the active alerts by default and the cleared ones when asked', async () => {
    const id = await reportFlood();
    time.advance(50 * MINUTE);
    await runner().tick();
    time.advance(11 * MINUTE);
    await runner().tick();
    const active = await api(server.url, 'GET', '/api/v1/alerts');
    expect(active.status).toBe(200);
    expect(active.body.items.map((a: Alert) => a.id)).toStrictEqual([
      slaAlertId('response', 'sla_breached', id),
    ]);
    const cleared = await api(server.url, 'GET', '/api/v1/alerts?status=cleared');
    expect(cleared.body.items.map((a: Alert) => a.id)).toStrictEqual([
      slaAlertId('response', 'sla_will_breach', id),
    ]);
    const bad = await api(server.url, 'GET', '/api/v1/alerts?status=closed');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
  });
});

describe('who may act on an alert', () => {
  let who: Principals;
  let breachId: string;

  beforeEach(async () => {
    who = await seedPrincipals(server); // its flooding incident is Dinas SDA's
    breachId = slaAlertId('response', 'sla_breached', who.dsdaIncident);
    const road = slaAlertId('response', 'sla_breached', who.roadIncident);
    // Road damage answers within hours: move past both response clocks.
    time.advance(24 * 60 * MINUTE);
    await runner().tick();
    expect((await getAlert(road)).agency).toBe('bina_marga');
  });

  it.each([
    ['anonymous', 401],
    ['display', 403],
    ['viewer', 403],
    ['ingest', 403],
  ] as const)('%s cannot acknowledge (%i)', async (role, status) => {
    const res = await who.call(role, 'POST', `/api/v1/alerts/${breachId}/acknowledge`, {
      note: null,
    });
    expect(res.status).toBe(status);
    expect((await getAlert(breachId)).status).toBe('open');
  });

  it('the agency operator acknowledges and escalates its own agency’s alert, with its name on the event', async () => {
    const ack = await who.call('agency', 'POST', `/api/v1/alerts/${breachId}/acknowledge`, {
      note: 'Pompa dikirim',
    });
    expect(ack.status).toBe(200);
    expect(ack.body.alert.acknowledgedBy).toMatchObject({ kind: 'user' });
    const up = await who.call('agency', 'POST', `/api/v1/alerts/${breachId}/escalate`, {
      note: 'Butuh bantuan kepala dinas',
    });
    expect(up.status).toBe(200);
    expect(up.body.alert.level).toBe('head');
  });

  it('the agency operator cannot touch another agency’s alert, nor dismiss its own', async () => {
    const road = slaAlertId('response', 'sla_breached', who.roadIncident);
    const other = await who.call('agency', 'POST', `/api/v1/alerts/${road}/acknowledge`, {
      note: null,
    });
    expect(other.status).toBe(403);
    const dismiss = await who.call('agency', 'POST', `/api/v1/alerts/${breachId}/dismiss`, {
      note: 'tidak perlu',
    });
    expect(dismiss.status).toBe(403);
    expect((await getAlert(road)).status).toBe('open');
    expect((await getAlert(breachId)).status).toBe('open');
  });

  it('a supervisor dismisses with a note; without one it is refused, naming the field', async () => {
    const bare = await who.call('supervisor', 'POST', `/api/v1/alerts/${breachId}/dismiss`, {});
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('note');
    const empty = await who.call('supervisor', 'POST', `/api/v1/alerts/${breachId}/dismiss`, {
      note: '   ',
    });
    expect(empty.status).toBe(400);
    expect((await getAlert(breachId)).status).toBe('open');
    const ok = await who.call('supervisor', 'POST', `/api/v1/alerts/${breachId}/dismiss`, {
      note: 'Sudah ditangani lewat telepon',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.alert).toMatchObject({ status: 'cleared', clearReason: 'dismissed' });
  });

  it('refuses acting twice, acting on an unknown alert and unknown body fields', async () => {
    const path = `/api/v1/alerts/${breachId}/acknowledge`;
    expect((await who.call('supervisor', 'POST', path, { note: null })).status).toBe(200);
    const again = await who.call('supervisor', 'POST', path, { note: null });
    expect(again.status).toBe(409);
    const unknown = await who.call('supervisor', 'POST', '/api/v1/alerts/alert-nope/escalate', {
      note: null,
    });
    expect(unknown.status).toBe(404);
    const extra = await who.call('supervisor', 'POST', `/api/v1/alerts/${breachId}/escalate`, {
      note: null,
      level: 'supervisor',
    });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain('level');
    expect((await getAlert(breachId)).level).toBe('desk');
  });

  it('nobody but the analyst raises an alert: there is no door for it', async () => {
    const res = await who.call('admin', 'POST', '/api/v1/alerts', { id: 'alert-x' });
    expect(res.status).toBe(404);
  });

  it('a wall display reads alerts without who acknowledged them', async () => {
    await who.call('supervisor', 'POST', `/api/v1/alerts/${breachId}/acknowledge`, { note: null });
    const res = await who.call('display', 'GET', `/api/v1/alerts/${breachId}`);
    expect(res.status).toBe(200);
    expect(res.body.alert.status).toBe('acknowledged');
    expect(res.body.alert.acknowledgedBy.id).toBe('');
  });
});

describe('surges', () => {
  const PLUIT = { lon: 106.792, lat: -6.122 };
  const TEBET = { lon: 106.85, lat: -6.226 };

  it('raises a flood surge for a burst of flood reports in one area, lists them, and clears it once it subsides', async () => {
    // Three quiet days: a road report every two hours in Tebet and a flood report a day at Pluit.
    for (let h = 0; h < 72; h += 2) {
      await api(server.url, 'POST', '/api/v1/incidents', report({ location: TEBET }));
      if (h % 24 === 0) {
        await api(
          server.url,
          'POST',
          '/api/v1/incidents',
          report({ category: 'flooding', location: PLUIT }),
        );
      }
      time.advance(2 * 60 * MINUTE);
    }
    await runner().tick(); // the old reports' SLA alerts; no surge in the quiet days
    const quiet = await api(server.url, 'GET', '/api/v1/alerts?kind=surge');
    expect(quiet.body.items).toStrictEqual([]);

    const burst: string[] = [];
    for (let k = 0; k < 7; k++) {
      const res = await api(
        server.url,
        'POST',
        '/api/v1/incidents',
        report({ category: 'flooding', location: { lon: PLUIT.lon + k * 0.001, lat: PLUIT.lat } }),
      );
      burst.push(res.body.incident.id as string);
      time.advance(10 * MINUTE);
    }
    await runner().tick();
    const active = await api(server.url, 'GET', '/api/v1/alerts?kind=surge');
    expect(active.body.items).toHaveLength(1);
    const surge = active.body.items[0] as Alert;
    expect(surge).toMatchObject({ kind: 'surge', category: 'water', agency: 'dsda' });
    expect(surge.incidentIds).toStrictEqual(burst);
    expect(surge.summary.en).toMatch(/^7 flood reports in 3 h in .+ vs \d\.\d+ expected$/);

    time.advance(4 * 60 * MINUTE); // the burst leaves the 3-hour window
    await runner().tick();
    expect(await getAlert(surge.id)).toMatchObject({ status: 'cleared', clearReason: 'subsided' });
  });
});
