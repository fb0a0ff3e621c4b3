/**
 * Briefing periods in the city's zone: a preset (today, yesterday, the last 7 or 30 days,
 * a calendar month, a custom range of dates) becomes a half-open UTC interval whose
 * boundaries fall on local midnight (00:00 WIB = 17:00Z the day before). A period never
 * reaches past now, so "open at the end" and "overdue at the end" mean what they say.
 */
import {
  DAY_MS,
  MINUTE_MS,
  pad2,
  zonedDate,
  zonedMidnight,
  type CalendarDate,
} from '../../../shared/domain/time.ts';
import { MAX_BRIEFING_DAYS } from '../../../shared/contract.ts';

export const PERIOD_PRESETS = ['today', 'yesterday', '7d', '30d', 'month', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface PeriodChoice {
  preset: PeriodPreset;
  /** `YYYY-MM`, for the month preset. */
  month?: string;
  /** `YYYY-MM-DD`, first and last day (inclusive), for the custom preset. */
  start?: string;
  end?: string;
}

export interface Period {
  from: Date;
  to: Date;
}

export type PeriodResult =
  { ok: true; period: Period } | { ok: false; reason: 'invalid' | 'future' | 'too_long' };

export function parseYmd(s: string | undefined): CalendarDate | null {
  const match = s ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d)
    return null;
  return { y, m, d };
}

export function parseMonth(s: string | undefined): { y: number; m: number } | null {
  const match = s ? /^(\d{4})-(\d{2})$/.exec(s) : null;
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  return m >= 1 && m <= 12 ? { y, m } : null;
}

/** Now, rounded up to the minute: a period ending now stays the same for a minute. */
function nowEdge(now: Date): number {
  return Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS;
}

function bounded(from: Date, to: number, now: Date): PeriodResult {
  const end = Math.min(to, nowEdge(now));
  if (from.getTime() >= nowEdge(now)) return { ok: false, reason: 'future' };
  if (end <= from.getTime()) return { ok: false, reason: 'invalid' };
  if (end - from.getTime() > MAX_BRIEFING_DAYS * DAY_MS) return { ok: false, reason: 'too_long' };
  return { ok: true, period: { from, to: new Date(end) } };
}

export function resolvePeriod(choice: PeriodChoice, now: Date, timeZone: string): PeriodResult {
  const today = zonedDate(now, timeZone);
  const midnight = (days: number) => zonedMidnight(today.y, today.m, today.d + days, timeZone);
  const todayStart = midnight(0);
  switch (choice.preset) {
    case 'today':
      return bounded(todayStart, Infinity, now);
    case 'yesterday':
      return bounded(midnight(-1), todayStart.getTime(), now);
    case '7d':
      return bounded(midnight(-7), todayStart.getTime(), now);
    case '30d':
      return bounded(midnight(-30), todayStart.getTime(), now);
    case 'month': {
      const month = parseMonth(choice.month) ?? { y: today.y, m: today.m };
      const start = zonedMidnight(month.y, month.m, 1, timeZone);
      return bounded(start, zonedMidnight(month.y, month.m + 1, 1, timeZone).getTime(), now);
    }
    case 'custom': {
      const start = parseYmd(choice.start);
      const end = parseYmd(choice.end);
      if (!start || !end) return { ok: false, reason: 'invalid' };
      const from = zonedMidnight(start.y, start.m, start.d, timeZone);
      const to = zonedMidnight(end.y, end.m, end.d + 1, timeZone);
      if (to.getTime() - from.getTime() > MAX_BRIEFING_DAYS * DAY_MS)
        return { ok: false, reason: 'too_long' };
      return bounded(from, to.getTime(), now);
    }
  }
}

/** The last `count` calendar months up to now's, newest first, as `YYYY-MM`. */
export function recentMonths(now: Date, timeZone: string, count = 12): string[] {
  const { y, m } = zonedDate(now, timeZone);
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${at.getUTCFullYear()}-${pad2(at.getUTCMonth() + 1)}`;
  });
}
