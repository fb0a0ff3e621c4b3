/**
 * Date-times for the console: in the city's zone, in the user's language, with the zone's
 * local name (WIB) so nobody wonders whose clock it is.
 */
import { dateTimeFormat } from '../../../shared/domain/time.ts';
import type { Locale } from '../../i18n/locale.tsx';
import { zoneLabel } from '../../components/zone-label.ts';

function formatter(timeZone: string, locale: Locale, seconds: boolean): Intl.DateTimeFormat {
  return dateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  });
}

/** "27 Nov 14.05.09 WIB" (id) / "27 Nov, 14:05:09 WIB" (en). */
export function formatZoned(
  iso: string,
  timeZone: string,
  locale: Locale,
  { seconds = true } = {},
): string {
  return `${formatter(timeZone, locale, seconds).format(new Date(iso))} ${zoneLabel(timeZone)}`;
}

/** An incident's id as the console shows it (after a `#`): its first eight characters. */
export const shortId = (id: string): string => id.slice(0, 8);
