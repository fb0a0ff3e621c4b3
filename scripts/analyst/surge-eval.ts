/**
 * How the surge detector does on the simulator: false alarms per day on normal days, and
 * on rain days how soon the flood surge is raised for the flooded area and how many flood
 * reports that area had by then (the issue asks: before the tenth).
 *
 *   npm run eval:surge -- [days=92] [seed=20261127]
 *
 * The simulator's plan (server/ingest/simulator/plan.ts: the city's rhythm, seasonal rain
 * episodes, flood reports crowding the north coast and the Ciliwung banks) is replayed
 * through the analyst's own rules (shared/domain/surge.ts, surge-model.ts) with the Jakarta
 * pack's settings, ticking every 10 minutes as the server would; the model is relearned
 * each hour from the reports before it, as the server relearns it from its log. One demo
 * downpour (the CLI's `--rain-now`: 3 h at intensity 1.5) is added on the first dry day.
 * Prints a table and writes test-output/analyst/surge-eval.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { categoryByCode } from '../../shared/city/lookup.ts';
import { openedAlert, type Alert, type RaisedAlert } from '../../shared/domain/alerts.ts';
import { cellFor } from '../../shared/domain/h3-bins.ts';
import type { AlertDecision } from '../../shared/domain/sla-watch.ts';
import { surgeDecisions } from '../../shared/domain/surge.ts';
import { learnSurgeModel, surgeCell, type SurgeModel } from '../../shared/domain/surge-model.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { planIncidents } from '../../server/ingest/simulator/plan.ts';
import { episodesFor, type RainEpisode } from '../../server/ingest/simulator/rain.ts';
import { RAIN_FLOOD_TAIL_HOURS } from '../../server/ingest/simulator/calibration.ts';
import { wibDay, wibDayStart } from '../../server/ingest/simulator/wib.ts';
import { replayLinks } from './replay-links.ts';

const DAYS = Number(process.argv[2] ?? 92);
const SEED = Number(process.argv[3] ?? 20261127);
const TICK_MS = 10 * MINUTE_MS;
const OUT = join('test-output', 'analyst', 'surge-eval.json');
/** Settings to try instead of the pack's: SURGE_RAISE_P, SURGE_MIN_COUNT, SURGE_MIN_RATIO, SURGE_CLEAR_P, SURGE_WINDOW_HOURS, SURGE_RECENT_DAYS. */
const tried = Object.fromEntries(
  (
    [
      ['raiseP', 'SURGE_RAISE_P'],
      ['minCount', 'SURGE_MIN_COUNT'],
      ['minRatio', 'SURGE_MIN_RATIO'],
      ['clearP', 'SURGE_CLEAR_P'],
      ['windowHours', 'SURGE_WINDOW_HOURS'],
      ['recentDays', 'SURGE_RECENT_DAYS'],
    ] as const
  ).flatMap(([key, name]) => (process.env[name] ? [[key, Number(process.env[name])]] : [])),
);
const pack = {
  ...JAKARTA,
  analyst: { ...JAKARTA.analyst, surge: { ...JAKARTA.analyst.surge, ...tried } },
};
const settings = pack.analyst.surge;

// Evaluated: DAYS from 1 October 2026 (WIB), the wet season's start; learned from before.
const evalFromMs = wibDayStart(wibDay(Date.parse('2026-10-01T00:00:00+07:00')));
const evalToMs = evalFromMs + DAYS * DAY_MS;
const planFromMs = evalFromMs - settings.historyDays * DAY_MS - DAY_MS;

/** The first day with no seasonal rain touching it gets the demo downpour at 15:00 WIB. */
const seasonal = episodesFor(SEED, evalFromMs, evalToMs, { seasonal: true });
const rainTouches = (dayStart: number, eps: { startMs: number; endMs: number }[]) =>
  eps.some(
    (e) => e.startMs < dayStart + DAY_MS && e.endMs + RAIN_FLOOD_TAIL_HOURS * HOUR_MS > dayStart,
  );
let demoDay = evalFromMs;
while (rainTouches(demoDay, seasonal) || rainTouches(demoDay - DAY_MS, seasonal)) demoDay += DAY_MS;
const demo: RainEpisode = { startAt: new Date(demoDay + 8 * HOUR_MS), hours: 3, intensity: 1.5 };
const episodes = episodesFor(SEED, evalFromMs, evalToMs, { seasonal: true, episodes: [demo] });

