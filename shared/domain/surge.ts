/**
 * Surges, explained: which surge alerts the analyst raises, grows and clears at `now`,
 * judged against the model of surge-model.ts. Per category group, every area (an H3 cell
 * at the pack's surge resolution with its ring of neighbours) near the window's reports is
 * counted; an area is a surge when its count is at least `minCount`, `minRatio` times what
 * was expected there then, and that many or more would happen by chance with probability
 * below `raiseP` (Poisson upper tail). Overlapping areas report once: the most surprising
 * wins and its neighbours within two rings are left to it. An active surge grows (updated
 * with its new count and reports) while its tail stays below `clearP` and its count at
 * least half of `minCount`, and is cleared `subsided` once not (hysteresis: a surge that
 * barely qualified does not flap).
 * Every surge says what it is, e.g. "9 laporan banjir dalam 3 jam di Penjaringan
 * (perkiraan 1,2)" / "9 flood reports in 3 h in Penjaringan vs 1.2 expected", and lists
 * its reports. Until the model has seen MIN_HISTORY_DAYS of the log none is raised. Pure.
 */
import { countsAsIncident } from './duplicates.ts';
import { cellToLatLng, gridDisk, gridDistance } from 'h3-js';
import { kelurahanByCode } from '../city/lookup.ts';
import type { CityPack } from '../city/types.ts';
import type { Alert, AlertArea, AlertText, RaisedAlert } from './alerts.ts';
import { isActiveAlert } from './alerts.ts';
import type { AlertDecision } from './sla-watch.ts';
import type { GroupModel, SurgeModel } from './surge-model.ts';
import { cityExpected, expectedInArea, poissonUpperTail, surgeCell } from './surge-model.ts';
import { HOUR_MS } from './time.ts';
import type { Incident } from './types.ts';

/** A surge whose tail is this much below `raiseP` is critical. */
const CRITICAL_FACTOR = 1e-3;

/** What one area shows now. */
export interface AreaCount {
  centre: string;
  cells: string[];
  reports: Incident[];
  expected: number;
  p: number;
}

const fixed = (x: number, digits: number, locale: string) =>
  x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** An expectation for people: one decimal, two below 0.1 (so it never reads "0.0"). */
const expectedText = (x: number, locale: string) => fixed(x, x < 0.095 ? 2 : 1, locale);

/** The most common of `values` (ties: the first in order), or null when there are none. */
function mostCommon(values: Iterable<string>): string | null {
  const tally = new Map<string, number>();
  let best: string | null = null;
  for (const v of values) {
    const n = (tally.get(v) ?? 0) + 1;
    tally.set(v, n);
    if (best === null || n > tally.get(best)! || (n === tally.get(best)! && v < best)) best = v;
  }
  return best;
}

/**
 * Where an area is for people: the kelurahan most of its reports are in; else the place
 * most of their addresses end with ("Kec. Tebet"); else its centre's coordinates.
 */
function placeOf(pack: CityPack, reports: readonly Incident[], centre: string) {
  const code = mostCommon(reports.flatMap((r) => (r.kelurahanCode ? [r.kelurahanCode] : [])));
  const unit = code ? kelurahanByCode(pack, code) : undefined;
  const [lat, lon] = cellToLatLng(centre);
  const tail = mostCommon(
    reports.flatMap((r) => {
      const last = r.address?.split(',').pop()?.trim();
      return last && last.length <= 40 ? [last] : [];
    }),
  );
  return {
    kelurahanCode: unit ? code! : null,
    name: unit?.name ?? tail ?? `${lat.toFixed(3)}, ${lon.toFixed(3)}`,
    center: { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 },
  };
}

/** "9 laporan banjir dalam 3 jam di Penjaringan (perkiraan 1,2)" and its English. */
export function surgeSummary(
  group: GroupModel['group'],
  count: number,
  expected: number,
  windowHours: number,
  place: string,
): AlertText {
  return {
    id: `${count} ${group.reports.id} dalam ${windowHours} jam di ${place} (perkiraan ${expectedText(expected, 'id-ID')})`,
    en: `${count} ${group.reports.en} in ${windowHours} h in ${place} vs ${expectedText(expected, 'en-GB')} expected`,
  };
}

