/**
 * Rain episodes and the report surge they cause. Seasonal episodes are drawn per WIB day
 * from the seed (so a day's weather is the same whichever window asks); callers may add
 * their own, e.g. a demo downpour starting now.
 */
import {
  HOUR_MS,
  MINUTE_MS,
  RAIN_DAY_PROBABILITY,
  RAIN_FLOOD_TAIL_HOURS,
  RAIN_HOURS_MAX,
  RAIN_HOURS_MIN,
  RAIN_INTENSITY_MAX,
  RAIN_INTENSITY_MEDIAN,
  RAIN_INTENSITY_SIGMA,
  RAIN_START_HOURS,
} from './calibration.ts';
import { chance, lognormal, pickWeighted, streamFor, uniform } from './prng.ts';
import { wibDay, wibDayStart, wibMonth } from './wib.ts';

export interface RainEpisode {
  startAt: Date;
  hours: number;
  /** 1 is an ordinary heavy downpour (default); 2.5 a flood day. */
  intensity?: number;
  /** Share of flood reports on the north coast rather than the Ciliwung (default 0.5). */
  northShare?: number;
}

export interface Surge {
  startMs: number;
  /** When the rain stops; reports keep coming for a tail after it. */
  endMs: number;
  intensity: number;
  northShare: number;
}

const STREAM_RAIN = 4;
/** Rain that ends after this much time no longer causes reports. */
const MAX_TAIL_MS = RAIN_FLOOD_TAIL_HOURS * HOUR_MS;
/** A non-flood surge (trees, jams) after the rain stops runs at this share. */
const AFTER_RAIN_FACTOR = 0.5;

function seasonalEpisode(seed: number, day: number): Surge | null {
  const rng = streamFor(seed, day, STREAM_RAIN);
  if (!chance(rng, RAIN_DAY_PROBABILITY[wibMonth(day)] ?? 0)) return null;
  const startMs =
    wibDayStart(day) +
    pickWeighted(rng, RAIN_START_HOURS) * HOUR_MS +
    Math.floor(rng() * 60) * MINUTE_MS;
  const hours = uniform(rng, RAIN_HOURS_MIN, RAIN_HOURS_MAX);
  const intensity = Math.min(
    RAIN_INTENSITY_MAX,
    lognormal(rng, RAIN_INTENSITY_MEDIAN, RAIN_INTENSITY_SIGMA),
  );
  // Some downpours hit the coast, others the hills upstream that send the Ciliwung over.
  const northShare = uniform(rng, 0.25, 0.75);
  return { startMs, endMs: startMs + Math.round(hours * 60) * MINUTE_MS, intensity, northShare };
}

/** Every episode whose surge can touch [fromMs, toMs), in start order. */
export function episodesFor(
  seed: number,
  fromMs: number,
  toMs: number,
  rain: { seasonal?: boolean; episodes?: RainEpisode[] } | undefined,
): Surge[] {
  const out: Surge[] = [];
  if (rain?.seasonal !== false) {
    // The day before: its evening rain drains into the small hours.
    for (let day = wibDay(fromMs) - 1; day <= wibDay(toMs); day++) {
      const ep = seasonalEpisode(seed, day);
      if (ep) out.push(ep);
    }
  }
  for (const ep of rain?.episodes ?? []) {
    const startMs = ep.startAt.getTime();
    if (!Number.isFinite(startMs) || !(ep.hours > 0))
      throw new Error('rain episode needs a valid startAt and hours > 0');
    out.push({
      startMs,
      endMs: startMs + ep.hours * HOUR_MS,
      intensity: ep.intensity ?? 1,
      northShare: ep.northShare ?? 0.5,
    });
  }
  return out
    .filter((s) => s.startMs < toMs && s.endMs + MAX_TAIL_MS > fromMs)
    .sort((a, b) => a.startMs - b.startMs);
}

/** Episodes that may add reports in the hour starting at `hourStartMs`. */
export function activeSurges(episodes: readonly Surge[], hourStartMs: number): Surge[] {
  return episodes.filter(
    (s) => s.startMs < hourStartMs + HOUR_MS && s.endMs + MAX_TAIL_MS > hourStartMs,
  );
}

/**
 * Relative report rate at time `t`: rising through the rain as water collects, then for
 * floods decaying with `tauHours` as it drains (null: a flat after-rain share).
 */
export function surgeFactor(s: Surge, t: number, tauHours: number | null): number {
  if (t < s.startMs) return 0;
  if (t <= s.endMs) return 0.4 + (0.6 * (t - s.startMs)) / Math.max(1, s.endMs - s.startMs);
  return tauHours === null ? AFTER_RAIN_FACTOR : Math.exp(-(t - s.endMs) / (tauHours * HOUR_MS));
}
