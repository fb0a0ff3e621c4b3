/**
 * What every page of the PDF pack is drawn from, and its words in both languages. Plain
 * data, no DOM: the browser passes the images it captured (the map, the charts), the
 * server passes none and the pack draws those pages itself (pdf-map.ts, pdf-charts.ts).
 */
import type { CityPack } from '../city/types.ts';
import type { Briefing } from '../domain/briefing.ts';
import type { Incident } from '../domain/types.ts';
import { format, type Locale } from '../i18n/format.ts';
import { PDF_MESSAGES, type PdfMessage } from './pdf.messages.ts';
import type { LoadPhoto } from './photo-load.ts';
import type { TrendSeries } from './trend-series.ts';

/** A raster image, as a data URL (PNG) and its size in pixels. */
export interface PackImage {
  dataUrl: string;
  width: number;
  height: number;
}

/** One ring of an outline, as [lon, lat] points. */
export type Ring = readonly (readonly [number, number])[];

/** The briefing's filters, as the cover prints them. */
export interface PackFilters {
  area: string | null;
  category: string | null;
  agency: string | null;
}

export interface PackInput {
  pack: CityPack;
  locale: Locale;
  briefing: Briefing;
  filters: PackFilters;
  period: { from: Date; to: Date };
  /**
   * The map page: a captured image when the browser has one; otherwise drawn as vectors,
   * the outlines given (kelurahan boundaries) or the city's bounding box, with the hotspots.
   */
  map: { image: PackImage | null; caption: string; outlines?: readonly Ring[] };
  /** Each chart's image when captured; otherwise its series are drawn as lines. */
  charts: { title: string; image: PackImage | null; series: TrendSeries[] }[];
  /** Each hotspot cell's main kelurahan (shared/domain/cell-kelurahan.ts). */
  places: ReadonlyMap<string, string>;
  /** Still-open incidents past due at `overdueAt`, most overdue first. */
  overdue: readonly Incident[];
  overdueAt: Date;
  /**
   * The period's reports as the caller has them (the page's map data, the server's query):
   * those resolved in the period with an after photo make the "closed with proof" page.
   */
  resolved: readonly Incident[];
  /** A photo's thumbnail (JPEG), for the photo proof pages; without it each is a placeholder. */
  loadPhoto?: LoadPhoto | undefined;
  generatedAt: Date;
}

export type Translate = (key: PdfMessage, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) => format(PDF_MESSAGES[locale][key], vars);
}

/** The reader's language, and the other one for subtitles. */
export function languages(locale: Locale): { t: Translate; other: Translate } {
  return { t: translator(locale), other: translator(locale === 'id' ? 'en' : 'id') };
}