/** The one agency a group's categories go to, or null when they go to several. */
function agencyOf(pack: CityPack, group: GroupModel['group']): string | null {
  const agencies = new Set(
    group.categories.map((c) => pack.categories.find((k) => k.code === c)?.agency ?? null),
  );
  return agencies.size === 1 ? [...agencies][0]! : null;
}

const byReportTime = (a: Incident, b: Incident) =>
  a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : a.id < b.id ? -1 : 1;

function near(a: string, b: string, rings: number): boolean {
  try {
    return gridDistance(a, b) <= rings;
  } catch {
    // Cells too far apart (or across a pentagon) for a grid distance: not near.
    return false;
  }
}

function facts(area: AreaCount, windowHours: number, group: string) {
  return {
    count: area.reports.length,
    expected: Math.round(area.expected * 100) / 100,
    p: Number(area.p.toPrecision(2)),
    windowHours,
    group,
  };
}

/**
 * The incidents of each group reported in the window ending at `nowMs`, per cell. A report
 * linked to another incident is not counted (duplicates.ts `countsAsIncident`): forty
 * reports of one burning house are one fire, not a surge of fires.
 */
function windowReports(
  incidents: Iterable<Incident>,
  model: SurgeModel,
  nowMs: number,
): Map<string, Map<string, Incident[]>> {
  const startMs = nowMs - model.settings.windowHours * HOUR_MS;
  const out = new Map<string, Map<string, Incident[]>>();
  for (const incident of incidents) {
    const group = model.groupOf.get(incident.category);
    if (group === undefined || !countsAsIncident(incident)) continue;
    const t = Date.parse(incident.reportedAt);
    if (!(t > startMs && t <= nowMs)) continue;
    const cell = surgeCell(incident.h3, model.settings.resolution);
    let cells = out.get(group);
    if (!cells) out.set(group, (cells = new Map()));
    const list = cells.get(cell);
    if (list) list.push(incident);
    else cells.set(cell, [incident]);
  }
  return out;
}

/** The surge decisions at `now`: per group, the active surges grown or cleared, then new ones. */
export function surgeDecisions(input: {
  incidents: ReadonlyMap<string, Incident>;
  alerts: ReadonlyMap<string, Alert>;
  now: Date;
  model: SurgeModel;
  pack: CityPack;
}): AlertDecision[] {
  const { model, pack } = input;
  const s = model.settings;
  const nowMs = input.now.getTime();
  const reports = windowReports(input.incidents.values(), model, nowMs);
  const active = new Map<string, Alert[]>();
  for (const alert of input.alerts.values()) {
    if (alert.kind !== 'surge' || !isActiveAlert(alert) || !alert.area || !alert.category) continue;
    const list = active.get(alert.category) ?? [];
    list.push(alert);
    active.set(alert.category, list);
  }
  const out: AlertDecision[] = [];
  for (const [code, groupModel] of model.groups) {
    const cells = reports.get(code) ?? new Map<string, Incident[]>();
    const city = cityExpected(model, groupModel, nowMs);
    const count = (centre: string): AreaCount => {
      const area = gridDisk(centre, s.ring);
      const inArea = area.flatMap((c) => cells.get(c) ?? []).sort(byReportTime);
      const expected = expectedInArea(model, groupModel, area, nowMs, city);
      return {
        centre,
        cells: area,
        reports: inArea,
        expected,
        p: poissonUpperTail(inArea.length, expected),
      };
    };
    const covered: string[] = [];
    for (const alert of active.get(code) ?? []) {
      const area = count(alert.area!.h3);
      covered.push(area.centre);
      if (area.p >= s.clearP || area.reports.length < Math.ceil(s.minCount / 2)) {
        out.push({
          type: 'clear',
          id: alert.id,
          reason: 'subsided',
          note: `Mereda: ${area.reports.length} ${groupModel.group.reports.id} dalam ${s.windowHours} jam (perkiraan ${expectedText(area.expected, 'id-ID')}) / Subsided: ${area.reports.length} ${groupModel.group.reports.en} in ${s.windowHours} h vs ${expectedText(area.expected, 'en-GB')} expected`,
        });
        continue;
      }
      const ids = area.reports.map((r) => r.id);
      const grew = ids.some((id) => !alert.incidentIds.includes(id));
      if (!grew) continue;
      const all = [...new Set([...alert.incidentIds, ...ids])];
      out.push({
        type: 'update',
        id: alert.id,
        changes: {
          incidentIds: all,
          severity:
            alert.severity === 'critical' ||
            area.p < (groupModel.group.raiseP ?? s.raiseP) * CRITICAL_FACTOR
              ? 'critical'
              : 'warning',
          summary: surgeSummary(
            groupModel.group,
            area.reports.length,
            area.expected,
            s.windowHours,
            alert.area!.name,
          ),
          facts: facts(area, s.windowHours, code),
        },
        note: null,
      });
    }
    // A model that has not seen enough of the log grows and clears surges but raises none.
    if (!model.ready) continue;
    const centres = new Set<string>();
    for (const cell of cells.keys()) for (const c of gridDisk(cell, s.ring)) centres.add(c);
    const raiseP = groupModel.group.raiseP ?? s.raiseP;
    const surging = [...centres]
      .map(count)
      .filter(
        (a) =>
          a.reports.length >= s.minCount &&
          a.reports.length >= s.minRatio * a.expected &&
          a.p < raiseP,
      )
      .sort(
        (a, b) =>
          a.p - b.p || b.reports.length - a.reports.length || (a.centre < b.centre ? -1 : 1),
      );
    for (const area of surging) {
      if (covered.some((c) => near(c, area.centre, 2 * s.ring))) continue;
      covered.push(area.centre);
      const place = placeOf(pack, area.reports, area.centre);
      const where: AlertArea = { h3: area.centre, cells: area.cells, ...place };
      const alert: RaisedAlert = {
        id: `alert-surge-${code}-${area.centre}-${Math.floor(nowMs / 60_000)}`,
        kind: 'surge',
        severity: area.p < raiseP * CRITICAL_FACTOR ? 'critical' : 'warning',
        agency: agencyOf(pack, groupModel.group),
        category: code,
        incidentIds: area.reports.map((r) => r.id),
        clock: null,
        area: where,
        summary: surgeSummary(
          groupModel.group,
          area.reports.length,
          area.expected,
          s.windowHours,
          place.name,
        ),
        facts: facts(area, s.windowHours, code),
        raisedAt: input.now.toISOString(),
      };
      out.push({ type: 'raise', alert, note: null });
    }
  }
  return out;
}

