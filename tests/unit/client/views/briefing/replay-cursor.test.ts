/**
 * The replay cursor shows, at any t, what replaying every event up to t from an empty
 * city shows, incidents and the analyst's alerts alike, whether the slider moves forward,
 * backward or jumps.
 */
import { describe, expect, it } from 'vitest';
import { createReplayCursor } from '../../../../../client/views/briefing/replay-cursor.ts';
import type { Alert } from '../../../../../shared/domain/alerts.ts';
import {
  alertsVisibleAt,
  fieldTime,
  replayInPlace,
  visibleAt,
} from '../../../../../shared/domain/replay.ts';
import type { DomainEvent, Incident, NewEvent } from '../../../../../shared/domain/types.ts';
import { alertEvents } from '../../../../support/store-contract-alert-history.ts';
import { makeLog } from '../../../../support/fixtures.ts';

const WINDOW_H = 2;
const at = (hhmm: string) => `2026-12-05T${hhmm}:00.000Z`;

function history(): DomainEvent[] {
  const log = makeLog();
  // Ended long before the window, then closed inside it: never on screen.
  log.report('old', at('01:00'));
  log.update('old', at('01:05'), { status: 'dispatched' });
  log.update('old', at('01:10'), { status: 'resolved' });
  // Open across the window's start, resolved inside it; closed with a late-synced time.
  log.report('a', at('09:30'), { category: 'flooding' });
  log.update('a', at('10:40'), { status: 'verified' });
  log.update('a', at('11:20'), { status: 'dispatched' });
  log.update('a', at('12:30'), { status: 'resolved', occurredAt: at('12:05') });
  // Reported inside the window.
  log.report('b', at('10:15'));
  log.update('b', at('10:50'), { status: 'rejected' });
  log.report('c', at('11:45'), { category: 'garbage' });
  log.update('c', at('12:10'), { status: 'verified' });
  log.update('old', at('11:00'), { status: 'closed' });
  const { raise, acknowledge, escalate, clear } = alertEvents;
  const when =
    (hhmm: string) =>
    (e: NewEvent): NewEvent =>
      ({
        ...e,
        at: at(hhmm),
        data: { ...e.data, occurredAt: at(hhmm) },
      }) as NewEvent;
  const alertLog: NewEvent[] = [
    // Cleared before the window's start minus its hours: never on screen.
    when('06:00')(raise('alert-gone', 0)),
    when('07:00')(clear('alert-gone', 0, 'resolved')),
    // Cleared just before the window: on screen at its start, for two hours.
    when('08:30')(raise('alert-recent', 0)),
    when('09:00')(clear('alert-recent', 0, 'resolved')),
    // Raised before the window, acknowledged, escalated and cleared in it.
    when('09:40')(raise('alert-a', 0, { incidentIds: ['a'], severity: 'warning' })),
    when('10:30')(acknowledge('alert-a', 0)),
    when('11:00')(escalate('alert-a', 0, 'desk', 'head')),
    when('12:00')(clear('alert-a', 0, 'resolved')),
    // Raised in the window; and a late acknowledgement of the alert long gone.
    when('11:50')(raise('alert-c', 0, { incidentIds: ['c'] })),
    when('12:20')(acknowledge('alert-gone', 0)),
  ];
  const seq = log.events.length;
  const alerts = alertLog.map((e, i) => ({ ...e, seq: seq + i + 1 }) as DomainEvent);
  return [...log.events, ...alerts].sort(
    (x, y) => fieldTime(x).localeCompare(fieldTime(y)) || x.seq - y.seq,
  );
}

function expectedAt(
  events: DomainEvent[],
  t: number,
): { incidents: Map<string, Incident>; alerts: Map<string, Alert> } {
  const state = new Map<string, Incident>();
  const alerts = new Map<string, Alert>();
  replayInPlace(
    state,
    events.filter((e) => Date.parse(fieldTime(e)) <= t),
    alerts,
  );
  return {
    incidents: new Map(visibleAt(state.values(), new Date(t), WINDOW_H).map((i) => [i.id, i])),
    alerts: new Map(alertsVisibleAt(alerts.values(), new Date(t), WINDOW_H).map((a) => [a.id, a])),
  };
}

