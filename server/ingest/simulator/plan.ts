/**
 * The simulator's pure core: for a seed and a time window, which reports arrive when,
 * where and about what, and how each will be worked. Every simulated hour (and every
 * day's weather) draws from its own seeded stream, so any window yields exactly the same
 * incidents for the hours it shares with another: the runner can plan an hour at a time,
 * for weeks, and a test can plan a week in one call, and both see one city.
 */
import { JAKARTA } from '../../../shared/city/jakarta/index.ts';
import { categoryByCode } from '../../../shared/city/lookup.ts';
import type { ReportIncidentInput } from '../../../shared/domain/schemas.ts';
import type { LonLat, Severity, Source } from '../../../shared/domain/types.ts';
import {
  CATEGORY_MIX,
  CHANNEL_MIX,
  DAY_NOISE_SIGMA,
  DAY_OF_WEEK_FACTOR,
  FIRE_CALL112_SHARE,
  FLOOD_HOTSPOT_SHARE,
  FOLLOW_UP_MAX_HOURS,
  HOTSPOT_JITTER_DEG,
  HOUR_MS,
  HOURLY_SHARE,
  KECAMATAN_JITTER_DEG,
  RAIN_FLOOD_HOTSPOT_SHARE,
  RAIN_FLOOD_PER_HOUR,
  RAIN_FLOOD_TAIL_HOURS,
  RAIN_FLOOD_TAU_HOURS,
  RAIN_JAM_PER_HOUR,
  RAIN_TREE_HOTSPOT_SHARE,
  RAIN_TREE_PER_HOUR,
  RAIN_TREE_TAIL_HOURS,
  RATE_PER_DAY,
} from './calibration.ts';
import { followUps } from './duplicate-bursts.ts';
import type { Hotspot } from './places.ts';
import { HOTSPOTS, KECAMATAN, keepOnLand, kelurahanCodeFor } from './places.ts';
import type { Rng } from './prng.ts';
import { chance, normal, pick, pickWeighted, poisson, streamFor, uniform } from './prng.ts';
import type { RainEpisode, Surge } from './rain.ts';
import { activeSurges, episodesFor, surgeFactor } from './rain.ts';
import type { Template } from './texts.ts';
import { DESCRIPTIONS, ROB_DESCRIPTIONS } from './texts.ts';
import { wibDay, wibHour } from './wib.ts';
import type { PlannedStep } from './workflow.ts';
import { planWorkflow } from './workflow.ts';

export type { PlannedStep } from './workflow.ts';
export type { RainEpisode } from './rain.ts';

export interface PlanOptions {
  seed: number;
  from: Date;
  to: Date;
  /** Mean reports per simulated day; defaults to the calibrated city rate. */
  ratePerDay?: number;
  /**
   * `city` (default): Poisson arrivals following the day/night and weekly rhythm, with
   * rain surges. `flat`: exactly ratePerDay/24 evenly spaced arrivals every hour and no
   * rain, for load tests that need a steady, known rate.
   */
  rhythm?: 'city' | 'flat';
  rain?: {
    /** Draw rain days from the season (default true). */
    seasonal?: boolean;
    /** Extra episodes, e.g. a demo downpour starting now. */
    episodes?: RainEpisode[];
  };
  /** Prefix of externalIds; keeps runs apart in the (source, externalId) idempotency key. */
  externalIdPrefix?: string;
  /**
   * Other citizens' reports of things already reported (duplicate-bursts.ts): on by default
   * in the `city` rhythm, never in `flat`.
   */
  duplicates?: boolean;
}

export type PlannedReport = Omit<ReportIncidentInput, 'reportedAt'>;

export interface PlannedIncident {
  reportAt: Date;
  report: PlannedReport;
  /** In order; afterMs is simulated time after reportAt. */
  steps: PlannedStep[];
}

/** Stream keys, so hours, days and surges never share draws. */
const STREAM_ARRIVALS = 1;
const STREAM_SURGE = 2;
const STREAM_DAY = 3;
const STREAM_DUPLICATES = 4;

/** What rain adds: category, reports per hour at intensity 1, hours it lasts after the rain. */
const SURGE_KINDS = [
  ['flooding', RAIN_FLOOD_PER_HOUR, RAIN_FLOOD_TAIL_HOURS],
  ['fallen_tree', RAIN_TREE_PER_HOUR, RAIN_TREE_TAIL_HOURS],
  ['traffic_jam', RAIN_JAM_PER_HOUR, 0],
] as const;

