/**
 * The briefing's state in the address bar, so a copied link reopens the same briefing:
 * period, filters, the league minimum and level, and the replay window. Parsing is
 * forgiving (an unknown value falls back to its default); serialising writes only what
 * differs from the defaults, in a fixed order.
 */
import {
  parseMonth,
  parseYmd,
  PERIOD_PRESETS,
  type PeriodChoice,
  type PeriodPreset,
} from './period.ts';

export type LeagueLevel = 'kelurahan' | 'kecamatan';

export interface BriefingParams {
  period: PeriodChoice;
  /** A kota (31.71) or kecamatan (31.71.01) code. */
  area: string | null;
  category: string | null;
  agency: string | null;
  minCount: number;
  league: LeagueLevel;
  /** Replay window (UTC ISO); null means "the period". */
  replayFrom: string | null;
  replayTo: string | null;
}

export const DEFAULT_PRESET: PeriodPreset = '7d';
export const DEFAULT_MIN_COUNT = 5;

export const DEFAULT_PARAMS: BriefingParams = {
  period: { preset: DEFAULT_PRESET },
  area: null,
  category: null,
  agency: null,
  minCount: DEFAULT_MIN_COUNT,
  league: 'kelurahan',
  replayFrom: null,
  replayTo: null,
};

const AREA = /^\d{2}\.\d{2}(\.\d{2})?$/;
const CODE = /^[a-z0-9_-]{1,64}$/;

function isoOrNull(v: string | null): string | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function parseBriefingParams(search: URLSearchParams): BriefingParams {
  const presetRaw = search.get('period');
  const preset = PERIOD_PRESETS.find((p) => p === presetRaw) ?? DEFAULT_PRESET;
  const period: PeriodChoice = { preset };
  if (preset === 'month') {
    const month = search.get('month') ?? '';
    if (parseMonth(month)) period.month = month;
  }
  if (preset === 'custom') {
    const start = search.get('start') ?? '';
    const end = search.get('end') ?? '';
    if (parseYmd(start)) period.start = start;
    if (parseYmd(end)) period.end = end;
  }
  const pick = (key: string, re: RegExp) => {
    const v = search.get(key);
    return v !== null && re.test(v) ? v : null;
  };
  const min = Number(search.get('min'));
  const replayFrom = isoOrNull(search.get('replayFrom'));
  const replayTo = isoOrNull(search.get('replayTo'));
  const replayOk = replayFrom !== null && replayTo !== null && replayFrom < replayTo;
  return {
    period,
    area: pick('area', AREA),
    category: pick('category', CODE),
    agency: pick('agency', CODE),
    minCount: Number.isInteger(min) && min >= 1 && min <= 1000 ? min : DEFAULT_MIN_COUNT,
    league: search.get('league') === 'kecamatan' ? 'kecamatan' : 'kelurahan',
    replayFrom: replayOk ? replayFrom : null,
    replayTo: replayOk ? replayTo : null,
  };
}

export function briefingSearch(p: BriefingParams): URLSearchParams {
  const s = new URLSearchParams();
  s.set('period', p.period.preset);
  if (p.period.preset === 'month' && p.period.month) s.set('month', p.period.month);
  if (p.period.preset === 'custom') {
    if (p.period.start) s.set('start', p.period.start);
    if (p.period.end) s.set('end', p.period.end);
  }
  if (p.area) s.set('area', p.area);
  if (p.category) s.set('category', p.category);
  if (p.agency) s.set('agency', p.agency);
  if (p.minCount !== DEFAULT_MIN_COUNT) s.set('min', String(p.minCount));
  if (p.league !== 'kelurahan') s.set('league', p.league);
  if (p.replayFrom && p.replayTo) {
    s.set('replayFrom', p.replayFrom);
    s.set('replayTo', p.replayTo);
  }
  return s;
}

/** The filters the briefing, incident and export endpoints share. */
export function filterQuery(
  p: Pick<BriefingParams, 'category' | 'agency'>,
): Record<string, string> {
  const q: Record<string, string> = {};
  if (p.category) q.category = p.category;
  if (p.agency) q.agency = p.agency;
  return q;
}
