/**
 * What the analyst expects in an area: the model a surge is measured against, learned from
 * the log's reports (each row: category, H3 cell, when it was reported).
 *
 * Per category group (city pack `analyst.surge.groups`):
 * - an hour-of-week profile of the city's reports (168 rates per hour): each hour's count
 *   over the times the log saw that hour of the week, shrunk toward that hour of any day
 *   (itself shrunk toward the group's flat hourly mean), so a group with a few reports a
 *   week does not expect nothing on Tuesday at 3 am, nor a young log its few nights;
 * - the recent level: the last `recentDays`' count over what the profile expected of them
 *   (a wet week raises every expectation), shrunk toward 1 and kept within [0.5, 3];
 * - each cell's share of the group's reports, shrunk toward the cell's share of all reports
 *   (where people live and report), itself shrunk toward an even spread over the city's
 *   cells, because counts per cell are small (0.5–5 a day).
 * The expectation for an area over a window is the sum of its cells' shares times the
 * profile's hours in the window times the level. Pure.
 */
import { cellToParent, getResolution } from 'h3-js';
import type { CityPack, SurgeGroup, SurgeSettings } from '../city/types.ts';
import { DAY_MS, HOUR_MS, zonedHourOfWeek } from './time.ts';

export const HOURS_PER_WEEK = 168;

/** Pseudo-weeks of the hour-of-day shape mixed into each hour-of-week rate. */
const PROFILE_PRIOR_WEEKS = 2;
/** Pseudo-days of the group's flat hourly mean mixed into each hour of the day (young logs). */
const DAILY_PRIOR_DAYS = 2;
/** Pseudo-reports pulling the recent level toward 1. */
const LEVEL_PRIOR_REPORTS = 10;
const LEVEL_MIN = 0.5;
const LEVEL_MAX = 3;
/** Pseudo-reports pulling a cell's share of a group toward its share of all reports. */
const GROUP_SHARE_PRIOR = 5;
/** Pseudo-reports pulling a cell's share of all reports toward an even spread. */
const CELL_SHARE_PRIOR = 20;
/** A floor on any expectation, so a count in a cell never seen is not infinitely surprising. */
export const MIN_EXPECTED = 0.02;
/**
 * Days of log the model needs before any surge is raised: a new deployment (or a node still
 * reading its history) would otherwise find every busy street surprising.
 */
export const MIN_HISTORY_DAYS = 2;

/** One report as the model learns from it. */
export interface SurgeHistoryRow {
  category: string;
  /** The incident's H3 cell at any resolution at or finer than the surge's. */
  h3: string;
  reportedAtMs: number;
}

export interface GroupModel {
  group: SurgeGroup;
  /** Expected city-wide reports per hour, by hour of the week (0: Monday 00:00, WIB). */
  hourly: Float64Array;
  level: number;
  /** Reports of this group per cell over the history. */
  counts: Map<string, number>;
  total: number;
}

export interface SurgeModel {
  settings: SurgeSettings;
  timeZone: string;
  builtAtMs: number;
  groups: Map<string, GroupModel>;
  /** The group of each watched category. */
  groupOf: Map<string, string>;
  /** All reports per cell over the history, and their total. */
  cellCounts: Map<string, number>;
  cellTotal: number;
  /** The cells the city's reports came from (at least 1). */
  cityCells: number;
  /** Days between the first report learned from and the window's start. */
  coveredDays: number;
  /** Rows learned from (all categories). */
  rows: number;
  /** Whether the history is long enough to raise surges on (MIN_HISTORY_DAYS). */
  ready: boolean;
}

/** The cell of `h3` at the surge's resolution. */
export function surgeCell(h3: string, resolution: number): string {
  return getResolution(h3) > resolution ? cellToParent(h3, resolution) : h3;
}

/** The group of each category the pack watches for surges. */
export function groupsByCategory(settings: SurgeSettings): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of settings.groups) for (const c of g.categories) out.set(c, g.code);
  return out;
}

