/**
 * Live KPIs per agency and per category, computed from the projection at an instant.
 * "Today" is the calendar day in the city's zone. Definitions, so every screen agrees:
 * - open: not resolved, closed, rejected or duplicate;
 * - inProgress: dispatched or in progress;
 * - overdue: open and past a deadline it has not met;
 * - reportedToday / resolvedToday: reportedAt / resolvedAt since the start of today;
 * - resolvedPct: of today's reports, the share now resolved or closed;
 * - medianFirstResponseMin: over first responses given today, minutes from report;
 * - slaCompliancePct: of resolution clocks that concluded today (resolved today, or
 *   still open with a deadline that fell today), the share resolved in time.
 */
import type { Incident } from './types.ts';
import { isOpen, isOverdue } from './sla.ts';
import { median, pct } from './stats-math.ts';
import { startOfDay } from './time.ts';

export interface GroupStats {
  open: number;
  inProgress: number;
  overdue: number;
  reportedToday: number;
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
  reportedTodayResolved: 0,
  resolvedToday: 0,
  firstResponses: [],
  slaConcluded: 0,
  slaMet: 0,
});

function add(acc: Acc, inc: Incident, now: Date, dayStart: number): void {
  const open = isOpen(inc);
  if (open) acc.open++;
  if (inc.status === 'dispatched' || inc.status === 'in_progress') acc.inProgress++;
  if (isOverdue(inc, now)) acc.overdue++;
  const reported = Date.parse(inc.reportedAt);
  const resolved = inc.resolvedAt === null ? null : Date.parse(inc.resolvedAt);
  if (reported >= dayStart) {
    acc.reportedToday++;
    if (inc.status === 'resolved' || inc.status === 'closed') acc.reportedTodayResolved++;
  }
  if (resolved !== null && resolved >= dayStart) acc.resolvedToday++;
  if (inc.firstResponseAt !== null && Date.parse(inc.firstResponseAt) >= dayStart) {
    acc.firstResponses.push((Date.parse(inc.firstResponseAt) - reported) / 60_000);
  }
  const due = Date.parse(inc.resolveDueAt);
  if (resolved !== null && resolved >= dayStart) {
    acc.slaConcluded++;
    if (resolved <= due) acc.slaMet++;
  } else if (open && due >= dayStart && due <= now.getTime()) {
    acc.slaConcluded++;
  }
}

function finish(acc: Acc): GroupStats {
  const med = median(acc.firstResponses);
  return {
    open: acc.open,
    inProgress: acc.inProgress,
    overdue: acc.overdue,
    reportedToday: acc.reportedToday,
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
    add(totals, inc, now, ds);
    let a = byAgency.get(inc.agency);
    if (!a) byAgency.set(inc.agency, (a = newAcc()));
    add(a, inc, now, ds);
    let c = byCategory.get(inc.category);
    if (!c) byCategory.set(inc.category, (c = newAcc()));
    add(c, inc, now, ds);
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
