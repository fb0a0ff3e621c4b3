/**
 * Names for codes in the current language: categories, statuses and agencies from the
 * city pack, severities, channels and roles from the console's messages. An unknown code
 * (a newer pack on the server) shows as itself rather than as nothing.
 */
import { useMemo } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Role } from '../../../shared/domain/access.ts';
import type { Severity, Source } from '../../../shared/domain/types.ts';
import { localName, useLocale, useMessages } from '../../i18n/locale.tsx';
import { OPS_MESSAGES, type OpsMessageKey } from './ops.messages.ts';

export type Translate = (key: OpsMessageKey, vars?: Record<string, string | number>) => string;

export interface OpsLabels {
  t: Translate;
  category(code: string): string;
  status(code: string): string;
  agency(code: string): string;
  agencyShort(code: string): string;
  severity(s: Severity): string;
  source(s: Source): string;
  role(r: Role): string;
}

export function useOpsLabels(pack: CityPack): OpsLabels {
  const { locale } = useLocale();
  const t = useMessages(OPS_MESSAGES);
  return useMemo(() => {
    const categories = new Map(pack.categories.map((c) => [c.code, c]));
    const statuses = new Map(pack.statuses.map((s) => [s.code as string, s]));
    const agencies = new Map(pack.agencies.map((a) => [a.code, a]));
    const named = <T extends { name: { id: string; en: string } }>(
      m: Map<string, T>,
      c: string,
    ) => {
      const item = m.get(c);
      return item ? localName(item.name, locale) : c;
    };
    return {
      t,
      category: (code) => named(categories, code),
      status: (code) => named(statuses, code),
      agency: (code) => named(agencies, code),
      agencyShort: (code) => agencies.get(code)?.short ?? code,
      severity: (s) => t(`severity.${s}`),
      source: (s) => t(`source.${s}`),
      role: (r) => t(`role.${r}`),
    };
  }, [pack, locale, t]);
}
