/**
 * Small hand-made histories for the Store contract: events made by the shared command
 * rules (decideReport, decideUpdate) on a fixed clock, with the picture the shared reducer
 * makes of them, which every store must reproduce. Field times are hours after T0; the log
 * records every command later, a minute apart, so field-time order and log order differ.
 */
import type { AppendResult, Store } from '../../server/log/store.ts';
import type { Result } from '../../shared/contract.ts';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import type { BackdateContext } from '../../shared/domain/commands.ts';
import { decideLink, decideSplit } from '../../shared/domain/duplicates.ts';
import { decideReport } from '../../shared/domain/report-incident.ts';
import { decideUpdate } from '../../shared/domain/update-incident.ts';
import { DEFAULT_BACKDATE_POLICY, fieldTime } from '../../shared/domain/field-time.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import type { ReportIncidentInput, UpdateIncidentInput } from '../../shared/domain/schemas.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import type {
  DomainEvent,
  Incident,
  IncidentEvent,
  NewEvent,
  Status,
} from '../../shared/domain/types.ts';

export const T0 = Date.parse('2026-11-01T00:00:00.000Z');
/** The field time `h` hours after T0 (UTC ISO). */
export const hour = (h: number): string => new Date(T0 + h * HOUR_MS).toISOString();

const ACTOR = { kind: 'system', id: 'store-contract' } as const;
/** The trusted system may date field times any distance back, as the simulator does. */
const BACKDATE: BackdateContext = { author: 'system', policy: DEFAULT_BACKDATE_POLICY };

export interface History {
  /** What to append, one `append` call each, in this order. */
  batches: NewEvent[][];
  /** The events as a store that started empty must number them. */
  events: DomainEvent[];
  /** The shared reducer's picture of every incident after all batches. */
  incidents: Map<string, Incident>;
  report(id: string, h: number, input?: Partial<ReportIncidentInput>): NewEvent[];
  update(id: string, h: number, input: Omit<UpdateIncidentInput, 'occurredAt'>): NewEvent[];
  /** Status changes as given, bypassing the rules (as logs from before they held can be). */
  raw(id: string, changes: [from: Status, to: Status, h: number][]): NewEvent[];
  /** A supervisor links report `id` to `masterId` as a duplicate (`decideLink`). */
  link(id: string, masterId: string): NewEvent[];
  /** A supervisor splits report `id` from its master (`decideSplit`). */
  split(id: string): NewEvent[];
}

export function makeHistory(prefix = ''): History {
  let loggedAt = T0 + 30 * DAY_MS;
  const history: History = {
    batches: [],
    events: [],
    incidents: new Map(),
    report(id, h, input = {}) {
      return push(
        decideReport(
          {
            source: 'jaki',
            category: 'road_damage',
            location: { lon: 106.82, lat: -6.18 },
            reportedAt: hour(h),
            ...input,
          },
          { pack: JAKARTA, now: clock(), id: prefix + id, actor: ACTOR, backdate: BACKDATE },
        ),
      );
    },
    update(id, h, input) {
      return push(
        decideUpdate(
          history.incidents.get(prefix + id),
          { ...input, occurredAt: hour(h) },
          { pack: JAKARTA, now: clock(), id: prefix + id, actor: ACTOR, backdate: BACKDATE },
        ),
      );
    },
    raw(id, changes) {
      const at = clock().toISOString();
      return push({
        ok: true,
        data: changes.map(([from, to, h]) => ({
          type: 'incident.status_changed' as const,
          incidentId: prefix + id,
          at,
          actor: ACTOR,
          data: { from, to, occurredAt: hour(h), note: null },
        })),
      });
    },
    link(id, masterId) {
      const [reportId, master] = [prefix + id, prefix + masterId];
      return push(
        decideLink(
          history.incidents.get(reportId),
          history.incidents.get(master),
          { reportId, masterId: master, note: null },
          { now: clock(), actor: ACTOR },
        ),
      );
    },
    split(id) {
      return push(
        decideSplit(
          history.incidents.get(prefix + id),
          { reportId: prefix + id, note: null },
          { now: clock(), actor: ACTOR },
        ),
      );
    },
  };
  function clock(): Date {
    loggedAt += MINUTE_MS;
    return new Date(loggedAt);
  }
  function push(decision: Result<NewEvent[]>) {
    if (!decision.ok) throw new Error(decision.error.message);
    for (const e of decision.data) {
      const event = { ...e, seq: history.events.length + 1 } as DomainEvent;
      history.events.push(event);
      history.incidents.set(
        e.incidentId,
        reduceIncident(history.incidents.get(e.incidentId), event as IncidentEvent),
      );
    }
    history.batches.push(decision.data);
    return decision.data;
  }
  return history;
}

/**
 * Eight incidents over three days: every status path, reassignment, escalation, notes, a
 * reopening, three reports at one time (h2), a report logged long after its field time,
 * one external id under two sources, and an incident whose status changes were logged out
 * of field-time order (g: resolved at h14 logged after reopened at h16).
 */
