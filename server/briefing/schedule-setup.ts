/**
 * Scheduled briefings on one node, as createApp mounts them beside the notifications:
 * the sender (every node: "send now" answers where it is asked), the admin routes, and
 * the runner on the node that leads it (server/briefing/schedule-runner.ts).
 */
import type { Router } from 'express';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CityPack } from '../../shared/city/types.ts';
import { briefingSchedulesRouter } from '../http/briefing-schedules.routes.ts';
import type { Store } from '../log/store.ts';
import type { MediaStore } from '../media/media-store.ts';
import type { NotifyOptions } from '../notify/notify-setup.ts';
import type { BriefingFacts } from './briefing-facts.ts';
import {
  DEFAULT_SCHEDULE_TICK_MS,
  startScheduleRunner,
  type RunningSchedules,
} from './schedule-runner.ts';
import { createBriefingSender, type BriefingSender } from './schedule-send.ts';

export interface RunningBriefings {
  sender: BriefingSender;
  router: Router;
  /** The runner's leadership; its runner only on the node that leads. */
  runner: RunningSchedules;
  stop(): Promise<void>;
}

export async function startBriefings(
  opts: NotifyOptions,
  deps: {
    store: Store;
    service: { catchUp(): Promise<unknown> };
    pack: CityPack;
    facts?: BriefingFacts | undefined;
    boundaries?: FeatureCollection<Polygon | MultiPolygon> | undefined;
    /** Photos for the packs' photo proof pages. */
    media?: MediaStore | undefined;
    clock: () => Date;
    log: (msg: string) => void;
    ownUrl: () => string;
  },
): Promise<RunningBriefings> {
  const schedules = opts.store.schedules;
  const sender = createBriefingSender({
    store: deps.store,
    pack: deps.pack,
    facts: deps.facts,
    boundaries: deps.boundaries,
    media: deps.media,
    clock: deps.clock,
    schedules,
    publicUrl: () => (opts.publicUrl ?? deps.ownUrl()).replace(/\/+$/, ''),
    smtp: opts.smtp,
    timeoutMs: opts.timeoutMs ?? 10_000,
    random: opts.random,
    log: deps.log,
  });
  const router = briefingSchedulesRouter({
    schedules,
    sender,
    pack: deps.pack,
    clock: deps.clock,
    email: opts.smtp !== undefined,
  });
  const runner = await startScheduleRunner({
    schedules,
    sender,
    pack: deps.pack,
    clock: deps.clock,
    log: deps.log,
    tickMs: opts.scheduleTickMs ?? DEFAULT_SCHEDULE_TICK_MS,
    leadership: opts.leadership ?? { kind: 'alone' },
    service: deps.service,
  });
  return {
    sender,
    router,
    runner,
    async stop() {
      await runner.stop();
      sender.close();
    },
  };
}