const KECAMATAN_WEIGHTS = KECAMATAN.map((k) => [k, k.weight] as const);
const HOTSPOT_WEIGHTS = HOTSPOTS.map((h) => [h, h.weight] as const);

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function dayFactor(seed: number, day: number): number {
  const rng = streamFor(seed, day, STREAM_DAY);
  // Mean-one lognormal, so the long-run rate stays ratePerDay.
  const noise = Math.exp(normal(rng, -(DAY_NOISE_SIGMA ** 2) / 2, DAY_NOISE_SIGMA));
  // Day 0 (1970-01-01) was a Thursday.
  const dow = (((day + 4) % 7) + 7) % 7;
  return (DAY_OF_WEEK_FACTOR[dow] ?? 1) * noise;
}

function jitter(rng: Rng, centre: LonLat, sd: number): LonLat {
  const clip = (x: number) => Math.max(-2.5 * sd, Math.min(2.5 * sd, x));
  const p = keepOnLand({
    lon: centre.lon + clip(normal(rng, 0, sd)),
    lat: centre.lat + clip(normal(rng, 0, sd)),
  });
  return { lon: round6(p.lon), lat: round6(p.lat) };
}

function pickHotspot(rng: Rng, northShare: number | undefined): Hotspot {
  if (northShare === undefined) return pickWeighted(rng, HOTSPOT_WEIGHTS);
  const area = chance(rng, northShare) ? 'north' : 'ciliwung';
  return pickWeighted(
    rng,
    HOTSPOT_WEIGHTS.filter(([h]) => h.area === area),
  );
}

/** Water depth in cm, rounded to 5 as people estimate it. */
function floodDepth(rng: Rng, surge: Surge | null): number {
  const cm = surge ? uniform(rng, 20, 60) * Math.max(0.6, surge.intensity) : uniform(rng, 10, 40);
  return Math.min(200, Math.max(5, Math.round(cm / 5) * 5));
}

function makeIncident(
  rng: Rng,
  x: { atMs: number; categoryCode: string; externalId: string; surge: Surge | null },
): PlannedIncident {
  const category = categoryByCode(JAKARTA, x.categoryCode);
  if (!category)
    throw new Error(`calibration names category '${x.categoryCode}' that the Jakarta pack lacks`);
  const code = category.code;
  const { surge } = x;

  const hotspotShare =
    code === 'flooding'
      ? surge
        ? RAIN_FLOOD_HOTSPOT_SHARE
        : FLOOD_HOTSPOT_SHARE
      : code === 'fallen_tree' && surge
        ? RAIN_TREE_HOTSPOT_SHARE
        : 0;
  let location: LonLat;
  let address: string;
  let kelurahanCode: string | null = null;
  let area: Hotspot['area'] | null = null;
  if (chance(rng, hotspotShare)) {
    const spot = pickHotspot(rng, surge?.northShare);
    location = jitter(rng, spot, HOTSPOT_JITTER_DEG);
    address = `${pick(rng, spot.streets)}, Kel. ${spot.kelurahan}`;
    kelurahanCode = kelurahanCodeFor(JAKARTA, spot);
    area = spot.area;
  } else {
    const kec = pickWeighted(rng, KECAMATAN_WEIGHTS);
    location = jitter(rng, kec, KECAMATAN_JITTER_DEG);
    address = `${pick(rng, kec.streets)}, Kec. ${kec.name}`;
  }
  const street = address.slice(0, address.indexOf(','));

  const source: Source =
    code === 'fire' && chance(rng, FIRE_CALL112_SHARE) ? 'call112' : pickWeighted(rng, CHANNEL_MIX);

  const tidal = code === 'flooding' && !surge && area === 'north' && chance(rng, 0.6);
  const template: Template = pick(
    rng,
    tidal ? ROB_DESCRIPTIONS : (DESCRIPTIONS[code] ?? DESCRIPTIONS.other ?? []),
  );
  const depth = code === 'flooding' ? floodDepth(rng, surge) : 0;
  const description = template.text.replaceAll('{jalan}', street).replaceAll('{cm}', String(depth));
  let severity: Severity | undefined = template.severity;
  if (code === 'flooding') severity = depth >= 80 ? 'critical' : depth < 30 ? 'medium' : undefined;
  const escalate =
    code === 'flooding' && surge !== null && depth >= 50 && depth < 80 && chance(rng, 0.3);

  const steps = planWorkflow(rng, {
    pack: JAKARTA,
    category,
    reportAtMs: x.atMs,
    escalate,
  });
  const report: PlannedReport = {
    source,
    externalId: x.externalId,
    category: code,
    description,
    location,
    address,
  };
  if (kelurahanCode) report.kelurahanCode = kelurahanCode;
  if (severity) report.severity = severity;
  return { reportAt: new Date(x.atMs), report, steps };
}

