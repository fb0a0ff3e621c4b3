/** A moment as the admin tables show it: date and time in the city's zone, named (WIB). */
import { zoneLabel } from '../../components/zone-label.ts';
import { formatClock, type Locale } from '../../i18n/locale.tsx';

export const adminTime = (iso: string, timeZone: string, locale: Locale): string =>
  `${formatClock(iso, timeZone, locale, true)} ${zoneLabel(timeZone)}`;
