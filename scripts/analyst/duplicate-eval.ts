/**
 * How well reports are linked to the incident they duplicate, on the simulator's duplicate
 * bursts: precision (of the links made, the share to the right incident) and recall (of the
 * reports that repeat a thing already reported, the share linked to it), per category.
 *
 *   npm run eval:duplicates -- [days=30] [seed=20261127]
 *
 * The simulator's plan (server/ingest/simulator/plan.ts with duplicate-bursts.ts) is replayed
 * through the server's own linking and workflow rules (replay-links.ts).
 * The truth is the simulator's: a repeat report's externalId names the thing's first report.
 * A link is right when the master's thing is the report's thing. Prints a table and writes
 * test-output/analyst/duplicate-eval.json. DUP_RADIUS_SCALE multiplies every radius and
 * DUP_HOURS_SCALE every window, to see what other settings would give.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import type { CityPack } from '../../shared/city/types.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import { thingOf } from '../../server/ingest/simulator/duplicate-bursts.ts';
import { planIncidents } from '../../server/ingest/simulator/plan.ts';
import { distanceM } from '../../shared/domain/duplicates.ts';
import { replayLinks } from './replay-links.ts';

const DAYS = Number(process.argv[2] ?? 30);
const SEED = Number(process.argv[3] ?? 20261127);
const OUT = join('test-output', 'analyst', 'duplicate-eval.json');
const radiusScale = Number(process.env.DUP_RADIUS_SCALE ?? 1);
const hoursScale = Number(process.env.DUP_HOURS_SCALE ?? 1);
const pack: CityPack = {
  ...JAKARTA,
  analyst: {
    ...JAKARTA.analyst,
    duplicates: {
      categories: Object.fromEntries(
        Object.entries(JAKARTA.analyst.duplicates.categories).map(([code, rule]) => [
          code,
          { radiusM: rule.radiusM * radiusScale, withinHours: rule.withinHours * hoursScale },
        ]),
      ),
    },
  },
};

// The wet season's first month (WIB), where floods and their bursts are.
const fromMs = Date.parse('2026-11-01T00:00:00+07:00');
const toMs = fromMs + DAYS * DAY_MS;
const planned = planIncidents({ seed: SEED, from: new Date(fromMs), to: new Date(toMs) });
console.log(
  `eval:duplicates: ${DAYS} days from ${new Date(fromMs).toISOString()}, seed ${SEED}, ${planned.length} reports`,
);

const replayed = replayLinks(planned, pack);
const thing = planned.map((p) => thingOf(p.report.externalId!));
interface Tally {
  repeats: number;
  links: number;
  right: number;
  repeatsLinked: number;
}
const tallies = new Map<string, Tally>();
const tallyOf = (category: string) => {
  let t = tallies.get(category);
  if (!t) tallies.set(category, (t = { repeats: 0, links: 0, right: 0, repeatsLinked: 0 }));
  return t;
};
// In time order, so "seen before" means reported before.
const order = planned
  .map((_, k) => k)
  .sort((a, b) => planned[a]!.reportAt.getTime() - planned[b]!.reportAt.getTime() || a - b);
const seenThings = new Set<string>();
const firstOf = new Map<string, number>();
/** Repeats not linked to their thing: standing beyond the radius from its first report, or not. */
const missed = { far: 0, near: 0 };
for (const k of order) {
  const t = tallyOf(planned[k]!.report.category);
  const repeat = seenThings.has(thing[k]!);
  seenThings.add(thing[k]!);
  if (repeat) t.repeats++;
  else firstOf.set(thing[k]!, k);
  const master = replayed.masterOf[k];
  const rule = pack.analyst.duplicates.categories[planned[k]!.report.category];
  if (repeat && rule && (master === null || master === undefined || thing[master] !== thing[k])) {
    const first = planned[firstOf.get(thing[k]!)!]!;
    const far = distanceM(first.report.location, planned[k]!.report.location) > rule.radiusM;
    missed[far ? 'far' : 'near']++;
  }
  if (master === null || master === undefined) continue;
  t.links++;
  const right = thing[master] === thing[k];
  if (right) t.right++;
  if (repeat && right) t.repeatsLinked++;
}
const refusedSteps = replayed.refusedSteps;

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
const rows = [...tallies]
  .filter(([, t]) => t.repeats + t.links > 0)
  .sort((a, b) => b[1].repeats - a[1].repeats);
const total = rows.reduce(
  (s, [, t]) => ({
    repeats: s.repeats + t.repeats,
    links: s.links + t.links,
    right: s.right + t.right,
    repeatsLinked: s.repeatsLinked + t.repeatsLinked,
  }),
  { repeats: 0, links: 0, right: 0, repeatsLinked: 0 },
);
console.log('\n| Category | Radius, window | Repeat reports | Links made | Precision | Recall |');
console.log('|---|---|---:|---:|---:|---:|');
for (const [category, t] of [...rows, ['all', total] as const]) {
  const rule = pack.analyst.duplicates.categories[category];
  const setting = rule
    ? `${rule.radiusM} m, ${rule.withinHours} h`
    : category === 'all'
      ? ''
      : 'none';
  console.log(
    `| ${category} | ${setting} | ${t.repeats} | ${t.links} | ${pct(t.right, t.links)} | ${pct(t.repeatsLinked, t.repeats)} |`,
  );
}
console.log(
  `\nrepeats of a category with a rule not linked to their thing: ${missed.far} stood beyond the radius from its first report, ${missed.near} within it (the first no longer open, or its latest report too long ago, or a nearer other incident)`,
);
console.log(
  `workflow steps refused (reports linked in error, not worked on their own): ${refusedSteps}`,
);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(
  OUT,
  JSON.stringify(
    {
      days: DAYS,
      seed: SEED,
      radiusScale,
      hoursScale,
      reports: planned.length,
      total,
      byCategory: Object.fromEntries(rows),
      refusedSteps,
    },
    null,
    2,
  ),
);
console.log(`wrote ${OUT}`);
