/**
 * Live KPIs per agency and per category, computed from the projection at an instant.
 * "Today" is the calendar day in the city's zone. Definitions, so every screen agrees:
 * - incidents are masters and reports of their own: a report linked to a master
 *   (duplicates.ts `countsAsIncident`) counts in no incident figure, only as a reporter;
 *   every figure below but `reportersToday` counts incidents;
 * - open: not resolved, closed, rejected or duplicate;
 * - inProgress: dispatched or in progress;
 * - overdue: open and past a deadline it has not met;
 * - reportedToday / resolvedToday: reportedAt / resolvedAt since the start of today;
 * - reportersToday: every report received today, linked ones included;
 * - resolvedPct: of today's reports, the share now resolved or closed;
 * - medianFirstResponseMin: over first responses given today, minutes from report;
 * - slaCompliancePct: of resolution clocks that concluded today (resolved today, or
 *   still open with a deadline that fell today), the share resolved in time.
 */
import type { CityPack } from '../city/types.ts';
import type { Incident } from './types.ts';
import { timesOf } from './incident-times.ts';
import { countsAsIncident } from './duplicates.ts';
import { isOpen, isOverdue } from './sla.ts';
import { median, pct } from './stats-math.ts';
import { MINUTE_MS, startOfDay } from './time.ts';

export interface GroupStats {
  open: number;
  inProgress: number;
  overdue: number;
  reportedToday: number;
  reportersToday: number;
  resolvedToday: number;
  resolvedPct: number | null;
  medianFirstResponseMin: number | null;
  slaCompliancePct: number | null;
}

export interface Stats {
  generatedAt: string;
  dayStart: string;
  totals: GroupStats;
  byAgency: Record<string, GroupStats>;
  byCategory: Record<string, GroupStats>;
}

interface Acc {
  open: number;
  inProgress: number;
  overdue: number;
  reportedToday: number;
  reportersToday: number;
  reportedTodayResolved: number;
  resolvedToday: number;
  firstResponses: number[];
  slaConcluded: number;
  slaMet: number;
}

const newAcc = (): Acc => ({
  open: 0,
  inProgress: 0,
  overdue: 0,
  reportedToday: 0,
  reportersToday: 0,
  reportedTodayResolved: 0,
  resolvedToday: 0,
  firstResponses: [],
  slaConcluded: 0,
  slaMet: 0,
});

/** What one incident contributes, derived once and added to its three groups. */
interface Contribution {
  open: boolean;
  inProgress: boolean;
  overdue: boolean;
  reportedToday: boolean;
  reporterToday: boolean;
  reportedTodayResolved: boolean;
  resolvedToday: boolean;
  firstResponseMin: number | null;
  slaConcluded: boolean;
  slaMet: boolean;
}

/** A linked report's: a reporter, nothing else (its master counts the incident). */
const asReporter = (reporterToday: boolean): Contribution => ({
  open: false,
  inProgress: false,
  overdue: false,
  reportedToday: false,
  reporterToday,
  reportedTodayResolved: false,
  resolvedToday: false,
  firstResponseMin: null,
  slaConcluded: false,
  slaMet: false,
});

function contribution(inc: Incident, now: Date, dayStart: number): Contribution {
  const { reported, resolved, firstResponse, resolveDue: due } = timesOf(inc);
  if (!countsAsIncident(inc)) return asReporter(reported >= dayStart);
  const open = isOpen(inc);
  const resolvedToday = resolved !== null && resolved >= dayStart;
  const reportedToday = reported >= dayStart;
  const dueToday = open && due >= dayStart && due <= now.getTime();
  return {
    open,
    inProgress: inc.status === 'dispatched' || inc.status === 'in_progress',
    overdue: open && isOverdue(inc, now),
    reportedToday,
    reporterToday: reportedToday,
    reportedTodayResolved: reportedToday && (inc.status === 'resolved' || inc.status === 'closed'),
    resolvedToday,
    firstResponseMin:
      firstResponse !== null && firstResponse >= dayStart
        ? (firstResponse - reported) / MINUTE_MS
        : null,
    slaConcluded: resolvedToday || dueToday,
    slaMet: resolvedToday && resolved !== null && resolved <= due,
  };
}

function add(acc: Acc, c: Contribution): void {
  if (c.open) acc.open++;
  if (c.inProgress) acc.inProgress++;
  if (c.overdue) acc.overdue++;
  if (c.reportedToday) acc.reportedToday++;
  if (c.reporterToday) acc.reportersToday++;
  if (c.reportedTodayResolved) acc.reportedTodayResolved++;
  if (c.resolvedToday) acc.resolvedToday++;
  if (c.firstResponseMin !== null) acc.firstResponses.push(c.firstResponseMin);
  if (c.slaConcluded) acc.slaConcluded++;
  if (c.slaMet) acc.slaMet++;
}

function finish(acc: Acc): GroupStats {
  const med = median(acc.firstResponses);
  return {
    open: acc.open,
    inProgress: acc.inProgress,
    overdue: acc.overdue,
    reportedToday: acc.reportedToday,
    reportersToday: acc.reportersToday,
    resolvedToday: acc.resolvedToday,
    resolvedPct: pct(acc.reportedTodayResolved, acc.reportedToday),
    medianFirstResponseMin: med === null ? null : Math.round(med * 10) / 10,
    slaCompliancePct: pct(acc.slaMet, acc.slaConcluded),
  };
}

export function computeStats(
  incidents: Iterable<Incident>,
  now: Date,
  timeZone: string,
  groups: { agencies: readonly string[]; categories: readonly string[] },
): Stats {
  const dayStart = startOfDay(now, timeZone);
  const ds = dayStart.getTime();
  const totals = newAcc();
  const byAgency = new Map<string, Acc>(groups.agencies.map((a) => [a, newAcc()]));
  const byCategory = new Map<string, Acc>(groups.categories.map((c) => [c, newAcc()]));
  for (const inc of incidents) {
    const contrib = contribution(inc, now, ds);
    add(totals, contrib);
    let a = byAgency.get(inc.agency);
    if (!a) byAgency.set(inc.agency, (a = newAcc()));
    add(a, contrib);
    let c = byCategory.get(inc.category);
    if (!c) byCategory.set(inc.category, (c = newAcc()));
    add(c, contrib);
  }
  const finishAll = (m: Map<string, Acc>) =>
    Object.fromEntries([...m].map(([k, acc]) => [k, finish(acc)]));
  return {
    generatedAt: now.toISOString(),
    dayStart: dayStart.toISOString(),
    totals: finish(totals),
    byAgency: finishAll(byAgency),
    byCategory: finishAll(byCategory),
  };
}

/**
 * The KPIs over a city pack's agencies and categories (each listed even when it has no
 * incident): what snapshots, GET /stats, replay and the wall all show.
 */
export function statsFor(incidents: Iterable<Incident>, pack: CityPack, now: Date): Stats {
  return computeStats(incidents, now, pack.timeZone, {
    agencies: pack.agencies.map((a) => a.code),
    categories: pack.categories.map((c) => c.code),
  });
}
