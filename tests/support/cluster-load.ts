/**
 * Reports posted by several concurrent workers while a test kills or stops things: every
 * answer is written down with the phase the test was in, and a report that was not
 * acknowledged is sent again with the same externalId (idempotent), as a real source
 * would, so "every acknowledged report is stored" can be checked at the end.
 */
import { api, report } from './harness.ts';

export interface Answer {
  /** HTTP status, or 0 when nothing answered (connection refused or reset). */
  status: number;
  phase: string;
}

export interface PostLoad {
  /** externalIds answered 201 (or 200: already there). */
  acked: Set<string>;
  answers: Answer[];
  /** Resolves once `total` reports are acknowledged (or at once when stopped). */
  done: Promise<void>;
  /** Stops after the requests in flight. */
  stop(): Promise<void>;
}

export interface PostLoadOptions {
  /** Each worker posts to these in turn. */
  targets: string[];
  workers: number;
  prefix: string;
  /** Stop by itself after this many acknowledged reports. */
  total?: number;
  /** The phase each answer is filed under: the one its request was sent in. */
  phase?: () => string;
  /** Wait before sending an unacknowledged report again. */
  retryMs?: number;
}

export function postReports(opts: PostLoadOptions): PostLoad {
  const acked = new Set<string>();
  const answers: Answer[] = [];
  let running = true;
  let next = 0;
  const phase = opts.phase ?? (() => 'run');
  const loops = Array.from({ length: opts.workers }, async (_, w) => {
    let turn = w;
    while (running && (opts.total === undefined || next < opts.total)) {
      const externalId = `${opts.prefix}-${next++}`;
      for (;;) {
        const target = opts.targets[turn++ % opts.targets.length]!;
        const sentIn = phase();
        let status: number;
        try {
          const body = report({ externalId, description: `Laporan ${externalId}` });
          status = (await api(target, 'POST', '/api/v1/incidents', body)).status;
        } catch {
          status = 0;
        }
        answers.push({ status, phase: sentIn });
        if (status === 201 || status === 200) {
          acked.add(externalId);
          break;
        }
        if (!running) break;
        await new Promise((r) => setTimeout(r, opts.retryMs ?? 200));
      }
    }
  });
  const all = Promise.all(loops).then(() => undefined);
  return {
    acked,
    answers,
    done: all,
    stop: async () => {
      running = false;
      await all;
    },
  };
}

/** How many answers of each status a phase got, e.g. {201: 340, 503: 12}. */
export function statusesIn(answers: readonly Answer[], phase: string): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) if (a.phase === phase) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}