export function planIncidents(opts: PlanOptions): PlannedIncident[] {
  const { seed } = opts;
  const fromMs = opts.from.getTime();
  const toMs = opts.to.getTime();
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
    throw new Error('planIncidents: from and to must be valid dates');
  const rate = opts.ratePerDay ?? RATE_PER_DAY;
  if (!(rate >= 0) || !Number.isFinite(rate))
    throw new Error('planIncidents: ratePerDay must be a finite number ≥ 0');
  const flat = opts.rhythm === 'flat';
  const prefix = opts.externalIdPrefix ?? `sim${seed}`;
  const scale = rate / RATE_PER_DAY;
  const episodes = flat ? [] : episodesFor(seed, fromMs, toMs, opts.rain);
  const out: PlannedIncident[] = [];
  const keep = (inc: PlannedIncident) => {
    const t = inc.reportAt.getTime();
    if (t >= fromMs && t < toMs) out.push(inc);
  };

  const duplicates = !flat && opts.duplicates !== false;
  const firstHour = Math.floor(fromMs / HOUR_MS);
  // A thing first reported before the window may be reported again within it.
  const lookback = duplicates ? FOLLOW_UP_MAX_HOURS : 0;
  for (let hour = firstHour - lookback; hour * HOUR_MS < toMs; hour++) {
    const startMs = hour * HOUR_MS;
    const drawn: { incident: PlannedIncident; surge: boolean }[] = [];
    const draw = (incident: PlannedIncident, surge: boolean) => {
      if (hour >= firstHour) keep(incident);
      drawn.push({ incident, surge });
    };
    const tag = `${prefix}-${hour.toString(36)}`;
    const rng = streamFor(seed, hour, STREAM_ARRIVALS);
    // Arrivals outside the window are drawn too, so a window's hours match any other's.
    const times: number[] = [];
    if (flat) {
      const n = Math.floor(((hour + 1) * rate) / 24) - Math.floor((hour * rate) / 24);
      for (let i = 0; i < n; i++) times.push(startMs + Math.floor(((i + 0.5) / n) * HOUR_MS));
    } else {
      const mean = rate * (HOURLY_SHARE[wibHour(startMs)] ?? 0) * dayFactor(seed, wibDay(startMs));
      const n = poisson(rng, mean);
      for (let i = 0; i < n; i++) times.push(startMs + Math.floor(rng() * HOUR_MS));
      times.sort((a, b) => a - b);
    }
    times.forEach((atMs, i) => {
      const categoryCode = pickWeighted(rng, CATEGORY_MIX);
      draw(
        makeIncident(rng, {
          atMs: Math.floor(atMs / 1000) * 1000,
          categoryCode,
          externalId: `${tag}-${i}`,
          surge: null,
        }),
        false,
      );
    });

    const surgeRng = streamFor(seed, hour, STREAM_SURGE);
    let r = 0;
    for (const surge of activeSurges(episodes, startMs)) {
      for (const [categoryCode, perHour, tailHours] of SURGE_KINDS) {
        const from = Math.max(startMs, surge.startMs);
        const until = Math.min(startMs + HOUR_MS, surge.endMs + tailHours * HOUR_MS);
        if (until <= from) continue;
        const f = surgeFactor(
          surge,
          (from + until) / 2,
          categoryCode === 'flooding' ? RAIN_FLOOD_TAU_HOURS : null,
        );
        const n = poisson(
          surgeRng,
          surge.intensity * perHour * scale * f * ((until - from) / HOUR_MS),
        );
        for (let i = 0; i < n; i++) {
          const atMs = Math.floor((from + surgeRng() * (until - from)) / 1000) * 1000;
          const externalId = `${tag}-r${r++}`;
          draw(makeIncident(surgeRng, { atMs, categoryCode, externalId, surge }), true);
        }
      }
    }

    if (duplicates) {
      const dupRng = streamFor(seed, hour, STREAM_DUPLICATES);
      for (const { incident, surge } of drawn) {
        for (const extra of followUps(dupRng, incident, { surge })) keep(extra);
      }
    }
  }
  return out.sort(
    (a, b) =>
      a.reportAt.getTime() - b.reportAt.getTime() ||
      (a.report.externalId ?? '').localeCompare(b.report.externalId ?? ''),
  );
}