/** Hour of the week, memoised per UTC hour (the history has many rows per hour). */
function hourOfWeekFn(timeZone: string): (ms: number) => number {
  const memo = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / HOUR_MS);
    let how = memo.get(bucket);
    if (how === undefined) {
      how = zonedHourOfWeek(new Date(bucket * HOUR_MS), timeZone);
      memo.set(bucket, how);
    }
    return how;
  };
}

/** Sum of the profile over [fromMs, toMs), counting part-hours by their share. */
function expectedOver(
  hourly: Float64Array,
  fromMs: number,
  toMs: number,
  how: (ms: number) => number,
): number {
  let sum = 0;
  for (let t = fromMs; t < toMs;) {
    const hourEnd = (Math.floor(t / HOUR_MS) + 1) * HOUR_MS;
    const end = Math.min(hourEnd, toMs);
    sum += (hourly[how(t)] ?? 0) * ((end - t) / HOUR_MS);
    t = end;
  }
  return sum;
}

/**
 * Learns the model at `nowMs` from the rows reported in the `historyDays` before the
 * current window (the window itself is what is being judged, so it never raises its own
 * expectation).
 */
export function learnSurgeModel(
  rows: Iterable<SurgeHistoryRow>,
  nowMs: number,
  pack: Pick<CityPack, 'analyst' | 'timeZone'>,
): SurgeModel {
  const settings = pack.analyst.surge;
  const how = hourOfWeekFn(pack.timeZone);
  const untilMs = nowMs - settings.windowHours * HOUR_MS;
  const fromMs = untilMs - settings.historyDays * DAY_MS;
  const recentFromMs = untilMs - settings.recentDays * DAY_MS;
  const groupOf = groupsByCategory(settings);
  const weekly = new Map<string, Float64Array>();
  const recent = new Map<string, number>();
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const g of settings.groups) {
    weekly.set(g.code, new Float64Array(HOURS_PER_WEEK));
    counts.set(g.code, new Map());
    totals.set(g.code, 0);
    recent.set(g.code, 0);
  }
  const cellCounts = new Map<string, number>();
  let cellTotal = 0;
  let firstMs = untilMs;
  for (const row of rows) {
    if (row.reportedAtMs < fromMs || row.reportedAtMs >= untilMs) continue;
    firstMs = Math.min(firstMs, row.reportedAtMs);
    const cell = surgeCell(row.h3, settings.resolution);
    cellCounts.set(cell, (cellCounts.get(cell) ?? 0) + 1);
    cellTotal += 1;
    const group = groupOf.get(row.category);
    if (group === undefined) continue;
    const profile = weekly.get(group)!;
    const hour = how(row.reportedAtMs);
    profile[hour] = profile[hour]! + 1;
    const perCell = counts.get(group)!;
    perCell.set(cell, (perCell.get(cell) ?? 0) + 1);
    totals.set(group, totals.get(group)! + 1);
    if (row.reportedAtMs >= recentFromMs) recent.set(group, recent.get(group)! + 1);
  }
  // How often each hour of the week occurred in the span the log covers: a young log has
  // seen some of them not at all, and that is not the same as seeing them quiet.
  const seenWeekly = new Float64Array(HOURS_PER_WEEK);
  for (let t = Math.floor(firstMs / HOUR_MS) * HOUR_MS; t < untilMs; t += HOUR_MS) {
    const from = Math.max(t, firstMs);
    const to = Math.min(t + HOUR_MS, untilMs);
    const h = how(t);
    seenWeekly[h] = seenWeekly[h]! + (to - from) / HOUR_MS;
  }
  const seenDaily = new Float64Array(24);
  for (let h = 0; h < HOURS_PER_WEEK; h++) seenDaily[h % 24]! += seenWeekly[h]!;
  const groups = new Map<string, GroupModel>();
  for (const g of settings.groups) {
    const raw = weekly.get(g.code)!;
    const hourOfDay = new Float64Array(24);
    for (let h = 0; h < HOURS_PER_WEEK; h++) hourOfDay[h % 24]! += raw[h]!;
    const seenHours = seenDaily.reduce((a, b) => a + b, 0);
    const flat = seenHours > 0 ? totals.get(g.code)! / seenHours : 0;
    const daily = new Float64Array(24);
    for (let d = 0; d < 24; d++) {
      daily[d] = (hourOfDay[d]! + DAILY_PRIOR_DAYS * flat) / (seenDaily[d]! + DAILY_PRIOR_DAYS);
    }
    const hourly = new Float64Array(HOURS_PER_WEEK);
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      hourly[h] =
        (raw[h]! + PROFILE_PRIOR_WEEKS * daily[h % 24]!) / (seenWeekly[h]! + PROFILE_PRIOR_WEEKS);
    }
    const recentExpected = expectedOver(hourly, Math.max(recentFromMs, firstMs), untilMs, how);
    const level =
      (recent.get(g.code)! + LEVEL_PRIOR_REPORTS) / (recentExpected + LEVEL_PRIOR_REPORTS);
    groups.set(g.code, {
      group: g,
      hourly,
      level: Math.min(LEVEL_MAX, Math.max(LEVEL_MIN, level)),
      counts: counts.get(g.code)!,
      total: totals.get(g.code)!,
    });
  }
  return {
    settings,
    timeZone: pack.timeZone,
    builtAtMs: nowMs,
    groups,
    groupOf,
    cellCounts,
    cellTotal,
    cityCells: Math.max(1, cellCounts.size),
    coveredDays: (untilMs - firstMs) / DAY_MS,
    rows: cellTotal,
    ready: (untilMs - firstMs) / DAY_MS >= MIN_HISTORY_DAYS,
  };
}

