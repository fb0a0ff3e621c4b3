/**
 * Replay of the analyst's alerts: alert events rebuild alerts beside incidents with the
 * shared `reduceAlert`, an event about an alert raised before the replay's start is
 * skipped, callers that pass no alerts map see incidents only, and `alertsVisibleAt`
 * keeps what a screen held at a moment (raised by then; active, or cleared in the window).
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../shared/domain/alerts.ts';
import { alertsVisibleAt, fieldTime, replayInPlace } from '../../../../shared/domain/replay.ts';
import type { DomainEvent, Incident, NewEvent } from '../../../../shared/domain/types.ts';
import { alertEvents, DESK } from '../../../support/store-contract-alert-history.ts';
import { hour } from '../../../support/store-history.ts';
import { makeLog } from '../../../support/fixtures.ts';

const { raise, update, acknowledge, escalate, clear } = alertEvents;
const seqd = (events: NewEvent[], after = 0): DomainEvent[] =>
  events.map((e, i) => ({ ...e, seq: after + i + 1 }) as DomainEvent);

/** One breach walked through its life, one event an hour from h1. */
const LIFE = seqd([
  raise('alert-a', 1, { kind: 'sla_will_breach', severity: 'warning' }),
  update('alert-a', 2, { kind: 'sla_breached', severity: 'critical' }),
  acknowledge('alert-a', 3),
  escalate('alert-a', 4, 'desk', 'head'),
  clear('alert-a', 5, 'resolved'),
  raise('alert-a', 6),
]);
const fieldHour = (e: DomainEvent) => (Date.parse(fieldTime(e)) - Date.parse(hour(0))) / 3_600_000;

describe('replay of alert events', () => {
  it.each([
    // after the events up to hour h: kind, severity, status, level, acknowledged by
    [1, 'sla_will_breach', 'warning', 'open', 'desk', null],
    [2, 'sla_breached', 'critical', 'open', 'desk', null],
    [3, 'sla_breached', 'critical', 'acknowledged', 'desk', DESK],
    // Escalating wants attention again: open, at the head, the acknowledgement kept.
    [4, 'sla_breached', 'critical', 'open', 'head', DESK],
    [5, 'sla_breached', 'critical', 'cleared', 'head', DESK],
    // Raised again after its clear: afresh, at the desk, nobody's yet.
    [6, 'sla_breached', 'critical', 'open', 'desk', null],
  ])(
    'after the events up to h%s it is %s, %s, %s at the %s',
    (h, kind, severity, status, level, by) => {
      const alerts = new Map<string, Alert>();
      replayInPlace(
        new Map(),
        LIFE.filter((e) => fieldHour(e) <= h),
        alerts,
      );
      expect(alerts.get('alert-a')).toMatchObject({
        kind,
        severity,
        status,
        level,
        acknowledgedBy: by,
      });
      expect(alerts.get('alert-a')!.lastSeq).toBe(h);
    },
  );

  it('gives, in one pass or event by event, the picture reduceAlert gives', () => {
    const whole = new Map<string, Alert>();
    replayInPlace(new Map(), LIFE, whole);
    const stepwise = new Map<string, Alert>();
    for (const e of LIFE) replayInPlace(new Map(), [e], stepwise);
    expect(stepwise).toStrictEqual(whole);
    expect(whole.get('alert-a')).toMatchObject({ raisedAt: hour(6), clearedAt: null });
  });

  it('skips events of an alert raised before the replay started instead of failing', () => {
    const alerts = new Map<string, Alert>();
    replayInPlace(new Map(), LIFE.slice(2), alerts);
    // Acknowledged, escalated and cleared unseen; the raise at h6 starts it.
    expect([...alerts.keys()]).toStrictEqual(['alert-a']);
    expect(alerts.get('alert-a')).toMatchObject({ status: 'open', lastSeq: 6 });
  });

  it('leaves incidents alone and keeps alerts out when no alerts map is given', () => {
    const log = makeLog();
    log.report('inc-1', hour(0));
    const mixed = [...log.events, ...seqd([raise('alert-a', 1), acknowledge('alert-a', 2)], 1)];
    const incidents = new Map<string, Incident>();
    replayInPlace(incidents, mixed);
    expect([...incidents.keys()]).toStrictEqual(['inc-1']);
    const alerts = new Map<string, Alert>();
    const withAlerts = new Map<string, Incident>();
    replayInPlace(withAlerts, mixed, alerts);
    expect(withAlerts).toStrictEqual(incidents);
    expect(alerts.get('alert-a')?.status).toBe('acknowledged');
  });
});

describe('alerts a screen held at a moment', () => {
  const alerts = new Map<string, Alert>();
  replayInPlace(
    new Map(),
    seqd([
      raise('alert-open', 1),
      raise('alert-later', 30),
      raise('alert-cleared-recently', 2),
      clear('alert-cleared-recently', 20, 'subsided'),
      raise('alert-cleared-long-ago', 0),
      clear('alert-cleared-long-ago', 3, 'dismissed'),
    ]),
    alerts,
  );
  it.each([
    // at hour, window hours, the alerts shown
    [10, 24, ['alert-open', 'alert-cleared-recently', 'alert-cleared-long-ago']],
    [28, 24, ['alert-open', 'alert-cleared-recently']],
    [31, 24, ['alert-open', 'alert-later', 'alert-cleared-recently']],
    [31, 6, ['alert-open', 'alert-later']],
  ])('at h%s with a %s-hour window: %j', (h, windowHours, ids) => {
    const shown = alertsVisibleAt(alerts.values(), new Date(hour(h)), windowHours);
    expect(shown.map((a) => a.id).sort()).toStrictEqual([...ids].sort());
  });
});
