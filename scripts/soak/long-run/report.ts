/**
 * The long soak's minute rows, its table (Markdown, for BENCHMARKS.md) and its verdict:
 * no client lost an event and the server's memory grew at most 10 % after the baseline
 * minute (10, or half the run when it is shorter). The pages' heaps are reported, not judged:
 * a saw-tooth of garbage collection needs a person's eye, and the numbers are in the JSON.
 */
import type { ViewSample } from '../soak-views.ts';
import type { ClientsSample } from './clients.ts';
import type { ServerMemory } from './server-process.ts';

export interface MinuteRow {
  minute: number;
  at: string;
  load1: number;
  seqHead: number;
  /** Events appended per second since the previous row. */
  eventsPerSec: number;
  /** Reports (incident.reported) per minute since the previous row, as client 0 saw them. */
  reportsPerMin: number;
  server: ServerMemory;
  clients: ClientsSample;
  wall: ViewSample & { behind: number };
  ops: ViewSample & { behind: number };
}

export const MAX_SERVER_GROWTH = 0.1;

export const baselineMinute = (minutes: number) => Math.min(10, Math.floor(minutes / 2));

const mb = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

export function table(rows: readonly MinuteRow[]): string {
  const head =
    '| Min | Load 1m | Seq head | Events/s | Reports/min | Server RSS MB | Server heap MB (after GC) | Window | Clients ok | Gaps (resumed) | Lost | Wall heap MB | Console heap MB | Both LIVE | Wall / console behind |';
  const rule = `|${head
    .split('|')
    .slice(1, -1)
    .map(() => ' --- ')
    .join('|')}|`;
  const lines = rows.map((r) => {
    const c = r.clients;
    const live = r.wall.connection === 'live' && r.ops.connection === 'live';
    return `| ${r.minute} | ${r.load1.toFixed(2)} | ${r.seqHead} | ${r.eventsPerSec.toFixed(2)} | ${r.reportsPerMin} | ${mb(r.server.rssMB)} | ${mb(r.server.heapUsedMB)} (${mb(r.server.heapAfterGcMB)}) | ${r.wall.incidents} | ${c.ok}/${c.clients} | ${c.totals.gaps} (${c.totals.resumedEvents}) | ${c.totals.lost} | ${mb(r.wall.heapMB)} | ${mb(r.ops.heapMB)} | ${live ? 'yes' : `no (${r.wall.connection}/${r.ops.connection})`} | ${r.wall.behind} / ${r.ops.behind} |`;
  });
  return [head, rule, ...lines].join('\n');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};

export interface Verdict {
  ok: boolean;
  baselineMinute: number;
  /** Largest server RSS at or after the baseline minute over the RSS at it, minus 1. */
  serverRssGrowth: number;
  serverRssFinalGrowth: number;
  serverHeapGrowth: number;
  /** The same for the heap after a full collection: growth of what the server holds. */
  serverHeapAfterGcGrowth: number;
  lost: number;
  malformed: number;
  behindAtEnd: number;
  /** Median heap over the five minutes from the baseline and over the last five, in MB. */
  wallHeap: { atBaseline: number; atEnd: number };
  opsHeap: { atBaseline: number; atEnd: number };
  failures: string[];
}

export function verdict(
  rows: readonly MinuteRow[],
  minutes: number,
  end: { behind: number; clients: ClientsSample },
): Verdict {
  const b = baselineMinute(minutes);
  const base = rows.find((r) => r.minute === b) ?? rows[0]!;
  const after = rows.filter((r) => r.minute >= b);
  const last = rows[rows.length - 1]!;
  const growth = (pick: (r: MinuteRow) => number) => Math.max(...after.map(pick)) / pick(base) - 1;
  const early = rows.filter((r) => r.minute >= b && r.minute < b + 5);
  const late = rows.slice(-5);
  const heap = (pick: (r: MinuteRow) => number) => ({
    atBaseline: median(early.map(pick)),
    atEnd: median(late.map(pick)),
  });
  const v: Verdict = {
    ok: true,
    baselineMinute: b,
    serverRssGrowth: growth((r) => r.server.rssMB),
    serverRssFinalGrowth: last.server.rssMB / base.server.rssMB - 1,
    serverHeapGrowth: growth((r) => r.server.heapUsedMB),
    serverHeapAfterGcGrowth: growth((r) => r.server.heapAfterGcMB),
    lost: end.clients.totals.lost,
    malformed: end.clients.totals.malformed,
    behindAtEnd: end.behind,
    wallHeap: heap((r) => r.wall.heapMB),
    opsHeap: heap((r) => r.ops.heapMB),
    failures: [],
  };
  if (v.lost > 0)
    v.failures.push(`${v.lost} events lost by clients (never received, even after resume)`);
  if (v.malformed > 0) v.failures.push(`${v.malformed} malformed batches`);
  if (v.behindAtEnd > 0) v.failures.push(`${v.behindAtEnd} clients never reached the log's head`);
  if (end.clients.connected < end.clients.clients)
    v.failures.push(
      `${end.clients.clients - end.clients.connected} clients disconnected at the end`,
    );
  if (!(v.serverRssGrowth <= MAX_SERVER_GROWTH))
    v.failures.push(
      `server RSS grew ${(v.serverRssGrowth * 100).toFixed(1)} % after minute ${b} (limit ${MAX_SERVER_GROWTH * 100} %)`,
    );
  v.ok = v.failures.length === 0;
  return v;
}
