/**
 * Plays the plan into a sink. `backfill` sends recent history at once with its real past
 * timestamps; `start` runs live, `speed` times faster than real time, planning a chunk of
 * simulated time at a time so memory stays flat for weeks. Timers never throw: every
 * failure is counted and logged, and the simulation goes on.
 */
import type { UpdateIncidentInput } from '../../../shared/domain/schemas.ts';
import { DAY_MS, HOUR_MS } from './calibration.ts';
import type { PlannedIncident, PlanOptions } from './plan.ts';
import { planIncidents } from './plan.ts';
import type { SimulatorSink } from './sink.ts';

export interface SimulatorOptions {
  sink: SimulatorSink;
  seed: number;
  /** Simulated time per real time, e.g. 60: a simulated hour each real minute. */
  speed: number;
  /**
   * For load: exactly this many reports per real minute, evenly spaced, instead of the
   * city's rhythm; a backfill then sends its days at that rate too.
   */
  ratePerMinute?: number;
  clock?: () => Date;
  log?: (msg: string) => void;
  /** Rain for the plan: seasonal by default; add episodes for a demo downpour. */
  rain?: PlanOptions['rain'];
}

export interface SimulatorStats {
  /** Reports that created an incident. */
  reports: number;
  /** Reports the server already had (same source and externalId): their workflow is left alone. */
  existing: number;
  updates: number;
  failed: number;
}

export interface Simulator {
  /** Sends the last `days` days (for an empty database); resolves to the number of incidents created. */
  backfill(days: number): Promise<number>;
  start(): void;
  /** Clears every timer and waits for sends in flight. Final: a stopped simulator does not restart. */
  stop(): Promise<void>;
  stats(): SimulatorStats;
}

interface TimedStep {
  /** Simulated time of the step (epoch ms). */
  at: number;
  change: UpdateIncidentInput;
}

/** Failures are logged in full at first, then sampled, so a dead server does not flood the log. */
const FAILURES_LOGGED_IN_FULL = 10;
const FAILURE_LOG_EVERY = 100;
const BACKFILL_PROGRESS_EVERY = 1000;

const timedSteps = (inc: PlannedIncident): TimedStep[] =>
  inc.steps.map((s) => ({ at: inc.reportAt.getTime() + s.afterMs, change: s.change }));

