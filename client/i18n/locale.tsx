/**
 * Indonesian (default) and English. Each view keeps its own message table made with
 * `defineMessages`, so views do not contend over one file; the locale lives in a
 * context, persisted per browser and settable by `?lang=id|en` (for wall displays).
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { dateTimeFormat } from '../../shared/domain/time.ts';
import { format, intlLocale, type Locale, type MessageTable } from '../../shared/i18n/format.ts';

// The pure half (words, numbers) lives in shared/, so the server prints what the browser does.
export {
  defineMessages,
  format,
  formatMinutes,
  formatNumber,
  formatPercent,
  localName,
  LOCALES,
  type Locale,
  type MessageTable,
} from '../../shared/i18n/format.ts';

const STORAGE_KEY = 'nakhoda.locale';

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

/** `t(key, vars)` for one message table in the current locale. */
export function useMessages<K extends string>(table: MessageTable<K>) {
  const { locale } = useLocale();
  return useCallback(
    (key: K, vars?: Record<string, string | number>) => format(table[locale][key], vars),
    [table, locale],
  );
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