/** A cell's share of a group's reports, shrunk as the module's comment says. */
export function cellShare(model: SurgeModel, group: GroupModel, cell: string): number {
  const all =
    ((model.cellCounts.get(cell) ?? 0) + CELL_SHARE_PRIOR / model.cityCells) /
    (model.cellTotal + CELL_SHARE_PRIOR);
  return (
    ((group.counts.get(cell) ?? 0) + GROUP_SHARE_PRIOR * all) / (group.total + GROUP_SHARE_PRIOR)
  );
}

/** Reports of `group` expected city-wide over the window ending at `nowMs`. */
export function cityExpected(model: SurgeModel, group: GroupModel, nowMs: number): number {
  const how = hourOfWeekFn(model.timeZone);
  const fromMs = nowMs - model.settings.windowHours * HOUR_MS;
  return expectedOver(group.hourly, fromMs, nowMs, how) * group.level;
}

/**
 * Reports of `group` expected in `cells` over the window ending at `nowMs`; `city` (from
 * `cityExpected`) may be passed when many areas are judged at one moment.
 */
export function expectedInArea(
  model: SurgeModel,
  group: GroupModel,
  cells: readonly string[],
  nowMs: number,
  city = cityExpected(model, group, nowMs),
): number {
  let share = 0;
  for (const cell of cells) share += cellShare(model, group, cell);
  return Math.max(MIN_EXPECTED, city * share);
}

/**
 * P(X ≥ k) for X ~ Poisson(λ): summed from k upward when the tail is the small side (so a
 * p of 1e-9 is not lost to 1 − 0.999999999), else 1 minus the terms below k.
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  const logTerm = (i: number) => -lambda + i * Math.log(lambda) - logFactorial(i);
  if (k > lambda) {
    let sum = 0;
    for (let i = k; i < k + 1000; i++) {
      const term = Math.exp(logTerm(i));
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return Math.min(1, sum);
  }
  let below = 0;
  for (let i = 0; i < k; i++) below += Math.exp(logTerm(i));
  return Math.max(0, 1 - below);
}

const LOG_FACTORIALS: number[] = [0];
function logFactorial(n: number): number {
  for (let i = LOG_FACTORIALS.length; i <= n; i++) {
    LOG_FACTORIALS.push(LOG_FACTORIALS[i - 1]! + Math.log(i));
  }
  return LOG_FACTORIALS[n]!;
}
