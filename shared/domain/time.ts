/**
 * Time helpers: everything is stored in UTC; the city's zone (WIB for Jakarta, UTC+7
 * with no daylight saving) is only for days and display. Zone arithmetic lives here
 * once, for the server's KPIs and the browser's periods alike.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per locale and options, built on first use: building one costs
 * far more than formatting with it, and a wall formats clocks many times a second.
 */
export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    FORMATS.set(key, format);
  }
  return format;
}

/** Two digits, as dates and clocks are written: 7 → "07". */
export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();
}

export interface CalendarDate {
  y: number;
  /** 1–12 */
  m: number;
  d: number;
}

interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

const PART_FIELDS: Partial<Record<Intl.DateTimeFormatPartTypes, keyof WallClock>> = {
  year: 'y',
  month: 'm',
  day: 'd',
  hour: 'hour',
  minute: 'minute',
  second: 'second',
};

/** Per zone: the hot path (KPIs each tick, every period boundary) skips the options key. */
const WALL_CLOCKS = new Map<string, Intl.DateTimeFormat>();

/** What a clock on the wall in `timeZone` shows at `at`, to the second. */
function wallClock(at: Date, timeZone: string): WallClock {
  let format = WALL_CLOCKS.get(timeZone);
  if (!format) {
    format = dateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    WALL_CLOCKS.set(timeZone, format);
  }
  const clock: WallClock = { y: NaN, m: NaN, d: NaN, hour: NaN, minute: NaN, second: NaN };
  for (const part of format.formatToParts(at)) {
    const field = PART_FIELDS[part.type];
    if (field) clock[field] = Number(part.value);
  }
  return clock;
}

/** The calendar date of an instant in the zone. */
export function zonedDate(at: Date, timeZone: string): CalendarDate {
  const { y, m, d } = wallClock(at, timeZone);
  return { y, m, d };
}

/**
 * The hour of the week of an instant in the zone: 0 is Monday 00:00–01:00 on its wall clock,
 * 167 Sunday 23:00–24:00 (the week the city lives by, not UTC's).
 */
export function zonedHourOfWeek(at: Date, timeZone: string): number {
  const { y, m, d, hour } = wallClock(at, timeZone);
  const sundayFirst = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return ((sundayFirst + 6) % 7) * 24 + hour;
}

/** `YYYY-MM-DD`. */
export function formatYmd({ y, m, d }: CalendarDate): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** How far the zone's wall clock, showing `clock` at `atMs`, is ahead of UTC (whole seconds). */
function offsetOf(clock: WallClock, atMs: number): number {
  const wall = Date.UTC(clock.y, clock.m - 1, clock.d, clock.hour, clock.minute, clock.second);
  return wall - (atMs - (((atMs % 1000) + 1000) % 1000));
}

function zoneOffsetMs(atMs: number, timeZone: string): number {
  return offsetOf(wallClock(new Date(atMs), timeZone), atMs);
}

/** Start of the calendar day containing `at`, in `timeZone`, as a UTC instant. */
export function startOfDay(at: Date, timeZone: string): Date {
  const atMs = at.getTime();
  const clock = wallClock(at, timeZone);
  const sinceMidnightMs =
    ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000 + at.getUTCMilliseconds();
  const guess = atMs - sinceMidnightMs;
  // On a day the clocks jump (daylight saving) the hours shown since midnight are not the
  // hours elapsed: correct by how much the offset changed between midnight and `at`.
  return new Date(guess + offsetOf(clock, atMs) - zoneOffsetMs(guess, timeZone));
}

/**
 * Local midnight starting the day y-m-d in `timeZone` (days and months may overflow:
 * Date.UTC normalises them, so d - 7 or m + 1 just work). Local noon is found first,
 * then `startOfDay`, so zones far from UTC land on the right calendar day.
 */
export function zonedMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const noonUtc = Date.UTC(y, m - 1, d, 12);
  return startOfDay(new Date(noonUtc - zoneOffsetMs(noonUtc, timeZone)), timeZone);
}

export function formatTime(iso: string | Date, timeZone: string, locale = 'id-ID'): string {
  return dateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function formatDateTime(iso: string | Date, timeZone: string, locale = 'id-ID'): string {
  return dateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}
