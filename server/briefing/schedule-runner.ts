/**
 * The scheduled briefings' runner, on the one node that leads it (leadRunner, like the
 * analyst): every minute it asks each enabled schedule which period it should have sent
 * by now (shared/domain/schedule-period.ts), adds that send unless the store has it (one
 * per schedule and period, whichever node or try adds it), then claims the sends that
 * are due (new ones, retries, and any a crashed sender left behind once its lease ends)
 * and sends them. A period whose send time came before the schedule existed is not
 * sent: a new monthly schedule does not mail last month's pack at once ("send now" does).
 */
import type { CityPack } from '../../shared/city/types.ts';
import { duePeriod } from '../../shared/domain/schedule-period.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { leadRunner, type LedRunner, type NodeLeadership } from '../ingest/simulator-leader.ts';
import type { ScheduleStore } from '../notify/schedule-store.ts';
import { SEND_LEASE_MS, type BriefingSender } from './schedule-send.ts';
import { ticker } from '../cluster/ticker.ts';

/** Sends claimed per tick: each renders a PDF, so a tick stays short. */
const CLAIM_LIMIT = 10;

export interface ScheduleTickReport {
  added: number;
  delivered: number;
  failed: number;
}

export interface ScheduleRunner {
  /** Runs a tick now (after the one in progress, if any). */
  tick(): Promise<ScheduleTickReport>;
  stop(): Promise<void>;
}

export interface ScheduleRunnerDeps {
  schedules: ScheduleStore;
  sender: BriefingSender;
  pack: CityPack;
  clock: () => Date;
  log: (msg: string) => void;
  /** Between the end of one tick and the next (ms); 0: only when asked. */
  tickMs: number;
}

export function createScheduleRunner(deps: ScheduleRunnerDeps): ScheduleRunner {
  const { schedules, sender, clock, log } = deps;

  const run = async (): Promise<ScheduleTickReport> => {
    const report = { added: 0, delivered: 0, failed: 0 };
    try {
      const now = clock();
      for (const s of await schedules.listSchedules()) {
        if (!s.enabled) continue;
        const slot = duePeriod(s, now, deps.pack.timeZone);
        if (slot.sendAt.getTime() < Date.parse(s.createdAt)) continue;
        const from = slot.from.toISOString();
        const added = await schedules.addSend(
          {
            scheduleId: s.id,
            slot: from,
            periodFrom: from,
            periodTo: slot.to.toISOString(),
            manual: false,
          },
          now,
        );
        if (added) report.added += 1;
      }
      const lease = new Date(now.getTime() + SEND_LEASE_MS);
      for (const send of await schedules.claimDue(now, lease, CLAIM_LIMIT)) {
        if (heartbeat.stopped()) break;
        const done = await sender.deliver(send);
        if (done?.status === 'delivered') report.delivered += 1;
        else report.failed += 1;
      }
    } catch (error) {
      // The store is away: the next tick asks again; claimed sends come back when leases end.
      log(`briefings: tick failed: ${String(error)}`);
      report.failed += 1;
    }
    return report;
  };

  const heartbeat = ticker(run, deps.tickMs);
  return { tick: heartbeat.tick, stop: heartbeat.stop };
}

export type RunningSchedules = LedRunner<ScheduleRunner>;

/** Starts the runner on the one node that leads `briefings`; another takes over if it goes. */
export function startScheduleRunner(
  deps: ScheduleRunnerDeps & {
    leadership: NodeLeadership;
    service: { catchUp(): Promise<unknown> };
  },
): Promise<RunningSchedules> {
  return leadRunner({
    name: 'briefings',
    leadership: deps.leadership,
    service: deps.service,
    create: () => createScheduleRunner(deps),
    log: deps.log,
  });
}

export const DEFAULT_SCHEDULE_TICK_MS = MINUTE_MS;
