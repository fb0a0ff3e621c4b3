/**
 * Runs wrk with `ingest.wrk.lua` against one URL and reads the JSON line the script prints:
 * request count, status counts and latency percentiles. Shared by bench:http and
 * bench:cluster. RUN_ID makes each run's external ids unique, so no post is a duplicate.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LUA = fileURLToPath(new URL('./ingest.wrk.lua', import.meta.url));

export interface WrkResult {
  requests: number;
  seconds: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  statuses: Record<string, number>;
}

export function wrk(opts: {
  url: string;
  token: string;
  connections: number;
  seconds: number;
  /** Reports per request on the bulk route; 0 posts one report a request. */
  batch: number;
  runId: string;
}): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'wrk',
      [
        '-t2',
        `-c${opts.connections}`,
        `-d${opts.seconds}s`,
        '--latency',
        '-s',
        LUA,
        '--timeout',
        '30s',
        opts.url,
      ],
      {
        env: {
          ...process.env,
          BENCH_TOKEN: opts.token,
          BATCH: String(opts.batch),
          RUN_ID: opts.runId,
        },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const line = out.split('\n').find((l) => l.startsWith('WRK '));
      if (!line) return reject(new Error(`wrk printed no result:\n${out}`));
      resolve(JSON.parse(line.slice(4)) as WrkResult);
    });
  });
}

/** Acknowledged reports of a run (201 created, 200 duplicate), refusing any other status. */
export function acknowledged(r: WrkResult, batch: number): number {
  const other = Object.entries(r.statuses).filter(([s]) => s !== '201' && s !== '200');
  if (other.length) throw new Error(`unexpected statuses ${JSON.stringify(r.statuses)}`);
  return ((r.statuses['201'] ?? 0) + (r.statuses['200'] ?? 0)) * Math.max(batch, 1);
}
