/**
 * Field times: when something happened in the city (a citizen's report, a crew's status
 * change), as opposed to when the server logged it. Agencies are ranked on field times,
 * so whoever dates one could flatter themselves. This is the one rule for how far back
 * each kind of author may date one, and that a change never predates the incident's
 * previous event. Pure: the server builds the policy from its configuration.
 */
import type { Principal } from './access.ts';
import { DAY_MS as DAY, HOUR_MS as HOUR, MINUTE_MS as MIN } from './time.ts';
import type { DomainEvent, Incident, Source } from './types.ts';

/** Clocks of sources and servers disagree a little; more than this ahead is an error. */
export const MAX_CLOCK_SKEW_MS = 5 * MIN;

export interface BackdatePolicy {
  /** People at a console and their API tokens: they log what happens as it happens. */
  deskMs: number;
  /**
   * Agency users an admin marked as field crew: a phone without signal queues a shift's
   * work and sends it when the signal returns, each action with the time it was done.
   */
  fieldMs: number;
  /** Ingest keys, whose channels may queue reports for a while (an app offline, a batch). */
  ingestMs: number;
  /** Bounds for the ingest keys of one source, in place of `ingestMs`. */
  sourceMs: Partial<Record<Source, number>>;
}

export const DEFAULT_BACKDATE_POLICY: BackdatePolicy = {
  deskMs: 10 * MIN,
  fieldMs: 12 * HOUR,
  ingestMs: 24 * HOUR,
  sourceMs: {},
};

/** Who dates a field time: a principal, or the built-in simulator, which backfills days. */
export type FieldTimeAuthor = Principal | 'system';

/** The kinds of author, each with its own bound. */
export type BackdateKind = 'desk' | 'field' | 'ingest' | 'system';

/**
 * A field crew is an agency user whose account an admin marked so (the auth store's
 * `field_crew`); nothing a request carries makes one, and no token is one.
 */
export const isFieldCrew = (p: Principal): boolean =>
  p.kind === 'user' && p.role === 'agency' && p.fieldCrew === true;

export function backdateKind(author: FieldTimeAuthor): BackdateKind {
  if (author === 'system') return 'system';
  if (author.role === 'ingest') return 'ingest';
  // Display tokens never write; they fall under the strictest bound all the same.
  return isFieldCrew(author) ? 'field' : 'desk';
}

/** How far before now `author` may date something about an incident from `source`. */
export function maxBackdateMs(
  author: FieldTimeAuthor,
  source: Source,
  policy: BackdatePolicy,
): number {
  switch (backdateKind(author)) {
    case 'system':
      return Infinity;
    case 'ingest':
      return policy.sourceMs[source] ?? policy.ingestMs;
    case 'field':
      return policy.fieldMs;
    case 'desk':
      return policy.deskMs;
  }
}

/** "10 min", "1 h 59 min", "24 h", "100 d", "3 d 4 h": a span as people say it, rounded down. */
export function describeSpan(ms: number): string {
  const minutes = Math.floor(ms / MIN);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(ms / DAY);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

function holder(author: FieldTimeAuthor, source: Source): string {
  switch (backdateKind(author)) {
    case 'ingest':
      return `ingest keys for '${source}'`;
    case 'field':
      return 'field crews';
    default:
      return 'desk users and API tokens';
  }
}

export interface FieldTimeRule {
  now: Date;
  author: FieldTimeAuthor;
  /** The incident's source channel (an ingest key's bound may depend on it). */
  source: Source;
  policy: BackdatePolicy;
  /** The incident's last field time: a change may not be dated before it. */
  notBefore?: string;
}

/** Why `iso` is not an acceptable field time, or null when it is. */
export function checkFieldTime(iso: string, rule: FieldTimeRule): string | null {
  const t = Date.parse(iso);
  const now = rule.now.getTime();
  if (t > now + MAX_CLOCK_SKEW_MS) return 'is in the future';
  if (rule.notBefore !== undefined && t < Date.parse(rule.notBefore)) {
    return `is before the incident's previous event (${rule.notBefore})`;
  }
  const max = maxBackdateMs(rule.author, rule.source, rule.policy);
  if (now - t > max) {
    return (
      `is ${describeSpan(now - t)} before now; ` +
      `${holder(rule.author, rule.source)} may date at most ${describeSpan(max)} back`
    );
  }
  return null;
}

/**
 * The field time a change to an incident gets: the one given (else now), within its
 * author's bound. A change dated before the incident's previous event is refused — except a
 * field crew's: work done on a phone without signal reaches the server after whatever others
 * did meanwhile, so it is placed at that event's time (later, never earlier, than the phone
 * said: no agency looks faster for it) rather than lost.
 */
export function changeFieldTime(
  given: string | undefined,
  rule: FieldTimeRule & { notBefore: string },
): { ok: true; occurredAt: string } | { ok: false; why: string } {
  const iso = given ? new Date(given).toISOString() : rule.now.toISOString();
  if (backdateKind(rule.author) === 'field') {
    const { notBefore: _, ...bound } = rule;
    const why = checkFieldTime(iso, bound);
    return why === null
      ? { ok: true, occurredAt: laterOf(iso, rule.notBefore) }
      : { ok: false, why };
  }
  const why = checkFieldTime(iso, rule);
  return why === null ? { ok: true, occurredAt: iso } : { ok: false, why };
}

/**
 * True when a field time was dated away from the time the server logged it by more than
 * a minute: then screens and exports show the log time beside it.
 */
export function isBackdated(fieldIso: string, loggedIso: string): boolean {
  return Math.abs(Date.parse(loggedIso) - Date.parse(fieldIso)) > MIN;
}

/** Field time of an event: when the citizen reported it, or when the change happened. */
export function fieldTime(e: DomainEvent): string {
  return e.type === 'incident.reported' ? e.data.incident.reportedAt : e.data.occurredAt;
}

/** The later of two UTC ISO times. */
export function laterOf(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The incident's last field time. Incidents stored before `lastFieldAt` was kept fall back
 * to the latest field time they record.
 */
export function lastFieldTime(inc: Incident): string {
  if (inc.lastFieldAt !== undefined) return inc.lastFieldAt;
  let last = inc.reportedAt;
  for (const t of [inc.firstResponseAt, inc.resolvedAt, inc.endedAt]) {
    if (t !== null) last = laterOf(last, t);
  }
  return last;
}
