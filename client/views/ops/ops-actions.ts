/**
 * Which drawer actions the signed-in user may take on an incident, and why not. Two
 * questions, asked separately so the drawer can say which one failed: may this role act
 * (the shared `authorize` policy, the very one the server enforces; not a copy of its
 * rules), and does the incident's state allow it (the pack's lifecycle, the severity
 * ladder). The server still decides; this only keeps the console from offering what it
 * would refuse.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Principal } from '../../../shared/domain/access.ts';
import { authorize } from '../../../shared/domain/access.ts';
import { masterOf } from '../../../shared/domain/duplicates.ts';
import type { Incident, Severity, Status } from '../../../shared/domain/types.ts';
import { nextSeverity } from './ops-sort.ts';

/** Why an action is off: the user's role, the incident's state, or "still asking who you are". */
export type Blocker = 'role' | 'state' | 'pending';

export type Gate = { allowed: true } | { allowed: false; blocker: Blocker; detail: string | null };

export interface ActionModel {
  /** May this user change this incident at all. */
  update: Gate;
  /**
   * A report linked to another as its duplicate: its status moves only by the duplicates
   * section's Confirm or Split (update-incident.ts refuses the rest), so none is offered here.
   */
  linked: boolean;
  verify: Gate;
  escalate: Gate & { to: Severity | null };
  note: Gate;
  /** Legal next statuses (verification has its own button), each with its gate. */
  statuses: { status: Status; gate: Gate }[];
  /** Every other agency, each with its gate (agency operators may only hand back). */
  assign: { agency: string; gate: Gate }[];
}

const OPEN: Gate = { allowed: true };
const pending: Gate = { allowed: false, blocker: 'pending', detail: null };
const byState: Gate = { allowed: false, blocker: 'state', detail: null };

function roleGate(principal: Principal | null, incident: Incident, agency?: string): Gate {
  if (!principal) return pending;
  const decision = authorize(principal, { type: 'incident:update', incident, agency });
  return decision.allowed ? OPEN : { allowed: false, blocker: 'role', detail: decision.reason };
}

/** The role decides first: a viewer is told about the role, not about the lifecycle. */
const both = (role: Gate, stateOk: boolean): Gate =>
  !role.allowed ? role : stateOk ? OPEN : byState;

export function actionModel(
  incident: Incident,
  principal: Principal | null,
  pack: CityPack,
): ActionModel {
  const update = roleGate(principal, incident);
  const linked = masterOf(incident) !== null;
  const next = linked ? [] : (pack.transitions[incident.status] ?? []);
  const to = nextSeverity(incident.severity);
  return {
    update,
    linked,
    verify: both(update, next.includes('verified')),
    escalate: { ...both(update, to !== null), to },
    note: update,
    statuses: next
      .filter((status) => status !== 'verified')
      .map((status) => ({ status, gate: update })),
    assign: pack.agencies
      .filter((a) => a.code !== incident.agency)
      .map((a) => ({ agency: a.code, gate: roleGate(principal, incident, a.code) })),
  };
}
