/**
 * Alert histories for the Store contract: alert events built by hand on top of the city's
 * incidents (store-history.ts), numbered after them, with the picture `reduceAlert` makes
 * of them, which every store must reproduce. Field times are hours after T0, like the city's.
 */
import {
  type Alert,
  type AlertChanges,
  type AlertEvent,
  type ClearReason,
  type EscalationLevel,
  type RaisedAlert,
  reduceAlert,
} from '../../shared/domain/alerts.ts';
import type { Actor, DomainEvent, NewEvent } from '../../shared/domain/types.ts';
import { cityHistory, hour, type History } from './store-history.ts';

export const ANALYST: Actor = { kind: 'system', id: 'analyst' };
export const DESK: Actor = { kind: 'user', id: 'u-desk' };

/** The city's incidents, then alert events, one `append` per batch. */
export interface AlertHistory {
  city: History;
  /** The alert batches, appended after the city's. */
  batches: NewEvent[][];
  /** The whole log: the city's events, then the alerts'. */
  events: DomainEvent[];
  /** `reduceAlert`'s picture of every alert after all batches. */
  alerts: Map<string, Alert>;
}

const base = (id: string, h: number, actor = ANALYST) => ({
  incidentId: id,
  at: hour(h),
  actor,
});

/** An alert as raised, its fields defaulting to an SLA breach on no incident in particular. */
export function raisedAlert(id: string, h: number, over: Partial<RaisedAlert> = {}): RaisedAlert {
  return {
    id,
    kind: 'sla_breached',
    severity: 'critical',
    agency: 'bina_marga',
    category: 'road_damage',
    incidentIds: [],
    clock: 'response',
    area: null,
    summary: { id: `Peringatan ${id}`, en: `Alert ${id}` },
    facts: { dueAt: hour(h) },
    raisedAt: hour(h),
    ...over,
  };
}

export const alertEvents = {
  raise: (id: string, h: number, over: Partial<RaisedAlert> = {}): NewEvent => ({
    ...base(id, h),
    type: 'alert.raised',
    data: { alert: raisedAlert(id, h, over), occurredAt: hour(h), note: null },
  }),
  update: (id: string, h: number, changes: AlertChanges): NewEvent => ({
    ...base(id, h),
    type: 'alert.updated',
    data: { changes, occurredAt: hour(h), note: null },
  }),
  acknowledge: (id: string, h: number, by: Actor = DESK): NewEvent => ({
    ...base(id, h, by),
    type: 'alert.acknowledged',
    data: { occurredAt: hour(h), note: 'Sedang ditangani' },
  }),
  escalate: (id: string, h: number, from: EscalationLevel, to: EscalationLevel): NewEvent => ({
    ...base(id, h),
    type: 'alert.escalated',
    data: { from, to, occurredAt: hour(h), note: null },
  }),
  clear: (id: string, h: number, reason: ClearReason): NewEvent => ({
    ...base(id, h),
    type: 'alert.cleared',
    data: { reason, occurredAt: hour(h), note: null },
  }),
};

/** Applies alert events to a model of the alerts, as the log would number them after `seq`. */
export function reduceAlerts(
  alerts: Map<string, Alert>,
  events: NewEvent[],
  seqBefore: number,
): DomainEvent[] {
  return events.map((e, i) => {
    const event = { ...e, seq: seqBefore + i + 1 } as DomainEvent;
    const alert = event as AlertEvent;
    alerts.set(alert.incidentId, reduceAlert(alerts.get(alert.incidentId), alert));
    return event;
  });
}

/**
 * Six alerts over the city's three days, every path: acknowledged then escalated (open
 * again), updated from a warning to a breach then cleared, two surges raised at one time
 * (one cleared at h44), one left acknowledged, and one cleared and raised again afresh.
 */
export function alertHistory(): AlertHistory {
  const city = cityHistory();
  const agencyOf = (id: string) => city.incidents.get(id)!.agency;
  const { raise, update, acknowledge, escalate, clear } = alertEvents;
  const surge = { kind: 'surge', severity: 'warning', agency: null, clock: null } as const;
  const batches: NewEvent[][] = [
    [raise('alert-sla-b', 3.5, { agency: agencyOf('inc-b'), incidentIds: ['inc-b'] })],
    [acknowledge('alert-sla-b', 4)],
    [
      raise('alert-sla-d', 20, {
        kind: 'sla_will_breach',
        severity: 'warning',
        agency: agencyOf('inc-d'),
        category: 'fire',
        clock: 'resolution',
        incidentIds: ['inc-d'],
      }),
    ],
    [escalate('alert-sla-b', 5, 'desk', 'head')],
    [update('alert-sla-d', 22, { kind: 'sla_breached', severity: 'critical' })],
    [clear('alert-sla-d', 30, 'resolved')],
    [
      raise('alert-sla-e', 30.5, {
        kind: 'sla_will_breach',
        agency: agencyOf('inc-e'),
        category: 'fallen_tree',
        incidentIds: ['inc-e'],
      }),
      acknowledge('alert-sla-e', 31),
    ],
    [
      raise('alert-surge-1', 40, { ...surge, category: 'flooding' }),
      raise('alert-surge-2', 40, { ...surge, category: 'garbage' }),
    ],
    [raise('alert-sla-f', 41, { agency: agencyOf('inc-f'), incidentIds: ['inc-f'] })],
    [clear('alert-sla-f', 41, 'resolved')],
    [clear('alert-surge-1', 44, 'subsided')],
    [raise('alert-sla-f', 46, { agency: agencyOf('inc-f'), incidentIds: ['inc-f'] })],
  ];
  const alerts = new Map<string, Alert>();
  const events = [...city.events];
  for (const batch of batches) events.push(...reduceAlerts(alerts, batch, events.length));
  return { city, batches, events, alerts };
}
