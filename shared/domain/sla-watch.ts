/**
 * SLA watch: which SLA alerts the analyst raises and clears, decided from the projection's
 * incidents and alerts at `now`. For each open incident's running clock (response until
 * the first response, resolution until resolved):
 * - within its lead of the deadline (city pack `analyst.willBreachLead`): `sla_will_breach`;
 * - past the deadline: `sla_breached`, and the will-breach is cleared `superseded`.
 * An alert is cleared `resolved` once its clock stops (met, or met late: the chase is over),
 * the incident ends (resolved, closed, rejected, duplicate) or has left the projection.
 * An incident assigned to another agency moves its alerts: `alert.updated` cannot change
 * the agency, so the old alert is cleared `resolved` (the note names the new agency) and
 * raised anew under the same id for the new agency, at its desk.
 * Alert ids are fixed per clock, kind and incident, so two nodes cannot raise the same
 * alert twice. A cleared alert comes back when its condition holds again after a
 * `resolved` clear (a reopened incident, a re-assignment); one a person dismissed, or a
 * warning superseded by its breach, does not.
 * A tick looks at every open incident: it compares numbers and allocates only for
 * incidents near or past a deadline with no alert yet.
 */
import { categoryByCode, kelurahanByCode } from '../city/lookup.ts';
import type { CityPack } from '../city/types.ts';
import type {
  Alert,
  AlertChanges,
  AlertText,
  ClearReason,
  EscalationLevel,
  RaisedAlert,
  SlaClockName,
} from './alerts.ts';
import { isActiveAlert, SLA_CLOCKS } from './alerts.ts';
import { timesOf } from './incident-times.ts';
import { isOpen } from './sla.ts';
import { dateTimeFormat, MINUTE_MS } from './time.ts';
import type { Incident } from './types.ts';

/** What the analyst decided to do with one alert; applied in order by the runner. */
export type AlertDecision =
  | { type: 'raise'; alert: RaisedAlert; note: string | null }
  | { type: 'clear'; id: string; reason: ClearReason; note: string }
  | { type: 'escalate'; id: string; to: EscalationLevel; note: string }
  | { type: 'update'; id: string; changes: AlertChanges; note: string | null };

export type SlaAlertKind = 'sla_will_breach' | 'sla_breached';

/** `alert-sla-<clock>-<will|breach>-<incidentId>`: the same on every node. */
export function slaAlertId(clock: SlaClockName, kind: SlaAlertKind, incidentId: string): string {
  return `alert-sla-${clock}-${kind === 'sla_breached' ? 'breach' : 'will'}-${incidentId}`;
}

const CLOCK_NAMES: Record<SlaClockName, AlertText> = {
  response: { id: 'respons', en: 'Response' },
  resolution: { id: 'penyelesaian', en: 'Resolution' },
};

/** A duration for people: "12 menit" / "12 min", "3 jam 5 menit" / "3 h 5 min", "2 hari 4 jam". */
export function spanText(ms: number): AlertText {
  const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  if (minutes < 1) return { id: 'kurang dari 1 menit', en: 'under a minute' };
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0)
    return h
      ? { id: `${d} hari ${h} jam`, en: `${d} d ${h} h` }
      : { id: `${d} hari`, en: `${d} d` };
  if (h > 0)
    return m
      ? { id: `${h} jam ${m} menit`, en: `${h} h ${m} min` }
      : { id: `${h} jam`, en: `${h} h` };
  return { id: `${m} menit`, en: `${m} min` };
}

/** Leads (ms) per category, [response, resolution], built once per pack. */
const LEADS = new WeakMap<object, Map<string, readonly [number, number]>>();

function leadTable(
  pack: Pick<CityPack, 'analyst' | 'categories'>,
): Map<string, readonly [number, number]> {
  let table = LEADS.get(pack);
  if (!table) {
    const { fraction, maxMinutes, categories } = pack.analyst.willBreachLead;
    const lead = (code: string, clock: SlaClockName, windowMinutes: number) =>
      (categories[code]?.[clock] ?? Math.min(windowMinutes * fraction, maxMinutes)) * MINUTE_MS;
    table = new Map();
    for (const c of pack.categories) {
      table.set(c.code, [
        lead(c.code, 'response', c.sla.responseMinutes),
        lead(c.code, 'resolution', c.sla.resolveMinutes),
      ]);
    }
    LEADS.set(pack, table);
  }
  return table;
}

/** A category the pack no longer has: no lead, so only its breaches are reported. */
const NO_LEAD = [0, 0] as const;

/** How long before a category's clock runs out its will-breach warning is raised (ms). */
export function willBreachLeadMs(
  pack: Pick<CityPack, 'analyst' | 'categories'>,
  category: string,
  clock: SlaClockName,
): number {
  return (leadTable(pack).get(category) ?? NO_LEAD)[clock === 'response' ? 0 : 1];
}

