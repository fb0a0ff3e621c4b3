/**
 * Who may do what, as one pure policy that HTTP routes and socket handlers both ask,
 * and the redaction that keeps reporters' personal data from roles that need none.
 */
import type { Alert } from './alerts.ts';
import type { Actor, DomainEvent, Incident, Source } from './types.ts';

export const ROLES = ['admin', 'supervisor', 'agency', 'viewer', 'display', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person can hold; display and ingest are only ever tokens. */
export const USER_ROLES = ['admin', 'supervisor', 'agency', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const COMMAND_CENTER_AGENCY = 'command_center';

export interface Principal {
  kind: 'user' | 'token';
  id: string;
  name: string;
  role: Role;
  /** For agency operators: the agency whose incidents they act on. */
  agency: string | null;
  /** For ingest keys: the one source channel they may post as. */
  source: Source | null;
  /**
   * An agency user an admin marked as field crew (only users, only of the agency role):
   * the wider backdating bound for work done offline (field-time.ts). Absent means not.
   */
  fieldCrew?: boolean;
}

/**
 * Who the log records as having acted: a user by username (what claims, waivers and the
 * timeline show), a token by its label, an ingest key as its source and label.
 */
export function actorOf(p: Principal): Actor {
  if (p.role === 'ingest') return { kind: 'source', id: `${p.source}:${p.name}` };
  return { kind: p.kind === 'user' ? 'user' : 'system', id: p.name };
}

const SYSTEM_PRINCIPALS = new WeakSet<Principal>();

/**
 * A trusted part of Nakhoda itself acting through the write path (the simulator, an Open311
 * connector): supervisor rights and no backdating bound, since it replays field times from
 * elsewhere; the log records it as the system actor `name`. Only objects made here are
 * system principals: nothing a request presents can pass for one.
 */
export function systemPrincipal(name: string, id = `system:${name}`): Principal {
  const p: Principal = { kind: 'token', id, name, role: 'supervisor', agency: null, source: null };
  SYSTEM_PRINCIPALS.add(p);
  return p;
}

export const isSystemPrincipal = (p: Principal): boolean => SYSTEM_PRINCIPALS.has(p);

/** The built-in simulator acts as a trusted system source (it backfills days of field time). */
export const SYSTEM_PRINCIPAL: Principal = systemPrincipal('simulator', 'system');

/** The analyst's name: `systemPrincipal(ANALYST)` alone raises, updates and clears alerts by rule. */
export const ANALYST = 'analyst';
const isAnalyst = (p: Principal): boolean => isSystemPrincipal(p) && p.name === ANALYST;

/** What people do to an alert: take it on, send it up its chain, or dismiss it (a clear with a note). */
export type AlertAct = 'acknowledge' | 'escalate' | 'dismiss';

export type Action =
  | { type: 'incident:report'; source: Source }
  | { type: 'incident:update'; incident: Incident; agency?: string }
  /** Link a report to a master as its duplicate, or split it off again (duplicates.ts). */
  | { type: 'incident:link' }
  /** Claim an incident for oneself, or let a claim go (field-claim.ts). */
  | { type: 'incident:claim'; incident: Incident }
  /** Waive the photo proof of closure (field-proof.ts). */
  | { type: 'incident:waive' }
  | { type: 'incident:read' }
  | { type: 'events:read' }
  | { type: 'admin:manage' }
  | { type: 'alert:read' }
  /** Raise, update, and clear by rule: the analyst's own work. */
  | { type: 'alert:raise' }
  /** Without `alert`: whether the role may ever; with it: on that alert. */
  | { type: 'alert:act'; act: AlertAct; alert?: Alert };

/** Whether a principal may do an action, and if not, why: allow/deny, not a command's result. */
export type Permission = { allowed: true } | { allowed: false; reason: string };

const allow: Permission = { allowed: true };
const deny = (reason: string): Permission => ({ allowed: false, reason });

export function authorize(p: Principal, action: Action): Permission {
  switch (action.type) {
    case 'incident:report':
      if (p.role === 'admin' || p.role === 'supervisor') return allow;
      if (p.role === 'ingest') {
        return p.source === action.source ? allow : deny(`this key may only post as '${p.source}'`);
      }
      if (p.role === 'agency')
        return action.source === 'field' ? allow : deny("agency operators report as 'field'");
      return deny(`role '${p.role}' cannot report incidents`);
    case 'incident:update':
      if (p.role === 'admin' || p.role === 'supervisor') return allow;
      if (p.role === 'agency') {
        if (action.incident.agency !== p.agency)
          return deny(`incident is assigned to '${action.incident.agency}', not '${p.agency}'`);
        if (
          action.agency !== undefined &&
          action.agency !== p.agency &&
          action.agency !== COMMAND_CENTER_AGENCY
        ) {
          return deny(
            `agency operators may only hand an incident back to '${COMMAND_CENTER_AGENCY}'`,
          );
        }
        return allow;
      }
      return deny(`role '${p.role}' cannot change incidents`);
    case 'incident:link':
      // Which reports are one incident decides what every league table counts: the command
      // center's call, not the agency's whose numbers it moves.
      return p.role === 'admin' || p.role === 'supervisor'
        ? allow
        : deny('only supervisors link and split duplicate reports');
    case 'incident:claim':
      // The crew of the incident's agency, or the desk that directs it.
      if (p.role === 'admin' || p.role === 'supervisor') return allow;
      if (p.role !== 'agency') return deny(`role '${p.role}' cannot claim incidents`);
      return action.incident.agency === p.agency
        ? allow
        : deny(`incident is assigned to '${action.incident.agency}', not '${p.agency}'`);
    case 'incident:waive':
      return p.role === 'admin' || p.role === 'supervisor'
        ? allow
        : deny('only supervisors waive the photo proof of closure');
    case 'incident:read':
      return p.role === 'ingest' ? deny('ingest keys cannot read') : allow;
    case 'events:read':
      return p.role === 'ingest' || p.role === 'display'
        ? deny(`role '${p.role}' cannot read the log`)
        : allow;
    case 'admin:manage':
      return p.role === 'admin' ? allow : deny('only admins manage users and keys');
    case 'alert:read':
      return authorize(p, { type: 'incident:read' });
    case 'alert:raise':
      return isAnalyst(p) ? allow : deny('only the analyst raises and clears alerts by rule');
    case 'alert:act':
      return mayActOnAlert(p, action.act, action.alert);
  }
}

function mayActOnAlert(p: Principal, act: AlertAct, alert: Alert | undefined): Permission {
  if (isAnalyst(p) || p.role === 'admin' || p.role === 'supervisor') return allow;
  if (p.role !== 'agency') return deny(`role '${p.role}' cannot act on alerts`);
  if (act === 'dismiss') return deny('agency operators cannot dismiss alerts');
  if (alert && alert.agency !== p.agency)
    return deny(`alert is for '${alert.agency ?? 'several agencies'}', not '${p.agency}'`);
  return allow;
}

/**
 * Reporters' contact details are for the people who act on an incident: admins and
 * supervisors see them all, an agency operator only on incidents assigned to its agency,
 * viewers and wall displays never.
 */
export function seesPersonalData(p: Principal, incident: { agency: string }): boolean {
  if (p.role === 'admin' || p.role === 'supervisor') return true;
  return p.role === 'agency' && p.agency !== null && incident.agency === p.agency;
}

/** True when the principal may see some reporter's contact details (export columns, rooms). */
export function seesAnyPersonalData(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'supervisor' || p.role === 'agency';
}

export function redactIncident(incident: Incident): Incident {
  return incident.reporter === null ? incident : { ...incident, reporter: null };
}

export function redactEvent(event: DomainEvent): DomainEvent {
  if (event.type !== 'incident.reported' || event.data.incident.reporter === null) return event;
  return { ...event, data: { incident: { ...event.data.incident, reporter: null } } };
}

/** What a wall display gets instead of a note's text. */
export const REDACTED_NOTE = '…';

/**
 * For screens that may show the picture but not read the log (wall displays): who did
 * it and what a note says are left out; that a note was added stays, so counts agree.
 */
export function stripLogDetails(event: DomainEvent): DomainEvent {
  const actor = { kind: event.actor.kind, id: '' };
  if (event.type === 'incident.reported') return { ...event, actor };
  const note = event.data.note ? REDACTED_NOTE : null;
  // Where a crew's phone was, who holds or waived it: the log's, as the actor is.
  switch (event.type) {
    case 'incident.noted':
      return { ...event, actor, data: { ...noPosition(event.data), note: REDACTED_NOTE } };
    case 'incident.claimed':
    case 'incident.unclaimed':
      return { ...event, actor, data: { ...noPosition(event.data), assignee: '', note } };
    case 'incident.proof_waived':
      return { ...event, actor, data: { ...event.data, by: '', note: REDACTED_NOTE } };
    case 'incident.photo_added': {
      const { takenAt } = event.data.exif;
      return {
        ...event,
        actor,
        data: {
          ...noPosition(event.data),
          exif: { takenAt, lon: null, lat: null },
          device: { takenAt: event.data.device.takenAt, position: null },
          note: null,
        },
      };
    }
  }
  return { ...event, actor, data: { ...noPosition(event.data), note } } as DomainEvent;
}

/** A copy of an event's data without the crew's `position`. */
function noPosition<T extends object>(data: T): T {
  if (!('position' in data)) return data;
  const copy: Partial<T> & { position?: unknown } = { ...data };
  delete copy.position;
  return copy as T;
}

/** An alert as a screen that may not read the log gets it: who acknowledged it left out. */
export function stripAlertDetails(alert: Alert): Alert {
  const by = alert.acknowledgedBy;
  return by === null ? alert : { ...alert, acknowledgedBy: { kind: by.kind, id: '' } };
}

/** What a principal may receive of incidents and events: one function for every read path. */
export interface Redactor {
  incident(incident: Incident): Incident;
  /** Alerts hold no personal data; a screen that may not read the log gets no actor either. */
  alert(alert: Alert): Alert;
  /** `agencyNow` is the incident's current agency where the caller knows it (a history). */
  event(event: DomainEvent, agencyNow?: string): DomainEvent;
}

export function redactorFor(p: Principal): Redactor {
  const readsLog = authorize(p, { type: 'events:read' }).allowed;
  const incident = (i: Incident) => {
    const out = seesPersonalData(p, i) ? i : redactIncident(i);
    // Who holds it or waived its proof is the log's, as an event's actor is.
    if (readsLog || (!out.assignee && !out.proofWaived)) return out;
    return {
      ...out,
      ...(out.assignee ? { assignee: '' } : {}),
      ...(out.proofWaived ? { proofWaived: { ...out.proofWaived, by: '' } } : {}),
    };
  };
  const event = (e: DomainEvent, agencyNow?: string) => {
    const agency =
      agencyNow ?? (e.type === 'incident.reported' ? e.data.incident.agency : undefined);
    const personal = agency !== undefined && seesPersonalData(p, { agency }) ? e : redactEvent(e);
    return readsLog ? personal : stripLogDetails(personal);
  };
  const alert = (a: Alert) => (readsLog ? a : stripAlertDetails(a));
  return { incident, alert, event };
}
