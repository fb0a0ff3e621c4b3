/**
 * The analyst's alerts: what they are and how their events build them. An alert is a fact
 * in the event log like any report: raised, updated (a surge that grows, an SLA warning
 * that became a breach), acknowledged with who and when, escalated a step up its chain,
 * cleared. So alerts stream to every screen, replay, and are audited like everything else.
 *
 * Alert events share the log with incident events. Their `incidentId` is the log's subject
 * column: for an alert event it holds the ALERT's id. Alert ids start with `alert-` and
 * incident ids never do, so the two never collide. Alerts carry no personal data: every
 * audience receives their events unchanged.
 *
 * Pure types and the alert reducer; no I/O. The rules that decide when to raise, escalate
 * and clear live beside it (sla-watch.ts, escalation.ts, surge.ts).
 */
import type { Actor, LonLat } from './types.ts';

export const ALERT_ID_PREFIX = 'alert-';
export const isAlertId = (id: string): boolean => id.startsWith(ALERT_ID_PREFIX);

export const ALERT_KINDS = [
  /** An SLA clock will run out within its lead: chase the agency now. */
  'sla_will_breach',
  /** An SLA clock ran out without being met: the escalation chain starts. */
  'sla_breached',
  /** Far more reports in an area than expected there at this hour. */
  'surge',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const SLA_CLOCKS = ['response', 'resolution'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];

/**
 * The steps of an escalation chain, in order: the agency's desk, then its head, then the
 * command center's supervisor. A new alert sits at `desk`.
 */
export const ESCALATION_LEVELS = ['desk', 'head', 'supervisor'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'cleared'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Why an alert was cleared. */
export const CLEAR_REASONS = [
  /** The clock was met, or the incident ended, so the warning no longer applies. */
  'resolved',
  /** A surge's count fell back below its clearing threshold (hysteresis). */
  'subsided',
  /** A person dismissed it (with a note). */
  'dismissed',
  /** A will-breach warning replaced by the breach itself. */
  'superseded',
] as const;
export type ClearReason = (typeof CLEAR_REASONS)[number];

/** Text for people, Indonesian first. */
export interface AlertText {
  id: string;
  en: string;
}

/** Where a surge is: the H3 cell at its centre, with its ring, and the kelurahan if known. */
export interface AlertArea {
  h3: string;
  /** The cells counted: the centre and its ring of neighbours. */
  cells: string[];
  kelurahanCode: string | null;
  /** A display name, e.g. "Penjaringan". */
  name: string;
  center: LonLat;
}

/** The current picture of one alert, as `reduceAlert` builds it from the log. */
export interface Alert {
  /** `alert-…`; deterministic for SLA alerts, so two nodes cannot raise the same twice. */
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** The agency that must act; null when it concerns several (a surge across categories). */
  agency: string | null;
  /** The category, or the category group of a surge; null when none applies. */
  category: string | null;
  /** The incidents it is about: one for an SLA alert, the reports behind a surge. */
  incidentIds: string[];
  /** The SLA clock an SLA alert watches; null for surges. */
  clock: SlaClockName | null;
  /** The area of a surge; null for SLA alerts. */
  area: AlertArea | null;
  /** Explains itself, e.g. "9 flood reports in 3 h in Penjaringan vs 1.2 expected". */
  summary: AlertText;
  /**
   * The numbers behind it, for screens and webhooks: an SLA alert's `dueAt`; a surge's
   * `count`, `expected`, `p`, `windowHours`.
   */
  facts: Record<string, number | string>;
  /** When it was raised (UTC ISO). */
  raisedAt: string;
  status: AlertStatus;
  /** The step of its escalation chain it has reached. */
  level: EscalationLevel;
  acknowledgedBy: Actor | null;
  acknowledgedAt: string | null;
  /** When it last moved up its chain; null while at `desk`. */
  escalatedAt: string | null;
  clearedAt: string | null;
  clearReason: ClearReason | null;
  updatedAt: string;
  /** Seq of the last event that touched it. */
  lastSeq: number;
}

/** What `alert.raised` carries: the alert as it starts. */
export type RaisedAlert = Omit<
  Alert,
  | 'status'
  | 'level'
  | 'acknowledgedBy'
  | 'acknowledgedAt'
  | 'escalatedAt'
  | 'clearedAt'
  | 'clearReason'
  | 'updatedAt'
  | 'lastSeq'
>;

/** What `alert.updated` may change: a surge that grew, a warning that became a breach. */
export type AlertChanges = Partial<
  Pick<Alert, 'kind' | 'severity' | 'incidentIds' | 'summary' | 'facts'>
>;

interface AlertEventBase<T extends string, D> {
  seq: number;
  type: T;
  /** The alert's id (the log's subject column). */
  incidentId: string;
  at: string;
  actor: Actor;
  data: D & { occurredAt: string; note: string | null };
}

export type AlertRaised = AlertEventBase<'alert.raised', { alert: RaisedAlert }>;
export type AlertUpdated = AlertEventBase<'alert.updated', { changes: AlertChanges }>;
export type AlertAcknowledged = AlertEventBase<'alert.acknowledged', object>;
export type AlertEscalated = AlertEventBase<
  'alert.escalated',
  { from: EscalationLevel; to: EscalationLevel }
>;
export type AlertCleared = AlertEventBase<'alert.cleared', { reason: ClearReason }>;

export type AlertEvent =
  AlertRaised | AlertUpdated | AlertAcknowledged | AlertEscalated | AlertCleared;
export type AlertEventType = AlertEvent['type'];

export const isAlertEvent = (event: { type: string }): event is AlertEvent =>
  event.type.startsWith('alert.');

/** Whether an alert still wants someone's attention. */
export const isActiveAlert = (alert: Alert): boolean => alert.status !== 'cleared';

/** An alert as it starts: open, at the desk, nobody on it yet. */
export function openedAlert(raised: RaisedAlert, at: string, seq: number): Alert {
  return {
    ...raised,
    status: 'open',
    level: 'desk',
    acknowledgedBy: null,
    acknowledgedAt: null,
    escalatedAt: null,
    clearedAt: null,
    clearReason: null,
    updatedAt: at,
    lastSeq: seq,
  };
}

/**
 * The next state of one alert after one of its events. `prev` is undefined only for
 * `alert.raised`; raising an alert that was cleared starts it afresh (an SLA alert's id is
 * fixed, so a reopened incident that breaches again reuses it).
 */
export function reduceAlert(prev: Alert | undefined, event: AlertEvent): Alert {
  if (event.type === 'alert.raised') {
    if (prev && isActiveAlert(prev)) {
      throw new Error(`event ${event.seq} raises alert ${event.incidentId}, which is active`);
    }
    return openedAlert(event.data.alert, event.at, event.seq);
  }
  if (!prev) {
    throw new Error(`event ${event.seq} (${event.type}) names unknown alert ${event.incidentId}`);
  }
  const base = { ...prev, updatedAt: event.at, lastSeq: event.seq };
  switch (event.type) {
    case 'alert.updated':
      return { ...base, ...event.data.changes };
    case 'alert.acknowledged':
      return {
        ...base,
        status: prev.status === 'cleared' ? 'cleared' : 'acknowledged',
        acknowledgedBy: event.actor,
        acknowledgedAt: event.data.occurredAt,
      };
    case 'alert.escalated':
      // Escalating asks new people to act: it wants attention again until they acknowledge.
      return {
        ...base,
        level: event.data.to,
        escalatedAt: event.data.occurredAt,
        status: prev.status === 'cleared' ? 'cleared' : 'open',
      };
    case 'alert.cleared':
      return {
        ...base,
        status: 'cleared',
        clearedAt: event.data.occurredAt,
        clearReason: event.data.reason,
      };
  }
}