console.log(
  `eval:surge: ${DAYS} days from ${new Date(evalFromMs).toISOString()}, seed ${SEED}, ${episodes.length} rain episodes (one a demo downpour)`,
);
const planned = planIncidents({
  seed: SEED,
  from: new Date(planFromMs),
  to: new Date(evalToMs),
  rain: { seasonal: true, episodes: [demo] },
  // SIM_DUPLICATES=off: no duplicate bursts, every report its own incident (as before they were simulated).
  duplicates: process.env.SIM_DUPLICATES !== 'off',
});

// Linked as the server links them (replay-links.ts): surges count incidents, not the
// reports linked to them.
const { masterOf } = replayLinks(planned, pack);

/** A planned report as the projection would hold it, as far as the surge rules read it. */
const incidents: Incident[] = planned.map((p, i) => {
  const at = p.reportAt.toISOString();
  const category = categoryByCode(pack, p.report.category)!;
  return {
    id: `sim-${i}`,
    source: p.report.source,
    externalId: p.report.externalId ?? null,
    category: category.code,
    severity: p.report.severity ?? category.defaultSeverity,
    description: p.report.description ?? '',
    reporter: null,
    location: p.report.location,
    address: p.report.address ?? null,
    kelurahanCode: p.report.kelurahanCode ?? null,
    h3: cellFor(p.report.location.lon, p.report.location.lat, pack.h3Resolution),
    reportedAt: at,
    status: 'received',
    agency: category.agency,
    responseDueAt: at,
    resolveDueAt: at,
    firstResponseAt: null,
    resolvedAt: null,
    endedAt: null,
    updatedAt: at,
    notes: 0,
    lastSeq: i + 1,
    duplicateOf: masterOf[i] === null ? null : `sim-${masterOf[i]}`,
  };
});
const times = incidents.map((i) => Date.parse(i.reportedAt));
const rows = incidents.flatMap((i, k) =>
  i.duplicateOf ? [] : [{ category: i.category, h3: i.h3, reportedAtMs: times[k]! }],
);

interface Raised {
  alert: RaisedAlert;
  atMs: number;
}
const raised: Raised[] = [];
const alerts = new Map<string, Alert>();
const apply = (d: AlertDecision, atMs: number) => {
  if (d.type === 'raise') {
    raised.push({ alert: d.alert, atMs });
    alerts.set(d.alert.id, openedAlert(d.alert, d.alert.raisedAt, 0));
  } else if (d.type === 'update') {
    const a = alerts.get(d.id)!;
    alerts.set(d.id, { ...a, ...d.changes });
  } else if (d.type === 'clear') {
    alerts.delete(d.id);
  }
};

let model: SurgeModel | null = null;
let lo = 0;
let hi = 0;
const window = new Map<string, Incident>();
const started = performance.now();
for (let now = evalFromMs; now < evalToMs; now += TICK_MS) {
  while (hi < incidents.length && times[hi]! <= now) {
    window.set(incidents[hi]!.id, incidents[hi]!);
    hi++;
  }
  while (lo < hi && times[lo]! <= now - settings.windowHours * HOUR_MS) {
    window.delete(incidents[lo]!.id);
    lo++;
  }
  if (!model || now - model.builtAtMs >= HOUR_MS) model = learnSurgeModel(rows, now, pack);
  for (const d of surgeDecisions({ incidents: window, alerts, now: new Date(now), model, pack })) {
    apply(d, now);
  }
}
const seconds = (performance.now() - started) / 1000;

// Days: rain days are those any episode (with its flood tail) touches; the rest are normal.
const dayStarts = Array.from({ length: DAYS }, (_, k) => evalFromMs + k * DAY_MS);
const normalDays = dayStarts.filter((d) => !rainTouches(d, episodes));
const onNormalDay = (ms: number) => normalDays.some((d) => ms >= d && ms < d + DAY_MS);
const falseAlarms = raised.filter((r) => onNormalDay(r.atMs));
const falseByGroup: Record<string, number> = {};
for (const r of falseAlarms)
  falseByGroup[r.alert.category!] = (falseByGroup[r.alert.category!] ?? 0) + 1;

/**
 * Flood reports in an alert's cells from `fromMs` up to and including `toMs`: every report,
 * or (`incidentsOnly`) only those not linked to another (the incidents the surge counts).
 */
