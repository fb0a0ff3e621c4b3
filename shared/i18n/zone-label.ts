/**
 * The short name people in the city use for its time zone: WIB for Jakarta. Indonesia's
 * three zones have well-known names that Intl does not give; elsewhere Intl's short name.
 * Pure: the browser's screens and the server's PDF pack say the same.
 */
import { dateTimeFormat } from '../domain/time.ts';

/** hh:mm:ss with colons: id-ID writes 14.05.09, which reads like a date on a wall display. */
export const CLOCK_LOCALE = 'en-GB';

const INDONESIAN_ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneLabel(timeZone: string): string {
  const known = INDONESIAN_ZONES[timeZone];
  if (known) return known;
  const part = dateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
