/**
 * `npm run simulate -- --url http://localhost:8080 --speed 60 …`: runs the Jakarta
 * simulator against a running server over its public HTTP API, as a demo feed or as load.
 * Stops on SIGINT/SIGTERM or after --duration seconds and prints a one-line summary.
 */
import { parseArgs } from 'node:util';
import { createSimulator } from './runner.ts';
import type { SimulatorStats } from './runner.ts';
import { createHttpSink } from './sink.ts';

const USAGE = `Usage: npm run simulate -- [options]

  --url URL             server base URL (default http://localhost:8080)
  --token TOKEN         bearer token for the API (default: $NAKHODA_TOKEN, if set)
  --seed N              integer seed; the same seed plays the same city (default 7)
  --speed X             simulated time per real time for the workflow (default 60)
  --rate N              exactly N reports per real minute, for load (default: the city's
                        calibrated rhythm, about 500 a day, times the speed)
  --backfill-days N     first send the last N days of history (default 0; for an empty database)
  --duration S          stop after S seconds of live running (default 0: until Ctrl-C)
  --rain-now            start a 3-hour downpour (simulated) now: a flood surge for the demo
  -h, --help            show this help`;

interface CliArgs {
  url: string;
  token: string | undefined;
  seed: number;
  speed: number;
  rate: number | undefined;
  backfillDays: number;
  duration: number;
  rainNow: boolean;
}

class UsageError extends Error {}

function number(
  name: string,
  raw: string | undefined,
  fallback: number,
  check: (n: number) => boolean,
  rule: string,
): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new UsageError(`--${name}: expected ${rule}, got '${raw}'`);
  }
  return n;
}

function parse(argv: string[]): CliArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      rate: { type: 'string' },
      'backfill-days': { type: 'string' },
      duration: { type: 'string' },
      'rain-now': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const url = values.url ?? 'http://localhost:8080';
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new UsageError(
      `--url: expected an http(s) URL such as http://localhost:8080, got '${url}'`,
    );
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') {
    throw new UsageError(`--url: expected an http(s) URL, got '${url}'`);
  }
  if (values['rain-now'] && values.rate !== undefined) {
    throw new UsageError(
      '--rain-now needs the city rhythm: --rate plays a steady load without weather',
    );
  }
  const rate =
    values.rate === undefined
      ? undefined
      : number(
          'rate',
          values.rate,
          0,
          (n) => n > 0 && n <= 100_000,
          'a number of reports per minute, > 0 and ≤ 100000',
        );
  return {
    url,
    token: values.token ?? (process.env.NAKHODA_TOKEN || undefined),
    seed: number(
      'seed',
      values.seed,
      7,
      (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff,
      'an integer from 0 to 4294967295',
    ),
    speed: number(
      'speed',
      values.speed,
      60,
      (n) => n > 0 && n <= 100_000,
      'a number > 0 and ≤ 100000',
    ),
    rate,
    backfillDays: number(
      'backfill-days',
      values['backfill-days'],
      0,
      (n) => n >= 0 && n <= 90,
      'a number of days from 0 to 90',
    ),
    duration: number(
      'duration',
      values.duration,
      0,
      (n) => n >= 0,
      'a number of seconds ≥ 0 (0: run until stopped)',
    ),
    rainNow: values['rain-now'] ?? false,
  };
}

const summary = (s: SimulatorStats, seconds: number) =>
  `simulator: sent ${s.reports} reports and ${s.updates} updates` +
  `${s.existing ? ` (${s.existing} reports already there)` : ''}, ${s.failed} failed, in ${seconds.toFixed(0)} s`;

async function main(): Promise<number> {
  let args: CliArgs | 'help';
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    // parseArgs throws TypeErrors with a readable message for unknown or malformed options.
    console.error(`simulate: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }

  const log = (msg: string) => console.log(`${new Date().toISOString()} ${msg}`);
  const began = Date.now();
  const sim = createSimulator({
    sink: createHttpSink({
      baseUrl: args.url,
      ...(args.token ? { token: args.token } : {}),
      // Load counts what the server refuses; a demo feed waits its turn.
      retryRateLimited: args.rate === undefined,
      log,
    }),
    seed: args.seed,
    speed: args.speed,
    ...(args.rate !== undefined ? { ratePerMinute: args.rate } : {}),
    ...(args.rainNow
      ? { rain: { episodes: [{ startAt: new Date(), hours: 3, intensity: 1.5 }] } }
      : {}),
    log,
  });

  let stopping: Promise<void> | null = null;
  const stop = (why: string) => {
    if (!stopping) {
      log(`simulator: stopping (${why})`);
      stopping = sim.stop();
    }
    return stopping;
  };
  let durationTimer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => {
    const finish = (why: string) => void stop(why).then(resolve);
    process.once('SIGINT', () => finish('SIGINT'));
    process.once('SIGTERM', () => finish('SIGTERM'));
    void (async () => {
      if (args.backfillDays > 0) {
        log(`simulator: backfilling ${args.backfillDays} days into ${args.url}`);
        await sim.backfill(args.backfillDays);
      }
      if (stopping) return;
      sim.start();
      // Counted from the start of live running; the backfill takes as long as it takes.
      if (args.duration > 0)
        durationTimer = setTimeout(
          () => finish(`${args.duration} s elapsed`),
          args.duration * 1000,
        );
    })().catch((err: unknown) => {
      log(`simulator: ${err instanceof Error ? err.message : String(err)}`);
      finish('error');
    });
  });
  await done;
  clearTimeout(durationTimer);
  const s = sim.stats();
  console.log(summary(s, (Date.now() - began) / 1000));
  // Nothing got through at all: say so in the exit status, for scripts.
  return s.failed > 0 && s.reports + s.updates + s.existing === 0 ? 1 : 0;
}

process.exitCode = await main();
