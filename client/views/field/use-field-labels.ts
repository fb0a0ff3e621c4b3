/**
 * The field page's words: its message table, names of categories and statuses from the
 * city pack, and times in the city's zone (WIB for Jakarta).
 */
import { useMemo } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { localName, useLocale, useMessages, type Locale } from '../../i18n/locale.tsx';
import { formatZoned } from '../ops/ops-format.ts';
import { FIELD_MESSAGES, type FieldMessageKey } from './field.messages.ts';

export interface FieldLabels {
  locale: Locale;
  t(key: FieldMessageKey, vars?: Record<string, string | number>): string;
  category(code: string): string;
  status(code: string): string;
  /** "Reported 08:15 WIB": the key's message with the time in the city's zone. */
  when(key: 'reported' | 'queuedAt', iso: string): string;
  time(iso: string): string;
}

export function useFieldLabels(pack: CityPack): FieldLabels {
  const { locale } = useLocale();
  const t = useMessages(FIELD_MESSAGES);
  return useMemo(() => {
    const categories = new Map(pack.categories.map((c) => [c.code, c.name]));
    const statuses = new Map(pack.statuses.map((s) => [s.code as string, s.name]));
    const time = (iso: string) => formatZoned(iso, pack.timeZone, locale, { seconds: false });
    return {
      locale,
      t,
      category: (c) => {
        const name = categories.get(c);
        return name ? localName(name, locale) : c;
      },
      status: (s) => {
        const name = statuses.get(s);
        return name ? localName(name, locale) : s;
      },
      when: (key, iso) => t(key, { time: time(iso) }),
      time,
    };
  }, [pack, locale, t]);
}