export function createSimulator(opts: SimulatorOptions): Simulator {
  const { sink, seed, speed } = opts;
  if (!Number.isFinite(speed) || speed <= 0)
    throw new Error(`simulator: speed must be a positive number, got ${speed}`);
  if (
    opts.ratePerMinute !== undefined &&
    !(opts.ratePerMinute > 0 && Number.isFinite(opts.ratePerMinute))
  ) {
    throw new Error(
      `simulator: ratePerMinute must be a positive number, got ${opts.ratePerMinute}`,
    );
  }
  if (!Number.isInteger(seed)) throw new Error(`simulator: seed must be an integer, got ${seed}`);
  const clock = opts.clock ?? (() => new Date());
  const now = () => clock().getTime();
  const log = opts.log ?? (() => undefined);
  const stats: SimulatorStats = { reports: 0, existing: 0, updates: 0, failed: 0 };

  const timers = new Set<ReturnType<typeof setTimeout>>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let started = false;

  const fail = (what: string, err: unknown) => {
    stats.failed++;
    if (stats.failed <= FAILURES_LOGGED_IN_FULL || stats.failed % FAILURE_LOG_EVERY === 0) {
      const msg = err instanceof Error ? err.message : String(err);
      log(`simulator: ${what} failed (${stats.failed} failures so far): ${msg}`);
    }
  };

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  /** Runs `fn` after `delayMs` of real time; whatever it throws is logged, never rethrown. */
  const schedule = (delayMs: number, what: string, fn: () => Promise<void> | void) => {
    if (stopped) return;
    const handle = setTimeout(
      () => {
        timers.delete(handle);
        if (stopped) return;
        const run = (async () => {
          try {
            await fn();
          } catch (err) {
            fail(what, err);
          }
        })();
        void track(run);
      },
      Math.max(0, delayMs),
    );
    timers.add(handle);
  };

  /** Sends the steps one after another at their real times; a step that fails ends the chain. */
  const chainSteps = (
    id: string,
    steps: readonly TimedStep[],
    toReal: (simMs: number) => number,
  ) => {
    const next = (i: number) => {
      const step = steps[i];
      if (!step) return;
      schedule(toReal(step.at) - now(), `update of ${id}`, async () => {
        await sink.update(id, step.change);
        stats.updates++;
        next(i + 1);
      });
    };
    next(0);
  };

  async function backfill(days: number): Promise<number> {
    if (!(days > 0) || !Number.isFinite(days)) return 0;
    const toMs = now();
    const plan = planIncidents({
      seed,
      from: new Date(toMs - days * DAY_MS),
      to: new Date(toMs),
      ...(opts.rain ? { rain: opts.rain } : {}),
      // A load run's history at its own rate, so the live window starts as full as it will stay.
      ...(opts.ratePerMinute !== undefined
        ? { ratePerDay: opts.ratePerMinute * 1440, rhythm: 'flat' as const }
        : {}),
    });
    type Action = { at: number; incident: number; step: UpdateIncidentInput | null };
    const actions: Action[] = [];
    const future = new Map<number, TimedStep[]>();
    plan.forEach((inc, i) => {
      actions.push({ at: inc.reportAt.getTime(), incident: i, step: null });
      const steps = timedSteps(inc);
      const due = steps.filter((s) => s.at <= toMs);
      for (const s of due) actions.push({ at: s.at, incident: i, step: s.change });
      if (due.length < steps.length) future.set(i, steps.slice(due.length));
    });
    // Stable sort: an incident's report precedes its steps (steps are at least 30 s later anyway).
    actions.sort((a, b) => a.at - b.at);

    const ids: (string | undefined)[] = new Array<string | undefined>(plan.length);
    let created = 0;
    log(
      `simulator: backfilling ${plan.length} reports over ${days} days (${actions.length} commands)`,
    );
    for (const action of actions) {
      if (stopped) break;
      const inc = plan[action.incident];
      if (!inc) continue;
      const at = new Date(action.at).toISOString();
      if (action.step === null) {
        try {
          const res = await track(sink.report({ ...inc.report, reportedAt: at }));
          if (res.created) {
            ids[action.incident] = res.id;
            created++;
            stats.reports++;
            if (created % BACKFILL_PROGRESS_EVERY === 0)
              log(`simulator: backfilled ${created} reports…`);
          } else {
            // Already in the database from an earlier run: its history is already there.
            stats.existing++;
          }
        } catch (err) {
          fail(`backfill report ${inc.report.externalId ?? ''}`, err);
        }
        continue;
      }
      const id = ids[action.incident];
      if (id === undefined) continue;
      try {
        await track(sink.update(id, { ...action.step, occurredAt: at }));
        stats.updates++;
      } catch (err) {
        fail(`backfill update of ${id}`, err);
        // Its later steps would build on a state that never happened.
        ids[action.incident] = undefined;
        future.delete(action.incident);
      }
    }
    if (stats.existing > 0)
      log(`simulator: ${stats.existing} backfill reports were already there; left as they are`);

    // Steps still ahead of now play live, so open incidents stay open and go overdue honestly.
    const anchor = now();
    const toReal = (simMs: number) => anchor + (simMs - anchor) / speed;
    for (const [i, steps] of future) {
      const id = ids[i];
      if (id !== undefined) chainSteps(id, steps, toReal);
    }
    return created;
  }

  function start(): void {
    if (stopped) {
      log('simulator: stopped; start() ignored');
      return;
    }
    if (started) return;
    started = true;
    const realStart = now();
    // Live simulated time starts at the real now, so the day/night rhythm matches the wall clock at first.
    const simStart = realStart;
    const toReal = (simMs: number) => realStart + (simMs - simStart) / speed;
    const toSim = (realMs: number) => simStart + (realMs - realStart) * speed;
    // At high speed an hour of simulated time is too short a chunk to bother a timer with.
    const chunkMs = Math.max(HOUR_MS, 1000 * speed);
    const plan: Pick<PlanOptions, 'ratePerDay' | 'rhythm' | 'rain' | 'externalIdPrefix'> = {
      // Distinct from backfill and from other runs: live reports are new reports.
      externalIdPrefix: `sim${seed}-${realStart.toString(36)}`,
      ...(opts.rain ? { rain: opts.rain } : {}),
    };
    if (opts.ratePerMinute !== undefined) {
      // A simulated day lasts 1440/speed real minutes.
      plan.ratePerDay = (opts.ratePerMinute * 1440) / speed;
      plan.rhythm = 'flat';
    }
    let cursor = simStart;

    const sendLive = async (inc: PlannedIncident) => {
      const res = await sink.report(inc.report);
      if (!res.created) {
        stats.existing++;
        return;
      }
      stats.reports++;
      chainSteps(res.id, timedSteps(inc), toReal);
    };

    const planAhead = () => {
      // Planned up to two chunks ahead; woken when the last planned chunk begins, so at least one is always ahead.
      const horizon = toSim(now()) + 2 * chunkMs;
      while (cursor < horizon) {
        const from = cursor;
        cursor += chunkMs;
        for (const inc of planIncidents({
          seed,
          from: new Date(from),
          to: new Date(cursor),
          ...plan,
        })) {
          schedule(
            toReal(inc.reportAt.getTime()) - now(),
            `report ${inc.report.externalId ?? ''}`,
            () => sendLive(inc),
          );
        }
      }
      schedule(toReal(cursor - chunkMs) - now(), 'planning', planAhead);
    };
    planAhead();
    const rate =
      opts.ratePerMinute !== undefined
        ? `${opts.ratePerMinute} reports/min`
        : `the city's rhythm × ${speed}`;
    log(`simulator: live at speed ${speed}, ${rate}`);
  }

  async function stop(): Promise<void> {
    stopped = true;
    for (const handle of timers) clearTimeout(handle);
    timers.clear();
    // Sends in flight may schedule follow-ups; `stopped` makes those no-ops.
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return { backfill, start, stop, stats: () => ({ ...stats }) };
}