/** What is wrong with the pack's will-breach leads (empty when sound). */
export function leadProblems(pack: Pick<CityPack, 'analyst' | 'categories'>): string[] {
  const { fraction, maxMinutes, categories } = pack.analyst.willBreachLead;
  const problems: string[] = [];
  const at = 'analyst.willBreachLead';
  if (!(fraction > 0 && fraction < 1)) problems.push(`${at}.fraction: must be between 0 and 1`);
  if (!(maxMinutes > 0 && Number.isFinite(maxMinutes))) {
    problems.push(`${at}.maxMinutes: must be a positive number of minutes`);
  }
  for (const [code, clocks] of Object.entries(categories)) {
    const category = pack.categories.find((c) => c.code === code);
    if (!category) problems.push(`${at}.categories.${code}: no such category in this pack`);
    for (const [clock, minutes] of Object.entries(clocks)) {
      const window =
        clock === 'response' ? category?.sla.responseMinutes : category?.sla.resolveMinutes;
      if (!(SLA_CLOCKS as readonly string[]).includes(clock)) {
        problems.push(
          `${at}.categories.${code}.${clock}: not an SLA clock (${SLA_CLOCKS.join(', ')})`,
        );
      } else if (!(minutes! > 0) || (window !== undefined && minutes! >= window)) {
        problems.push(
          `${at}.categories.${code}.${clock}: must be positive and shorter than the clock's ${window ?? '?'} minutes`,
        );
      }
    }
  }
  return problems;
}

/** Where the incident is, for people: its kelurahan, else its address (shortened). */
function placeOf(pack: CityPack, incident: Incident): string | null {
  const kelurahan = incident.kelurahanCode && kelurahanByCode(pack, incident.kelurahanCode);
  if (kelurahan) return kelurahan.name;
  const address = incident.address?.trim();
  if (!address) return null;
  return address.length > 60 ? `${address.slice(0, 59)}…` : address;
}

/**
 * A deadline for people, in the city's zone: "27 Nov 07.57 WIB" / "27 Nov, 07:57 WIB". The
 * zone's name is the one Indonesian gives it (WIB, WITA, WIT), in both languages.
 */