export function cityHistory(): History {
  const h = makeHistory();
  const at = (lon: number, lat: number) => ({ location: { lon, lat } });
  h.report('inc-a', 0, {
    ...at(106.8, -6.18),
    externalId: 'a-1',
    category: 'flooding',
    kelurahanCode: '31.71.01.1001',
    description: 'Genangan air setinggi lutut',
  });
  h.update('inc-a', 1, { status: 'verified' });
  h.update('inc-a', 2, { status: 'dispatched', agency: 'kelurahan', note: 'Tim berangkat' });
  h.update('inc-a', 5, { status: 'resolved' });
  h.update('inc-a', 6, { status: 'closed' });
  h.report('inc-b', 2, {
    ...at(106.82, -6.17),
    source: 'qlue',
    externalId: 'b-1',
    kelurahanCode: '31.71.01.1002',
    description: 'Lubang 50% lajur kiri',
    address: 'Jl. Kebon Sirih No. 18',
  });
  h.update('inc-b', 3, { severity: 'critical', note: 'Dua motor jatuh' });
  h.report('inc-c', 2, {
    ...at(106.85, -6.23),
    source: 'call112',
    category: 'garbage',
    kelurahanCode: '31.74.01.1001',
    description: 'Sampah 50 karung di bantaran',
  });
  h.update('inc-c', 4, { status: 'rejected' });
  h.report('inc-d', 2, { ...at(106.9, -6.3), externalId: 'd-1', category: 'fire' });
  h.update('inc-d', 2.25, { status: 'dispatched' });
  h.update('inc-d', 3, { status: 'in_progress' });
  h.report('inc-e', 30, {
    ...at(106.79, -6.11),
    source: 'field',
    category: 'fallen_tree',
    kelurahanCode: '31.72.01.1005',
  });
  h.update('inc-e', 31, { status: 'dispatched' });
  h.update('inc-e', 32, { status: 'in_progress', note: 'Gergaji dikirim' });
  h.report('inc-f', 40, {
    ...at(106.84, -6.17),
    externalId: 'f-1',
    category: 'street_light',
    kelurahanCode: '31.71.08.1004',
  });
  h.update('inc-f', 40.5, { status: 'dispatched' });
  h.update('inc-f', 41, { status: 'resolved' });
  h.update('inc-f', 45, { status: 'in_progress' });
  h.update('inc-f', 60, { status: 'resolved' });
  h.report('inc-g', 10, { ...at(106.75, -6.25), source: 'simulator', category: 'traffic_jam' });
  h.raw('inc-g', [
    ['received', 'dispatched', 11],
    ['dispatched', 'resolved', 12],
    ['resolved', 'in_progress', 16],
    ['in_progress', 'resolved', 14],
  ]);
  h.report('inc-h', 1, { ...at(106.81, -6.19), source: 'lapor', externalId: 'a-1' });
  return h;
}

/**
 * `count` reports in groups of `perTime` sharing one field time, every other one dispatched
 * an hour later: enough to cross any store's page size, with ties across page edges.
 */
export function crowdHistory(count: number, perTime: number): History {
  const h = makeHistory();
  const batch: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const id = `crowd-${String(i).padStart(5, '0')}`;
    const t = Math.floor(i / perTime);
    batch.push(...h.report(id, t, { location: { lon: 106.7 + (i % 50) * 0.004, lat: -6.2 } }));
    if (i % 2 === 1) batch.push(...h.update(id, t + 1, { status: 'dispatched' }));
  }
  // One batch: the log holds the same events and seqs, appended in a single call.
  h.batches.splice(0, h.batches.length, batch);
  return h;
}

/** The events of `events` with field time in (after, until], in field-time order, then seq. */
export function byOccurrence(events: DomainEvent[], after: string | null, until: string) {
  return events
    .filter((e) => (after === null || fieldTime(e) > after) && fieldTime(e) <= until)
    .sort((a, b) => fieldTime(a).localeCompare(fieldTime(b)) || a.seq - b.seq);
}

/** Appends each batch of `history` in order; returns what each append answered. */
export async function appendAll(store: Store, history: History): Promise<AppendResult[]> {
  const results: AppendResult[] = [];
  for (const batch of history.batches) results.push(await store.append(batch));
  return results;
}

/** Every event in the log, read in pages; fails (rather than hangs) on pages that do not move on. */
export async function wholeLog(store: Store, limit = 1000): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (let after = 0, page = await store.eventsAfter(0, limit); page.length > 0;) {
    if (page[0]!.seq <= after) throw new Error(`eventsAfter(${after}) gave seq ${page[0]!.seq}`);
    events.push(...page);
    after = page[page.length - 1]!.seq;
    page = await store.eventsAfter(after, limit);
  }
  return events;
}

/** Everything an async iterable yields; fails (rather than hangs) past `max` items. */
export async function collect<T>(items: AsyncIterable<T>, max = 100_000): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    if (out.push(item) > max) throw new Error(`more than ${max} items: a read that does not end`);
  }
  return out;
}
