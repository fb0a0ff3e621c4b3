/**
 * Dates and values as the briefing prints them, in the city's zone: a period reads as
 * whole days when it runs midnight to midnight ("1 Des 2026 – 7 Des 2026 WIB"), with
 * times otherwise. Shared by the page and the PDF so both say the same thing.
 */
import type { CityPack } from '../city/types.ts';
import { dateTimeFormat, zonedDate, zonedMidnight } from '../domain/time.ts';
import { zoneLabel } from '../i18n/zone-label.ts';
import { formatMinutes, formatNumber, formatPercent, type Locale } from '../i18n/format.ts';
import { KPI_KIND, type KpiName } from './kpi-delta.ts';

const intl = (l: Locale) => (l === 'id' ? 'id-ID' : 'en-GB');

function isMidnight(at: Date, timeZone: string): boolean {
  const d = zonedDate(at, timeZone);
  return zonedMidnight(d.y, d.m, d.d, timeZone).getTime() === at.getTime();
}

export function formatDate(at: Date, timeZone: string, locale: Locale): string {
  return dateTimeFormat(intl(locale), {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(at);
}

/** Date and time, with the time as hh:mm (colons: id-ID's dots read like a date). */
export function formatDateTime(at: Date | string, timeZone: string, locale: Locale): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const time = dateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return `${formatDate(d, timeZone, locale)} ${time}`;
}

export function formatRange(from: Date, to: Date, timeZone: string, locale: Locale): string {
  const zone = zoneLabel(timeZone);
  if (isMidnight(from, timeZone) && isMidnight(to, timeZone)) {
    const last = new Date(to.getTime() - 1);
    const first = formatDate(from, timeZone, locale);
    const end = formatDate(last, timeZone, locale);
    return first === end ? `${first} (${zone})` : `${first} – ${end} (${zone})`;
  }
  return `${formatDateTime(from, timeZone, locale)} – ${formatDateTime(to, timeZone, locale)} ${zone}`;
}

export function formatKpi(name: KpiName, value: number | null, locale: Locale): string {
  if (value === null) return '–';
  switch (KPI_KIND[name]) {
    case 'count':
      return formatNumber(value, locale);
    case 'pct':
      return formatPercent(value, locale);
    case 'minutes':
      return formatMinutes(value, locale);
  }
}

/** A change with its sign: "+12", "−3,5 poin", "+1 j 5 mnt". */
export function formatChange(name: KpiName, change: number, locale: Locale): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const size = Math.abs(change);
  switch (KPI_KIND[name]) {
    case 'count':
      return `${sign}${formatNumber(size, locale)}`;
    case 'pct':
      return `${sign}${formatNumber(size, locale, 1)} ${locale === 'id' ? 'poin' : 'pts'}`;
    case 'minutes':
      return `${sign}${formatMinutes(size, locale)}`;
  }
}

export function cityName(pack: CityPack, locale: Locale): string {
  return pack.name[locale];
}
