/**
 * One pass over fact columns for one period: what each incident contributes to the
 * KPIs (received, resolved, open at the end, …; definitions in briefing.ts) as a bit
 * set, counted per group. Instead of seven counters per group, each group slot counts
 * how many rows had each combination of bits (128 of them), so a row costs one increment
 * per grouping it belongs to; the counters are summed from the combinations afterwards.
 * A report linked to a master (the `linked` column) sets no bit: it counts only among the
 * period's reports.
 */
import type { CodeArray, FactColumns } from './briefing-columns.ts';
import { MINUTE_MS } from './time.ts';

export const RECEIVED = 0;
export const RESOLVED = 1;
export const RESOLVED_BY_END = 2;
export const OPEN_AT_END = 3;
export const OVERDUE_AT_END = 4;
export const CONCLUDED = 5;
export const MET = 6;
const FLAGS = 7;
const COMBOS = 1 << FLAGS;

/** A grouping of rows (by agency, kelurahan, …): row → `index[codes[row]]`, −1 for none. */
export interface Grouping {
  codes: CodeArray;
  index: Int32Array;
  size: number;
}

export interface PeriodTally {
  /** Per slot (0: all rows; then each grouping's groups in turn), per combination of bits. */
  combos: Int32Array;
  /** Response times (minutes) of the incidents received in the period, and their rows. */
  response: Float64Array;
  responseRows: Int32Array;
  /** Resolution times (minutes) of those received and resolved by the period's end. */
  resolution: Float64Array;
  /** Every report received in the period, linked ones included. */
  reports: number;
}

/** Rows `rows` (all rows when null) of `c` for period [from, to). */
export function tallyPeriod(
  c: FactColumns,
  rows: Int32Array | null,
  from: number,
  to: number,
  voided: Uint8Array,
  groupings: readonly Grouping[],
): PeriodTally {
  const n = rows === null ? c.length : rows.length;
  const slots = 1 + groupings.reduce((s, g) => s + g.size, 0);
  const combos = new Int32Array(slots * COMBOS);
  const response = new Float64Array(n);
  const responseRows = new Int32Array(n);
  const resolution = new Float64Array(n);
  let nResp = 0;
  let nReso = 0;
  let reports = 0;
  const linked = c.linked;
  const { reportedAt, firstResponseAt, resolvedAt, endedAt, responseDueAt, resolveDueAt } = c;
  const status = c.status;
  for (let i = 0; i < n; i++) {
    const r = rows === null ? i : rows[i]!;
    const rep = reportedAt[r]!;
    const fr = firstResponseAt[r]!;
    const res = resolvedAt[r]!;
    const receivedIn = rep >= from && rep < to;
    if (receivedIn) reports++;
    // A linked report is its master's reporter, in no incident figure (duplicates.ts).
    if (linked[r] === 1) continue;
    // Null times are NaN: every comparison with NaN is false, as "not yet" must be.
    let bits = 0;
    const resolvedBy = res < to;
    if (receivedIn) {
      bits |= 1 << RECEIVED;
      if (resolvedBy) {
        bits |= 1 << RESOLVED_BY_END;
        resolution[nReso++] = (res - rep) / MINUTE_MS;
      }
      if (fr < to) {
        response[nResp] = (fr - rep) / MINUTE_MS;
        responseRows[nResp++] = r;
      }
    }
    const resolvedIn = res >= from && resolvedBy;
    if (resolvedIn) bits |= 1 << RESOLVED;
    const openAt = rep < to && !(endedAt[r]! < to);
    const dueAt = resolveDueAt[r]!;
    if (openAt) {
      bits |= 1 << OPEN_AT_END;
      if (dueAt < to || (!(fr < to) && responseDueAt[r]! < to)) bits |= 1 << OVERDUE_AT_END;
    }
    if (voided[status[r]!] === 0) {
      if (resolvedIn) {
        bits |= 1 << CONCLUDED;
        if (res <= dueAt) bits |= 1 << MET;
      } else if (dueAt >= from && dueAt < to && openAt) bits |= 1 << CONCLUDED;
    }
    if (bits === 0) continue;
    combos[bits]!++;
    let base = 1;
    for (const g of groupings) {
      const k = g.index[g.codes[r]!]!;
      if (k >= 0) combos[(base + k) * COMBOS + bits]!++;
      base += g.size;
    }
  }
  return {
    combos,
    response: response.subarray(0, nResp),
    responseRows: responseRows.subarray(0, nResp),
    resolution: resolution.subarray(0, nReso),
    reports,
  };
}

/** The seven counters of slot `slot`, indexed by RECEIVED … MET. */
export function countersOf(t: PeriodTally, slot: number): Int32Array {
  const out = new Int32Array(FLAGS);
  const base = slot * COMBOS;
  for (let bits = 1; bits < COMBOS; bits++) {
    const k = t.combos[base + bits]!;
    if (k === 0) continue;
    for (let f = 0; f < FLAGS; f++) if (bits & (1 << f)) out[f]! += k;
  }
  return out;
}

/**
 * The response times of each group of `g` as segments of one array (a counting sort by
 * group): group k's are `values.subarray(start[k], start[k + 1])`, in no set order.
 */
export function responseByGroup(
  t: PeriodTally,
  g: Grouping,
): { values: Float64Array; start: Int32Array } {
  const start = new Int32Array(g.size + 1);
  const n = t.response.length;
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = g.index[g.codes[t.responseRows[i]!]!]!;
    group[i] = k;
    if (k >= 0) start[k + 1]!++;
  }
  for (let k = 0; k < g.size; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, g.size);
  const sorted = new Float64Array(start[g.size]!);
  for (let i = 0; i < n; i++) {
    const k = group[i]!;
    if (k >= 0) sorted[fill[k]!++] = t.response[i]!;
  }
  return { values: sorted, start };
}
