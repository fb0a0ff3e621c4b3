/**
 * Duplicate reports: forty citizens reporting one flooded street are one incident with
 * forty reports. The rules, in one place for the server, the browser and every count:
 * - A new report of a category with a rule (the city pack's `analyst.duplicates`) is linked
 *   to the nearest open incident of that category within the rule's radius whose latest
 *   report is at most the rule's hours older (`findMaster`). The link is two events in one
 *   write: `incident.linked` on the report, `incident.reporters_changed` (+1) on its master.
 * - A linked report is no longer an incident of its own: it leaves the open work and its
 *   clocks stop void, while it stays on screens for the window as its master's reporter.
 * - A supervisor confirms it (status `duplicate`, the link kept: final), or splits it
 *   (`incident.unlinked`, −1 on the master): it is an incident again, its clocks running.
 *   A supervisor may also link a report by hand (`decideLink`).
 * - Counting (stats.ts, briefing.ts): incidents are masters and reports of their own
 *   (`countsAsIncident`); every report, linked or not, counts once as a reporter.
 */
import { greatCircleDistance } from 'h3-js';
import type { CityPack, DuplicateRule } from '../city/types.ts';
import type { Result } from '../contract.ts';
import { invalid, type CommandError } from './commands.ts';
import { HOUR_MS } from './time.ts';
import type { Actor, Incident, NewEvent } from './types.ts';
import { TERMINAL_STATUSES } from './types.ts';

/** The master a report is linked to, or null for an incident of its own. */
export const masterOf = (incident: Pick<Incident, 'duplicateOf'>): string | null =>
  incident.duplicateOf ?? null;

/** How many reports an incident stands for: itself and those linked to it. */
export const reportersOf = (incident: Pick<Incident, 'reporters'>): number =>
  incident.reporters ?? 1;

/** Whether an incident counts as one in KPIs and league tables: not a linked report. */
export const countsAsIncident = (incident: Pick<Incident, 'duplicateOf'>): boolean =>
  masterOf(incident) === null;

/** The automatic link rule of a category, if it has one. */
export const duplicateRuleFor = (
  pack: Pick<CityPack, 'analyst'>,
  category: string,
): DuplicateRule | undefined => pack.analyst.duplicates.categories[category];

/** Whether an incident may take new reports as their master: open, and not linked itself. */
export const mayBeMaster = (incident: Incident): boolean =>
  masterOf(incident) === null && !TERMINAL_STATUSES.includes(incident.status);

/** Metres between two points on the Earth's surface. */
export function distanceM(a: Incident['location'], b: Incident['location']): number {
  return greatCircleDistance([a.lat, a.lon], [b.lat, b.lon], 'm');
}

/** A possible master and the time of its latest report (its own, or one linked to it). */
export interface MasterCandidate {
  incident: Incident;
  latestReportMs: number;
}

export interface FoundMaster {
  master: Incident;
  distanceM: number;
}

/**
 * The master a new report joins under `rule`: the nearest candidate of its category that
 * may be a master, within the radius, whose latest report is at most the rule's hours
 * before the report (or after it: a report dated back may join one reported since).
 * Ties go to the earlier report, so a burst gathers on its first.
 */
export function findMaster(
  report: Pick<Incident, 'id' | 'category' | 'location' | 'reportedAt'>,
  candidates: Iterable<MasterCandidate>,
  rule: DuplicateRule,
): FoundMaster | null {
  const reported = Date.parse(report.reportedAt);
  const oldest = reported - rule.withinHours * HOUR_MS;
  let best: FoundMaster | null = null;
  for (const { incident, latestReportMs } of candidates) {
    if (incident.id === report.id || incident.category !== report.category) continue;
    if (!mayBeMaster(incident) || latestReportMs < oldest) continue;
    const d = distanceM(report.location, incident.location);
    if (d > rule.radiusM) continue;
    if (
      best === null ||
      d < best.distanceM ||
      (d === best.distanceM && incident.reportedAt < best.master.reportedAt)
    ) {
      best = { master: incident, distanceM: d };
    }
  }
  return best;
}

