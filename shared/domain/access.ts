/**
 * Who may do what, as one pure policy that HTTP routes and socket handlers both ask,
 * and the redaction that keeps reporters' personal data from roles that need none.
 */
import type { DomainEvent, Incident, Source } from './types.ts';

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
}

export type Action =
  | { type: 'incident:report'; source: Source }
  | { type: 'incident:update'; incident: Incident; agency?: string }
  | { type: 'incident:read' }
  | { type: 'events:read' }
  | { type: 'admin:manage' };

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function authorize(p: Principal, action: Action): Decision {
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
    case 'incident:read':
      return p.role === 'ingest' ? deny('ingest keys cannot read') : allow;
    case 'events:read':
      return p.role === 'ingest' || p.role === 'display'
        ? deny(`role '${p.role}' cannot read the log`)
        : allow;
    case 'admin:manage':
      return p.role === 'admin' ? allow : deny('only admins manage users and keys');
  }
}

/** Viewers and wall displays never receive reporters' contact details. */
export function seesPersonalData(role: Role): boolean {
  return role === 'admin' || role === 'supervisor' || role === 'agency';
}

export function redactIncident(incident: Incident): Incident {
  return incident.reporter === null ? incident : { ...incident, reporter: null };
}

export function redactEvent(event: DomainEvent): DomainEvent {
  if (event.type !== 'incident.reported' || event.data.incident.reporter === null) return event;
  return { ...event, data: { incident: { ...event.data.incident, reporter: null } } };
}
