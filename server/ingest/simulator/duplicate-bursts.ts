/**
 * Duplicate bursts: the reports other citizens make of a thing someone already reported —
 * forty for one flooded street in a downpour, three for a fire, one more for a pothole a day
 * later. Each extra report comes from another channel and phone, a little way off (where
 * its reporter stood), in its own words, minutes to hours after the first; its `externalId`
 * is the first report's with `~d<n>`, which is the truth the duplicate evaluation
 * (scripts/analyst/duplicate-eval.ts) scores the automatic links against. A supervisor
 * confirms each as a duplicate a while after it arrives (whether the server linked it or
 * not). Pure; draws only from the stream it is given.
 */
import type { LonLat } from '../../../shared/domain/types.ts';
import {
  CHANNEL_MIX,
  FOLLOW_UP,
  FOLLOW_UP_MAX,
  FOLLOW_UP_MAX_HOURS,
  FOLLOW_UP_SIGMA,
  FOLLOW_UP_SPREAD_M,
  HOUR_MS,
  MINUTE_MS,
  RAIN_FOLLOW_UP,
} from './calibration.ts';
import type { PlannedIncident } from './plan.ts';
import { keepOnLand } from './places.ts';
import type { Rng } from './prng.ts';
import { chance, exponential, lognormal, normal, pick, pickWeighted } from './prng.ts';
import { DESCRIPTIONS, DUPLICATE_NOTES } from './texts.ts';

/** Marks an extra report's externalId: `<first report's externalId>~d<n>`. */
export const FOLLOW_UP_MARK = '~d';

/** The externalId of the first report of the thing a report is about (itself if first). */
export const thingOf = (externalId: string): string => {
  const at = externalId.indexOf(FOLLOW_UP_MARK);
  return at < 0 ? externalId : externalId.slice(0, at);
};

const M_PER_DEG_LAT = 111_195;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function nearby(rng: Rng, at: LonLat): LonLat {
  const sd = pickWeighted(rng, FOLLOW_UP_SPREAD_M);
  const dLat = normal(rng, 0, sd) / M_PER_DEG_LAT;
  const dLon = normal(rng, 0, sd) / (M_PER_DEG_LAT * Math.cos((at.lat * Math.PI) / 180));
  const p = keepOnLand({ lon: at.lon + dLon, lat: at.lat + dLat });
  return { lon: round6(p.lon), lat: round6(p.lat) };
}

/** The same thing in another citizen's words: a template of its category, same street and depth. */
function retold(rng: Rng, first: PlannedIncident): string {
  const { category, address, description = '' } = first.report;
  const templates = DESCRIPTIONS[category] ?? DESCRIPTIONS.other ?? [];
  if (templates.length === 0) return description;
  const street = (address ?? '').split(',')[0] || 'jalan ini';
  const cm = /(\d+) cm/.exec(description)?.[1] ?? '30';
  return pick(rng, templates).text.replaceAll('{jalan}', street).replaceAll('{cm}', cm);
}

/** The extra reports of `first` (none for most things), in time order. */
export function followUps(
  rng: Rng,
  first: PlannedIncident,
  opts: { surge: boolean },
): PlannedIncident[] {
  const { category, externalId } = first.report;
  const shape = FOLLOW_UP[category] ?? FOLLOW_UP.other!;
  const inRain = opts.surge && category === 'flooding';
  if (!chance(rng, inRain ? RAIN_FOLLOW_UP.share : shape.share)) return [];
  const n = Math.min(
    FOLLOW_UP_MAX,
    Math.max(
      1,
      Math.round(
        lognormal(
          rng,
          inRain ? RAIN_FOLLOW_UP.median : shape.median,
          inRain ? RAIN_FOLLOW_UP.sigma : FOLLOW_UP_SIGMA,
        ),
      ),
    ),
  );
  const startMs = first.reportAt.getTime();
  const out: PlannedIncident[] = [];
  for (let j = 1; j <= n; j++) {
    const afterMs = Math.min(
      exponential(rng, shape.meanMin) * MINUTE_MS,
      FOLLOW_UP_MAX_HOURS * HOUR_MS,
    );
    const atMs = Math.floor((startMs + Math.max(afterMs, 30_000)) / 1000) * 1000;
    // The supervisor's confirmation, about an hour after it arrives (lognormal).
    const confirmMs = Math.ceil((lognormal(rng, 60, 0.7) * MINUTE_MS) / 1000) * 1000;
    const report = {
      ...first.report,
      source: pickWeighted(rng, CHANNEL_MIX),
      externalId: `${externalId}${FOLLOW_UP_MARK}${j}`,
      description: retold(rng, first),
      location: nearby(rng, first.report.location),
    };
    out.push({
      reportAt: new Date(atMs),
      report,
      steps: [
        {
          afterMs: Math.max(confirmMs, 60_000),
          change: { status: 'duplicate', note: pick(rng, DUPLICATE_NOTES) },
        },
      ],
    });
  }
  return out.sort((a, b) => a.reportAt.getTime() - b.reportAt.getTime());
}
