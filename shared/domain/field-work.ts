/**
 * A field crew's work list (/field): its agency's open incidents, with the time left on
 * the nearest SLA deadline and the distance from the crew, sorted by either; and which
 * field actions each offers to whom. Pure, so the rules are tested in a table and the
 * page only draws them; the server decides again on every command.
 */
import { actorOf, type Principal } from './access.ts';
import { masterOf, distanceM } from './duplicates.ts';
import { proofOfClosure, proofRequiredFor, type ProofPolicy } from './field-proof.ts';
import { isOpen, timeLeftMs } from './sla.ts';
import { canTransition } from './transitions.ts';
import type { Incident, LonLat, PhotoSummary } from './types.ts';

export const FIELD_SORTS = ['sla', 'distance'] as const;
export type FieldSort = (typeof FIELD_SORTS)[number];

export interface FieldWorkItem {
  incident: Incident;
  /** To the nearest SLA deadline still running; negative once overdue. */
  timeLeftMs: number;
  /** From the crew's position, in whole metres; null while the position is unknown. */
  distanceM: number | null;
  /** Claimed by the crew member looking at it. */
  mine: boolean;
  /** Claimed by somebody else. */
  claimedByOther: boolean;
}

/** Whose work a principal sees: an agency's own; supervisors and admins every agency's. */
export function isFieldWorkOf(p: Principal, incident: Incident): boolean {
  if (!isOpen(incident) || masterOf(incident) !== null) return false;
  if (p.role === 'admin' || p.role === 'supervisor') return true;
  return p.role === 'agency' && p.agency !== null && incident.agency === p.agency;
}

export function fieldWork(
  incidents: Iterable<Incident>,
  ctx: { principal: Principal; now: Date; position: LonLat | null },
): FieldWorkItem[] {
  const items: FieldWorkItem[] = [];
  for (const incident of incidents) {
    if (!isFieldWorkOf(ctx.principal, incident)) continue;
    const holder = incident.assignee ?? null;
    const me = actorOf(ctx.principal).id;
    items.push({
      incident,
      timeLeftMs: timeLeftMs(incident, ctx.now),
      distanceM:
        ctx.position === null ? null : Math.round(distanceM(ctx.position, incident.location)),
      mine: holder === me,
      claimedByOther: holder !== null && holder !== me,
    });
  }
  return items;
}

const byTime = (a: FieldWorkItem, b: FieldWorkItem) => a.timeLeftMs - b.timeLeftMs;
const byDistance = (a: FieldWorkItem, b: FieldWorkItem) =>
  (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity);

/**
 * The crew's own claims first, then the free ones, then those others hold; within each,
 * by the chosen key with the other as the tie-break (unknown distances last), then by id
 * so the order never flickers.
 */
export function sortFieldWork(items: readonly FieldWorkItem[], sort: FieldSort): FieldWorkItem[] {
  const group = (i: FieldWorkItem) => (i.mine ? 0 : i.claimedByOther ? 2 : 1);
  const [first, second] = sort === 'sla' ? [byTime, byDistance] : [byDistance, byTime];
  return [...items].sort(
    (a, b) =>
      group(a) - group(b) ||
      first(a, b) ||
      second(a, b) ||
      a.incident.id.localeCompare(b.incident.id),
  );
}

export type FieldAction = 'claim' | 'unclaim' | 'start' | 'note' | 'photo' | 'resolve';

/**
 * The actions the page offers on an incident: claim a free one, let one's own go, start
 * work and resolve as the lifecycle allows, notes and photos while it is open. Work
 * somebody else claimed offers nothing but a look (a supervisor takes it back at the desk).
 */
export function fieldActions(incident: Incident, p: Principal): FieldAction[] {
  if (!isOpen(incident) || masterOf(incident) !== null) return [];
  const holder = incident.assignee ?? null;
  if (holder !== null && holder !== actorOf(p).id) return [];
  const actions: FieldAction[] = [holder === null ? 'claim' : 'unclaim'];
  if (canTransition(incident.status, 'in_progress')) actions.push('start');
  actions.push('note', 'photo');
  if (canTransition(incident.status, 'resolved')) actions.push('resolve');
  return actions;
}

/**
 * Whether a resolve by `p` would hold its proof, counting the photos still waiting on the
 * phone too (their distance from where the phone was, their time the phone's), so a crew
 * is told before it queues a resolve the server would refuse. Null when no proof is asked.
 */
export function resolveProofProblem(
  incident: Incident,
  p: Principal,
  policy: ProofPolicy | null,
  waitingPhotos: readonly PhotoSummary[],
): string | null {
  if (policy === null || !proofRequiredFor(p)) return null;
  const photos = [...(incident.photos ?? []), ...waitingPhotos];
  const verdict = proofOfClosure({ ...incident, photos }, policy);
  return verdict.ok ? null : verdict.missing;
}
