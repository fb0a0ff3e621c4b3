/**
 * Scheduled briefings' periods, in the city's zone (WIB for Jakarta): a week is Monday
 * 00:00 to the next Monday 00:00, a month its 1st 00:00 to the next 1st 00:00, both as
 * half-open UTC intervals. A weekly briefing is sent on its weekday of the week after,
 * at its time; a monthly one on the 1st of the month after. `duePeriod` answers which
 * period a schedule should have sent by `now`: the latest whose send time has passed.
 * Pure; the server's runner (server/briefing/schedule-runner.ts) and the admin API use it.
 */
import { DAY_MS, pad2, zonedDate, zonedMidnight, type CalendarDate } from './time.ts';

export const SCHEDULE_PERIODS = ['week', 'month'] as const;
export type SchedulePeriod = (typeof SCHEDULE_PERIODS)[number];

/** When a schedule sends: its period, `HH:MM` on the city's clock, and (weekly) an ISO weekday, 1 = Monday. */
export interface ScheduleTiming {
  period: SchedulePeriod;
  time: string;
  weekday: number | null;
}

export interface PeriodSlot {
  from: Date;
  to: Date;
  /** When this period's briefing is due to go out. */
  sendAt: Date;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM`, or null when it is not one. */
export function parseTime(hhmm: string): number | null {
  const m = TIME_PATTERN.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday({ y, m, d }: CalendarDate): number {
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The start (local midnight) of the week or month containing `at`. */
export function periodStart(kind: SchedulePeriod, at: Date, timeZone: string): Date {
  const day = zonedDate(at, timeZone);
  return kind === 'week'
    ? zonedMidnight(day.y, day.m, day.d - (isoWeekday(day) - 1), timeZone)
    : zonedMidnight(day.y, day.m, 1, timeZone);
}

/** The whole week or month containing `at`. */
export function periodContaining(
  kind: SchedulePeriod,
  at: Date,
  timeZone: string,
): { from: Date; to: Date } {
  const from = periodStart(kind, at, timeZone);
  const day = zonedDate(from, timeZone);
  const to =
    kind === 'week'
      ? zonedMidnight(day.y, day.m, day.d + 7, timeZone)
      : zonedMidnight(day.y, day.m + 1, 1, timeZone);
  return { from, to };
}

/** The last full period that ended at or before `at`. */
export function lastFullPeriod(
  kind: SchedulePeriod,
  at: Date,
  timeZone: string,
): { from: Date; to: Date } {
  const to = periodStart(kind, at, timeZone);
  return { from: periodStart(kind, new Date(to.getTime() - 1), timeZone), to };
}

/** When the briefing of the period ending at `to` goes out. */
export function sendTime(timing: ScheduleTiming, to: Date, timeZone: string): Date {
  const minutes = parseTime(timing.time) ?? 0;
  const day = zonedDate(to, timeZone);
  const offsetDays = timing.period === 'week' ? (timing.weekday ?? 1) - 1 : 0;
  const midnight = zonedMidnight(day.y, day.m, day.d + offsetDays, timeZone);
  return new Date(midnight.getTime() + minutes * 60_000);
}

/** The latest period whose send time is at or before `now`. */
export function duePeriod(timing: ScheduleTiming, now: Date, timeZone: string): PeriodSlot {
  let period = lastFullPeriod(timing.period, now, timeZone);
  let sendAt = sendTime(timing, period.to, timeZone);
  if (sendAt.getTime() > now.getTime()) {
    period = lastFullPeriod(timing.period, new Date(period.from.getTime()), timeZone);
    sendAt = sendTime(timing, period.to, timeZone);
  }
  return { ...period, sendAt };
}

/** A period's short name: `2026-11-23` (the Monday of a week) or `2026-11` (a month). */
export function periodKey(kind: SchedulePeriod, from: Date, timeZone: string): string {
  const d = zonedDate(from, timeZone);
  return kind === 'week' ? `${d.y}-${pad2(d.m)}-${pad2(d.d)}` : `${d.y}-${pad2(d.m)}`;
}

/** Whole days in a period (7, or 28–31), for checks. */
export const periodDays = (p: { from: Date; to: Date }) =>
  Math.round((p.to.getTime() - p.from.getTime()) / DAY_MS);