/** The two events of a link: on the report, and +1 on its master's reporters. */
export function linkEvents(
  report: Pick<Incident, 'id'>,
  found: FoundMaster,
  ctx: { at: string; occurredAt: string; actor: Actor; auto: boolean; note: string | null },
): NewEvent[] {
  const base = { at: ctx.at, actor: ctx.actor };
  return [
    {
      ...base,
      type: 'incident.linked',
      incidentId: report.id,
      data: {
        masterId: found.master.id,
        auto: ctx.auto,
        distanceM: Math.round(found.distanceM),
        occurredAt: ctx.occurredAt,
        note: ctx.note,
      },
    },
    {
      ...base,
      type: 'incident.reporters_changed',
      incidentId: found.master.id,
      data: { reportId: report.id, delta: 1, occurredAt: ctx.occurredAt, note: null },
    },
  ];
}

const refuse = (
  status: CommandError['status'],
  code: string,
  message: string,
  field?: string,
): Result<NewEvent[], CommandError> => ({
  ok: false,
  error: { status, code, message, ...(field ? { fields: { [field]: message } } : {}) },
});

const notFound = (what: string, id: string) => refuse(404, 'not_found', `no ${what} '${id}'`);

/** Statuses a report may be linked from: before anyone was sent to it, as for `duplicate`. */
const LINKABLE: readonly Incident['status'][] = ['received', 'verified'];

/** A supervisor links `report` to `master` by hand: the events, or why not. */
export function decideLink(
  report: Incident | undefined,
  master: Incident | undefined,
  input: { reportId: string; masterId: string; note: string | null },
  ctx: { now: Date; actor: Actor },
): Result<NewEvent[], CommandError> {
  if (!report) return notFound('incident', input.reportId);
  if (input.masterId === report.id) return invalid('masterId', 'a report cannot be its own master');
  if (!master) return invalid('masterId', `no incident '${input.masterId}'`);
  const current = masterOf(report);
  if (current !== null) {
    return refuse(409, 'already_linked', `the report is already linked to '${current}'`);
  }
  if (!LINKABLE.includes(report.status)) {
    return refuse(
      409,
      'not_linkable',
      `status: a report that is '${report.status}' has work of its own and cannot be linked`,
      'status',
    );
  }
  if (reportersOf(report) > 1) {
    return refuse(
      409,
      'has_reports',
      'the report has reports linked to it: split them first, or link the other way',
    );
  }
  const masterOfMaster = masterOf(master);
  if (masterOfMaster !== null) {
    return invalid(
      'masterId',
      `'${master.id}' is itself linked to '${masterOfMaster}': link to that`,
    );
  }
  if (!mayBeMaster(master)) {
    return invalid(
      'masterId',
      `'${master.id}' is ${master.status}: only an open incident takes reports`,
    );
  }
  const at = ctx.now.toISOString();
  return {
    ok: true,
    data: linkEvents(
      report,
      { master, distanceM: distanceM(report.location, master.location) },
      { at, occurredAt: at, actor: ctx.actor, auto: false, note: input.note },
    ),
  };
}

/** A supervisor splits a linked report from its master: the events, or why not. */
export function decideSplit(
  report: Incident | undefined,
  input: { reportId: string; note: string | null },
  ctx: { now: Date; actor: Actor },
): Result<NewEvent[], CommandError> {
  if (!report) return notFound('incident', input.reportId);
  const masterId = masterOf(report);
  if (masterId === null)
    return refuse(409, 'not_linked', 'the report is not linked to any incident');
  if (report.status === 'duplicate') {
    return refuse(409, 'confirmed', 'a confirmed duplicate is final and cannot be split');
  }
  const at = ctx.now.toISOString();
  const base = { at, actor: ctx.actor };
  return {
    ok: true,
    data: [
      {
        ...base,
        type: 'incident.unlinked',
        incidentId: report.id,
        data: { masterId, occurredAt: at, note: input.note },
      },
      {
        ...base,
        type: 'incident.reporters_changed',
        incidentId: masterId,
        data: { reportId: report.id, delta: -1, occurredAt: at, note: null },
      },
    ],
  };
}
