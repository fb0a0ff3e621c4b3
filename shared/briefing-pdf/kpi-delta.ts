/**
 * How a KPI moved against the previous period, and whether that is good news. More
 * reports is neither (it may mean more trust, or more trouble); for times and backlogs
 * lower is better; for rates higher is better.
 */
import type { PeriodKpis } from '../domain/briefing.ts';

export type KpiName = keyof PeriodKpis;

/**
 * In the order screens show them: what came in (every report, then the incidents they are,
 * duplicates.ts), what was done and what is left, then how fast.
 */
export const KPI_NAMES: readonly KpiName[] = [
  'reports',
  'received',
  'resolved',
  'resolutionRatePct',
  'openAtEnd',
  'overdueAtEnd',
  'medianResponseMin',
  'p90ResponseMin',
  'medianResolutionMin',
  'p90ResolutionMin',
  'slaCompliancePct',
];

export type Polarity = 'higher' | 'lower' | 'neutral';
export type KpiKind = 'count' | 'pct' | 'minutes';

export const KPI_POLARITY: Record<KpiName, Polarity> = {
  reports: 'neutral',
  received: 'neutral',
  resolved: 'higher',
  resolutionRatePct: 'higher',
  openAtEnd: 'lower',
  overdueAtEnd: 'lower',
  medianResponseMin: 'lower',
  p90ResponseMin: 'lower',
  medianResolutionMin: 'lower',
  p90ResolutionMin: 'lower',
  slaCompliancePct: 'higher',
};

export const KPI_KIND: Record<KpiName, KpiKind> = {
  reports: 'count',
  received: 'count',
  resolved: 'count',
  resolutionRatePct: 'pct',
  openAtEnd: 'count',
  overdueAtEnd: 'count',
  medianResponseMin: 'minutes',
  p90ResponseMin: 'minutes',
  medianResolutionMin: 'minutes',
  p90ResolutionMin: 'minutes',
  slaCompliancePct: 'pct',
};

export interface KpiDelta {
  direction: 'up' | 'down' | 'same' | 'none';
  verdict: 'better' | 'worse' | 'neutral' | 'none';
  /** current − previous (points for percentages, minutes for times); null without both. */
  change: number | null;
}

export function kpiDelta(name: KpiName, current: number | null, previous: number | null): KpiDelta {
  if (current === null || previous === null)
    return { direction: 'none', verdict: 'none', change: null };
  const change = Math.round((current - previous) * 10) / 10;
  if (change === 0) return { direction: 'same', verdict: 'neutral', change: 0 };
  const direction = change > 0 ? 'up' : 'down';
  const polarity = KPI_POLARITY[name];
  if (polarity === 'neutral') return { direction, verdict: 'neutral', change };
  const better = (polarity === 'higher') === (direction === 'up');
  return { direction, verdict: better ? 'better' : 'worse', change };
}

/** Shape as well as colour says which way a value moved. */
export const DELTA_ARROW: Record<KpiDelta['direction'], string> = {
  up: '▲',
  down: '▼',
  same: '→',
  none: '',
};

/** Trend of a league row's compliance (points): up is better. */
export function trendDelta(trendPts: number | null): KpiDelta {
  if (trendPts === null) return { direction: 'none', verdict: 'none', change: null };
  if (trendPts === 0) return { direction: 'same', verdict: 'neutral', change: 0 };
  return trendPts > 0
    ? { direction: 'up', verdict: 'better', change: trendPts }
    : { direction: 'down', verdict: 'worse', change: trendPts };
}
