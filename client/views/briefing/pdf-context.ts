/** What every page of the PDF pack is drawn from, and its words in both languages. */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Briefing } from '../../../shared/domain/briefing.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { format, type Locale } from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES, type BriefingMessage } from './briefing.messages.ts';
import type { BriefingParams } from './briefing-url.ts';
import type { Period } from './period.ts';
import type { TrendSeries } from './trend-series.ts';

export interface PackInput {
  pack: CityPack;
  locale: Locale;
  briefing: Briefing;
  params: BriefingParams;
  period: Period;
  map: { image: HTMLCanvasElement | null; caption: string };
  charts: { title: string; image: HTMLCanvasElement | null; series: TrendSeries[] }[];
  /** Still-open incidents past due at `overdueAt`, most overdue first. */
  overdue: Incident[];
  overdueAt: Date;
  generatedAt: Date;
}

export type Translate = (key: BriefingMessage, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) => format(BRIEFING_MESSAGES[locale][key], vars);
}

/** The reader's language, and the other one for subtitles. */
export function languages(locale: Locale): { t: Translate; other: Translate } {
  return { t: translator(locale), other: translator(locale === 'id' ? 'en' : 'id') };
}