/** What is wrong with the pack's surge settings (empty when sound). */
export function surgeProblems(pack: Pick<CityPack, 'analyst' | 'categories'>): string[] {
  const s = pack.analyst.surge;
  const at = 'analyst.surge';
  const problems: string[] = [];
  const positive = (name: keyof typeof s, value: number) => {
    if (!(Number.isFinite(value) && value > 0)) problems.push(`${at}.${name}: must be positive`);
  };
  if (!(Number.isInteger(s.resolution) && s.resolution >= 0 && s.resolution <= 15)) {
    problems.push(`${at}.resolution: an H3 resolution, 0–15`);
  }
  if (!(Number.isInteger(s.ring) && s.ring >= 0 && s.ring <= 3)) {
    problems.push(`${at}.ring: 0–3 rings of neighbours`);
  }
  positive('windowHours', s.windowHours);
  positive('historyDays', s.historyDays);
  positive('recentDays', s.recentDays);
  positive('minCount', s.minCount);
  positive('minRatio', s.minRatio);
  if (!(s.raiseP > 0 && s.raiseP < s.clearP && s.clearP < 1)) {
    problems.push(`${at}: needs 0 < raiseP < clearP < 1`);
  }
  const codes = new Set(pack.categories.map((c) => c.code));
  const seen = new Map<string, string>();
  s.groups.forEach((g, k) => {
    if (!/^[a-z][a-z0-9_]*$/.test(g.code)) problems.push(`${at}.groups[${k}].code: a-z, 0-9, _`);
    if (g.raiseP !== undefined && !(g.raiseP > 0 && g.raiseP < s.clearP)) {
      problems.push(`${at}.groups[${k}].raiseP: needs 0 < raiseP < clearP`);
    }
    if (g.categories.length === 0) problems.push(`${at}.groups[${k}].categories: none`);
    for (const c of g.categories) {
      if (!codes.has(c)) problems.push(`${at}.groups[${k}].categories: no category '${c}'`);
      const other = seen.get(c);
      if (other) problems.push(`${at}.groups[${k}].categories: '${c}' is already in '${other}'`);
      seen.set(c, g.code);
    }
  });
  return problems;
}
