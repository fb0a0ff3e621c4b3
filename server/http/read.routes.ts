/**
 * Read-only endpoints: the event log, live KPIs, the city pack, health.
 */
import { Router } from 'express';
import type { CityPack } from '../../shared/city/types.ts';
import { redactorFor } from '../../shared/domain/access.ts';
import { liveWindow } from '../../shared/domain/live-window.ts';
import { EventsQuerySchema, zodError } from '../../shared/domain/schemas.ts';
import { statsFor } from '../../shared/domain/stats.ts';
import { allow, principalOf } from './auth.middleware.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import type { Store } from '../log/store.ts';
import { sendError } from './errors.ts';

export function readRouter(deps: {
  service: IncidentService;
  store: Store;
  pack: CityPack;
  clock: () => Date;
  windowHours: number;
}): Router {
  const { service, store, pack, clock, windowHours } = deps;
  const router = Router();

  router.get('/events', allow('events:read'), async (req, res) => {
    const parsed = EventsQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const events = await store.eventsAfter(parsed.data.after, parsed.data.limit);
    const redactor = redactorFor(principalOf(res));
    res.json({
      events: events.map((e) => redactor.event(e)),
      latestSeq: service.projection.seq,
    });
  });

  router.get('/stats', allow('incident:read'), (_req, res) => {
    const now = clock();
    res.json({
      seq: service.projection.seq,
      stats: statsFor(
        liveWindow(service.projection.incidents.values(), now, windowHours),
        pack,
        now,
      ),
    });
  });

  router.get('/city', (_req, res) => {
    // Authenticated data: never kept by shared caches, and revalidated so a logout takes effect.
    res.set('Cache-Control', 'private, no-cache').json(pack);
  });

  return router;
}
