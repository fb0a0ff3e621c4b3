/**
 * The trend charts' series, shared by the page's uPlot charts and the PDF's legends:
 * received and resolved over time, and the biggest categories (the rest as "other").
 * Okabe–Ito colours, each with its own dash pattern, so lines differ without colour.
 */
import type { CityPack } from '../city/types.ts';
import type { Briefing } from '../domain/briefing.ts';
import type { Locale } from '../i18n/format.ts';
import { categoryName } from './names.ts';

export interface TrendSeries {
  label: string;
  color: string;
  dash: number[];
  values: number[];
}

export interface TrendChart {
  /** Bucket starts, in seconds since the epoch (uPlot's time unit). */
  times: number[];
  series: TrendSeries[];
}

const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6], [1, 2]];
const OTHER_COLOR = '#8c8c8c';
const TOP_CATEGORIES = 6;

export function volumeChart(
  briefing: Briefing,
  labels: { received: string; resolved: string },
): TrendChart {
  return {
    times: briefing.trend.times.map((t) => Date.parse(t) / 1000),
    series: [
      { label: labels.received, color: PALETTE[0]!, dash: [], values: briefing.trend.received },
      { label: labels.resolved, color: PALETTE[2]!, dash: [8, 4], values: briefing.trend.resolved },
    ],
  };
}

export function categoryChart(
  briefing: Briefing,
  pack: CityPack,
  locale: Locale,
  otherLabel: string,
): TrendChart {
  const totals = Object.entries(briefing.trend.byCategory)
    .map(([code, values]) => ({ code, values, total: values.reduce((a, b) => a + b, 0) }))
    .filter((c) => c.total > 0)
    .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  const top = totals.slice(0, TOP_CATEGORIES);
  const rest = totals.slice(TOP_CATEGORIES);
  const series: TrendSeries[] = top.map((c, i) => ({
    label: categoryName(pack, c.code, locale),
    color: PALETTE[i % PALETTE.length]!,
    dash: DASHES[i % DASHES.length]!,
    values: c.values,
  }));
  if (rest.length > 0) {
    const n = briefing.trend.times.length;
    const values = Array.from({ length: n }, (_, i) =>
      rest.reduce((sum, c) => sum + (c.values[i] ?? 0), 0),
    );
    series.push({ label: otherLabel, color: OTHER_COLOR, dash: [3, 3], values });
  }
  return { times: briefing.trend.times.map((t) => Date.parse(t) / 1000), series };
}
