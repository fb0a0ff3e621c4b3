/**
 * Indonesian (default) and English. Each view keeps its own message table made with
 * `defineMessages`, so views do not contend over one file; the locale lives in a
 * context, persisted per browser and settable by `?lang=id|en` (for wall displays).
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LocalName } from '../../shared/city/types.ts';
import { dateTimeFormat } from '../../shared/domain/time.ts';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'nakhoda.locale';

export type MessageTable<K extends string> = Record<Locale, Record<K, string>>;

/** A message table: the English side must have every key the Indonesian side has. */
export function defineMessages<K extends string>(table: MessageTable<K>): MessageTable<K> {
  return table;
}

interface LocaleContextValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
}

const LocaleContext = createContext<LocaleContextValue>({
  locale: 'id',
  setLocale: () => undefined,
});

function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'id';
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'id' || fromUrl === 'en') return fromUrl;
  const stored = window.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'id';
}

export function LocaleProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setState] = useState<Locale>(() => initial ?? initialLocale());
  const setLocale = useCallback((l: Locale) => {
    setState(l);
    window.localStorage?.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  return useContext(LocaleContext);
}

/** Interpolates `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** `t(key, vars)` for one message table in the current locale. */
export function useMessages<K extends string>(table: MessageTable<K>) {
  const { locale } = useLocale();
  return useCallback(
    (key: K, vars?: Record<string, string | number>) => format(table[locale][key], vars),
    [table, locale],
  );
}

export function localName(name: LocalName, locale: Locale): string {
  return name[locale];
}

const intlLocale = (l: Locale) => (l === 'id' ? 'id-ID' : 'en-GB');

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

export function formatClock(
  iso: string | Date,
  timeZone: string,
  locale: Locale,
  withDate = false,
): string {
  return dateTimeFormat(intlLocale(locale), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: withDate ? undefined : '2-digit',
    day: withDate ? '2-digit' : undefined,
    month: withDate ? 'short' : undefined,
    hourCycle: 'h23',
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}