function dueText(pack: CityPack, dueMs: number, locale: 'id-ID' | 'en-GB'): string {
  const zone =
    dateTimeFormat('id-ID', { timeZone: pack.timeZone, timeZoneName: 'short' })
      .formatToParts(dueMs)
      .find((p) => p.type === 'timeZoneName')?.value ?? pack.timeZone;
  const when = dateTimeFormat(locale, {
    timeZone: pack.timeZone,
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(dueMs);
  return `${when} ${zone}`;
}

/** The alert an incident's clock calls for at `nowMs`. */
function slaAlert(
  pack: CityPack,
  incident: Incident,
  clock: SlaClockName,
  kind: SlaAlertKind,
  dueMs: number,
  nowMs: number,
): RaisedAlert {
  const category = categoryByCode(pack, incident.category)?.name ?? {
    id: incident.category,
    en: incident.category,
  };
  const place = placeOf(pack, incident);
  const span = spanText(dueMs - nowMs);
  const due = { id: dueText(pack, dueMs, 'id-ID'), en: dueText(pack, dueMs, 'en-GB') };
  const what = CLOCK_NAMES[clock];
  const breached = kind === 'sla_breached';
  const summary: AlertText = breached
    ? {
        id: `Batas waktu ${what.id} terlewati: ${category.id}${place ? ` di ${place}` : ''}, terlambat ${span.id} (jatuh tempo ${due.id})`,
        en: `${what.en} deadline missed: ${category.en}${place ? ` in ${place}` : ''}, ${span.en} late (due ${due.en})`,
      }
    : {
        id: `Batas waktu ${what.id} hampir habis: ${category.id}${place ? ` di ${place}` : ''}, sisa ${span.id} (jatuh tempo ${due.id})`,
        en: `${what.en} deadline near: ${category.en}${place ? ` in ${place}` : ''}, ${span.en} left (due ${due.en})`,
      };
  return {
    id: slaAlertId(clock, kind, incident.id),
    kind,
    severity: breached ? 'critical' : 'warning',
    agency: incident.agency,
    category: incident.category,
    incidentIds: [incident.id],
    clock,
    area: null,
    summary,
    facts: { dueAt: new Date(dueMs).toISOString() },
    raisedAt: new Date(nowMs).toISOString(),
  };
}

/** Bits of the active SLA alerts an incident has, per clock and kind. */
const bit = (clock: SlaClockName, kind: SlaAlertKind): number =>
  (clock === 'response' ? 1 : 4) * (kind === 'sla_breached' ? 2 : 1);

const isSlaKind = (kind: string): kind is SlaAlertKind =>
  kind === 'sla_will_breach' || kind === 'sla_breached';

/** Why an active SLA alert no longer applies (a `resolved` clear), or null while it does. */
function staleNote(pack: CityPack, alert: Alert, incident: Incident | undefined): string | null {
  if (!incident) {
    return 'Laporan sudah selesai dan keluar dari jendela langsung / The incident has ended and left the live window';
  }
  if (!isOpen(incident)) {
    const status = pack.statuses.find((s) => s.code === incident.status)?.name;
    return `Laporan berakhir (${status?.id ?? incident.status}) / The incident ended (${status?.en ?? incident.status})`;
  }
  const stopped = alert.clock === 'response' ? incident.firstResponseAt : incident.resolvedAt;
  if (stopped !== null) {
    return `Jam SLA ${CLOCK_NAMES[alert.clock!].id} berhenti / The ${CLOCK_NAMES[alert.clock!].en.toLowerCase()} clock stopped`;
  }
  if (incident.agency !== alert.agency) {
    const to = pack.agencies.find((a) => a.code === incident.agency)?.short ?? incident.agency;
    return `Dialihkan ke ${to}; peringatan baru untuk dinas itu / Reassigned to ${to}; a new alert goes to that agency`;
  }
  return null;
}

/** May the analyst raise alert `id` now, given what the log holds under that id? */
function mayRaise(prev: Alert | undefined, clearing: ReadonlySet<string>): boolean {
  if (!prev) return true;
  if (isActiveAlert(prev)) return clearing.has(prev.id);
  return prev.clearReason === 'resolved';
}

/**
 * The SLA decisions at `now`: clears first (an alert that no longer applies, an alert
 * moving to another agency), then per incident a raise, each breach followed by the
 * clearing of its superseded warning.
 */
export function slaDecisions(input: {
  incidents: ReadonlyMap<string, Incident>;
  alerts: ReadonlyMap<string, Alert>;
  now: Date;
  pack: CityPack;
}): AlertDecision[] {
  const { incidents, alerts, pack } = input;
  const nowMs = input.now.getTime();
  const out: AlertDecision[] = [];
  const marks = new Map<string, number>();
  const clearing = new Set<string>();
  for (const alert of alerts.values()) {
    if (!isSlaKind(alert.kind) || alert.clock === null || !isActiveAlert(alert)) continue;
    const incidentId = alert.incidentIds[0] ?? '';
    const stale = staleNote(pack, alert, incidents.get(incidentId));
    if (stale) {
      out.push({ type: 'clear', id: alert.id, reason: 'resolved', note: stale });
      clearing.add(alert.id);
    } else {
      marks.set(incidentId, (marks.get(incidentId) ?? 0) | bit(alert.clock, alert.kind));
    }
  }
  const consider = (incident: Incident, clock: SlaClockName, dueMs: number) => {
    const mask = marks.get(incident.id) ?? 0;
    const willBit = bit(clock, 'sla_will_breach');
    if (dueMs > nowMs) {
      if (mask & (willBit | bit(clock, 'sla_breached'))) return;
      const id = slaAlertId(clock, 'sla_will_breach', incident.id);
      if (mayRaise(alerts.get(id), clearing)) {
        out.push({
          type: 'raise',
          alert: slaAlert(pack, incident, clock, 'sla_will_breach', dueMs, nowMs),
          note: null,
        });
      }
      return;
    }
    if (!(mask & bit(clock, 'sla_breached'))) {
      const id = slaAlertId(clock, 'sla_breached', incident.id);
      if (mayRaise(alerts.get(id), clearing)) {
        out.push({
          type: 'raise',
          alert: slaAlert(pack, incident, clock, 'sla_breached', dueMs, nowMs),
          note: null,
        });
      }
    }
    if (mask & willBit) {
      out.push({
        type: 'clear',
        id: slaAlertId(clock, 'sla_will_breach', incident.id),
        reason: 'superseded',
        note: 'Batas waktu terlewati; diganti peringatan pelanggaran / Deadline passed; replaced by the breach alert',
      });
    }
  };
  const leads = leadTable(pack);
  for (const incident of incidents.values()) {
    if (!isOpen(incident)) continue;
    const t = timesOf(incident);
    const [responseLead, resolutionLead] = leads.get(incident.category) ?? NO_LEAD;
    if (t.firstResponse === null && t.responseDue - nowMs <= responseLead) {
      consider(incident, 'response', t.responseDue);
    }
    if (t.resolved === null && t.resolveDue - nowMs <= resolutionLead) {
      consider(incident, 'resolution', t.resolveDue);
    }
  }
  return out;
}