function floodReportsIn(
  cells: readonly string[],
  fromMs: number,
  toMs: number,
  incidentsOnly = false,
): number {
  const set = new Set(cells);
  let n = 0;
  for (let k = 0; k < incidents.length; k++) {
    const t = times[k]!;
    if (t < fromMs || t > toMs || incidents[k]!.category !== 'flooding') continue;
    if (incidentsOnly && incidents[k]!.duplicateOf) continue;
    if (set.has(surgeCell(incidents[k]!.h3, settings.resolution))) n++;
  }
  return n;
}

const episodeRows = episodes.map((e) => {
  const endMs = e.endMs + RAIN_FLOOD_TAIL_HOURS * HOUR_MS;
  const first = raised.find(
    (r) => r.alert.category === 'water' && r.atMs >= e.startMs && r.atMs <= endMs,
  );
  const others = raised.filter(
    (r) => r.alert.category !== 'water' && r.atMs >= e.startMs && r.atMs <= endMs,
  ).length;
  const water = raised.filter(
    (r) => r.alert.category === 'water' && r.atMs >= e.startMs && r.atMs <= endMs,
  ).length;
  return {
    startAt: new Date(e.startMs).toISOString(),
    hours: Math.round(((e.endMs - e.startMs) / HOUR_MS) * 10) / 10,
    intensity: Math.round(e.intensity * 100) / 100,
    demo: e.startMs === demo.startAt.getTime(),
    detected: first !== undefined,
    delayMinutes: first ? Math.round((first.atMs - e.startMs) / MINUTE_MS) : null,
    place: first?.alert.area?.name ?? null,
    reportsInAreaWhenRaised: first
      ? floodReportsIn(first.alert.area!.cells, e.startMs, first.atMs)
      : null,
    incidentsInAreaWhenRaised: first
      ? floodReportsIn(first.alert.area!.cells, e.startMs, first.atMs, true)
      : null,
    reportsInAreaByEnd: first ? floodReportsIn(first.alert.area!.cells, e.startMs, endMs) : null,
    waterAlerts: water,
    otherAlerts: others,
  };
});

const result = {
  seed: SEED,
  days: DAYS,
  from: new Date(evalFromMs).toISOString(),
  settings,
  tickMinutes: TICK_MS / MINUTE_MS,
  normalDays: normalDays.length,
  falseAlarms: falseAlarms.length,
  falseAlarmsPerNormalDay: normalDays.length ? falseAlarms.length / normalDays.length : null,
  falseAlarmsByGroup: falseByGroup,
  falseAlarmSummaries: falseAlarms.map(
    (r) => `${new Date(r.atMs).toISOString()} ${r.alert.summary.en}`,
  ),
  episodes: episodeRows,
  reports: incidents.length,
  seconds: Math.round(seconds * 10) / 10,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(result, null, 2));

console.log(
  `\nnormal days: ${normalDays.length}; surge alerts on them: ${falseAlarms.length} (${result.falseAlarmsPerNormalDay?.toFixed(3)} a day) ${JSON.stringify(falseByGroup)}`,
);
for (const s of result.falseAlarmSummaries) console.log(`  false alarm: ${s}`);
console.log(
  '\n| Rain starts (UTC) | Hours | Intensity | Flood surge raised after | Flood reports (incidents) in its area by then | Reports by the end | Where | Other surges |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const e of episodeRows) {
  console.log(
    `| ${e.startAt.slice(0, 16)}${e.demo ? ' (demo)' : ''} | ${e.hours} | ${e.intensity} | ${e.detected ? `${e.delayMinutes} min` : 'not raised'} | ${e.reportsInAreaWhenRaised === null ? '–' : `${e.reportsInAreaWhenRaised} (${e.incidentsInAreaWhenRaised})`} | ${e.reportsInAreaByEnd ?? '–'} | ${e.place ?? '–'} | ${e.otherAlerts} |`,
  );
}
const detected = episodeRows.filter((e) => e.detected);
console.log(
  `\n${detected.length}/${episodeRows.length} episodes raised a flood surge; ${detected.filter((e) => e.reportsInAreaWhenRaised! < 10).length} of them before the area's tenth flood report, ${detected.filter((e) => e.incidentsInAreaWhenRaised! < 10).length} before its tenth flood incident. ${incidents.length} reports, ${result.seconds} s. JSON: ${OUT}`,
);