describe('replay cursor', () => {
  const events = history();
  const from = Date.parse(at('10:00'));
  const to = Date.parse(at('13:00'));
  const before = events.filter((e) => Date.parse(fieldTime(e)) <= from);
  const startState = new Map<string, Incident>();
  const startAlerts = new Map<string, Alert>();
  replayInPlace(startState, before, startAlerts);
  const data = {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    windowHours: WINDOW_H,
    initial: visibleAt(startState.values(), new Date(from), WINDOW_H),
    initialAlerts: alertsVisibleAt(startAlerts.values(), new Date(from), WINDOW_H),
    events: events.filter((e) => {
      const ft = Date.parse(fieldTime(e));
      return ft > from && ft <= to;
    }),
  };

  it.each([
    ['forward', ['10:00', '10:20', '10:45', '11:30', '12:06', '13:00']],
    ['backward', ['13:00', '12:06', '11:30', '10:45', '10:20', '10:00']],
    ['jumping', ['12:31', '10:16', '12:59', '11:00', '10:00', '12:10']],
  ])('matches a replay from scratch moving %s', (_name, times) => {
    const cursor = createReplayCursor(data);
    for (const hhmm of times) {
      const t = Date.parse(at(hhmm));
      cursor.seek(t);
      expect(cursor.time()).toBe(t);
      const shown = new Map(cursor.visible().map((i) => [i.id, i]));
      const alerts = new Map(cursor.alerts().map((a) => [a.id, a]));
      const expected = expectedAt(events, t);
      expect(shown, hhmm).toEqual(expected.incidents);
      expect(alerts, hhmm).toEqual(expected.alerts);
    }
  });

  it('shows the resolved incident at the time it was resolved in the field, not when synced', () => {
    const cursor = createReplayCursor(data);
    cursor.seek(Date.parse(at('12:06')));
    expect(cursor.visible().find((i) => i.id === 'a')?.status).toBe('resolved');
    cursor.seek(Date.parse(at('12:04')));
    expect(cursor.visible().find((i) => i.id === 'a')?.status).toBe('dispatched');
  });

  it('never shows what had left the screens before the window', () => {
    const cursor = createReplayCursor(data);
    cursor.seek(to);
    expect(cursor.visible().map((i) => i.id)).not.toContain('old');
  });

  it('moves the alerts with the slider, both ways', () => {
    const cursor = createReplayCursor(data);
    const alertAt = (hhmm: string) => {
      cursor.seek(Date.parse(at(hhmm)));
      return cursor.alerts().find((a) => a.id === 'alert-a');
    };
    expect(alertAt('10:00')).toMatchObject({ status: 'open', level: 'desk' });
    expect(alertAt('10:45')).toMatchObject({ status: 'acknowledged', level: 'desk' });
    expect(alertAt('11:30')).toMatchObject({ status: 'open', level: 'head' });
    expect(alertAt('12:30')).toMatchObject({ status: 'cleared', clearReason: 'resolved' });
    expect(alertAt('10:45')).toMatchObject({ status: 'acknowledged', level: 'desk' });
    expect(
      cursor
        .alerts()
        .map((a) => a.id)
        .sort(),
    ).toStrictEqual(['alert-a', 'alert-recent']);
  });

  it('never shows an alert cleared before the window, even when acknowledged late', () => {
    const cursor = createReplayCursor(data);
    cursor.seek(to);
    expect(data.initialAlerts.map((a) => a.id)).not.toContain('alert-gone');
    expect(
      cursor
        .alerts()
        .map((a) => a.id)
        .sort(),
    ).toStrictEqual(['alert-a', 'alert-c']);
  });
});
