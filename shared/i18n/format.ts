/**
 * Words and numbers as people read them, Indonesian (default) and English: the pure half
 * of client/i18n/locale.tsx, here so the server can print what the browser prints (the
 * briefing's PDF pack is built on both). No React, no DOM.
 */
import type { LocalName } from '../city/types.ts';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type MessageTable<K extends string> = Record<Locale, Record<K, string>>;

/** A message table: the English side must have every key the Indonesian side has. */
export function defineMessages<K extends string>(table: MessageTable<K>): MessageTable<K> {
  return table;
}

/** Interpolates `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function localName(name: LocalName, locale: Locale): string {
  return name[locale];
}

export const intlLocale = (l: Locale) => (l === 'id' ? 'id-ID' : 'en-GB');

/** Built once per locale and precision: a wall formats its tiles every second. */
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number, locale: Locale, digits = 0): string {
  const key = `${locale}|${digits}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits });
    NUMBER_FORMATS.set(key, format);
  }
  return format.format(n);
}

export function formatPercent(pct: number | null, locale: Locale): string {
  return pct === null ? '–' : `${formatNumber(pct, locale, 1)}%`;
}

/** Minutes as "45 mnt" / "3 j 20 mnt" / "2 hr 4 j" (id) or "45 min" / "3 h 20 min" / "2 d 4 h" (en). */
export function formatMinutes(minutes: number | null, locale: Locale): string {
  if (minutes === null) return '–';
  const u = locale === 'id' ? { m: 'mnt', h: 'j', d: 'hr' } : { m: 'min', h: 'h', d: 'd' };
  const m = Math.round(Math.abs(minutes));
  const sign = minutes < 0 ? '−' : '';
  if (m < 60) return `${sign}${m} ${u.m}`;
  if (m < 24 * 60) return `${sign}${Math.floor(m / 60)} ${u.h}${m % 60 ? ` ${m % 60} ${u.m}` : ''}`;
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return `${sign}${d} ${u.d}${h ? ` ${h} ${u.h}` : ''}`;
}
