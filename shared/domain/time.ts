/**
 * Time helpers: everything is stored in UTC; the city's zone (WIB for Jakarta, UTC+7
 * with no daylight saving) is only for days and display.
 */

const MINUTE = 60_000;

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * MINUTE).toISOString();
}

/** Start of the calendar day containing `at`, in `timeZone`, as a UTC instant. */
export function startOfDay(at: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const sinceMidnightMs =
    ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + at.getUTCMilliseconds();
  return new Date(at.getTime() - sinceMidnightMs);
}

export function formatTime(iso: string | Date, timeZone: string, locale = 'id-ID'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function formatDateTime(iso: string | Date, timeZone: string, locale = 'id-ID'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}
