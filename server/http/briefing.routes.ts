/**
 * Leadership endpoints: a period's briefing (KPIs, league tables, hotspots, trends),
 * replay of a window from the event log, and streamed CSV / GeoJSON exports.
 */
import { Router, type Request, type Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { CityPack } from '../../shared/city/types.ts';
import { redactEvent, redactIncident, seesPersonalData } from '../../shared/domain/access.ts';
import { computeBriefing, type IncidentFacts } from '../../shared/domain/briefing.ts';
import { replayInPlace, visibleAt } from '../../shared/domain/replay.ts';
import { IncidentQuerySchema } from '../../shared/domain/schemas.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import { zodError } from '../incident-service.ts';
import type { Store } from '../store/store.ts';
import { statsFor } from '../stream/snapshot.ts';
import { allow, principalOf } from './auth.middleware.ts';
import { sendError } from './errors.ts';
import { csvHeader, csvRow, geojsonFeature } from './export-format.ts';

const DAY = 86_400_000;
const iso = z.iso.datetime({ offset: true });

const period = <T extends z.ZodRawShape>(maxDays: number, extra: T) =>
  z
    .object({ from: iso, to: iso, ...extra })
    .strict()
    .superRefine((p, ctx) => {
      const { from, to } = p as { from: string; to: string };
      const span = Date.parse(to) - Date.parse(from);
      if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      if (span > maxDays * DAY)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `the period may span at most ${maxDays} days`,
        });
    });

const BriefingQuery = period(366, {
  category: z.string().max(64).optional(),
  agency: z.string().max(64).optional(),
  /** A kota (31.71) or kecamatan (31.71.01) code: only incidents placed in it. */
  area: z
    .string()
    .regex(/^\d{2}\.\d{2}(\.\d{2})?$/, 'expected a kota (31.71) or kecamatan (31.71.01) code')
    .optional(),
  minCount: z.coerce.number().int().min(1).max(1000).default(5),
  hotspotResolution: z.coerce.number().int().min(5).max(8).default(8),
});

const ReplayQuery = period(31, {});

/** Replays with more field events than this are refused: ask for a shorter window. */
const MAX_REPLAY_EVENTS = 200_000;

export function briefingRouter(deps: {
  store: Store;
  pack: CityPack;
  windowHours: number;
}): Router {
  const { store, pack, windowHours } = deps;
  const router = Router();

  router.get('/briefing', allow('incident:read'), async (req, res) => {
    const parsed = BriefingQuery.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const q = parsed.data;
    const from = new Date(q.from);
    const to = new Date(q.to);
    const since = new Date(from.getTime() - (to.getTime() - from.getTime())).toISOString();
    const keep = (f: IncidentFacts) =>
      (!q.category || f.category === q.category) &&
      (!q.agency || f.agency === q.agency) &&
      (!q.area || (f.kelurahanCode?.startsWith(`${q.area}.`) ?? false));
    const facts = (await store.briefingFacts(since, to.toISOString())).filter(keep);
    res.json(
      computeBriefing(facts, {
        from,
        to,
        minCount: q.minCount,
        hotspotResolution: q.hotspotResolution,
        categories: pack.categories.map((c) => c.code),
      }),
    );
  });

  router.get('/replay', allow('incident:read'), async (req, res) => {
    const parsed = ReplayQuery.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const from = new Date(parsed.data.from);
    const to = new Date(parsed.data.to);
    const state = new Map<string, Incident>();
    for await (const e of store.iterateByOccurrence(null, from.toISOString()))
      replayInPlace(state, [e]);
    const events: DomainEvent[] = [];
    for await (const e of store.iterateByOccurrence(from.toISOString(), to.toISOString())) {
      events.push(e);
      if (events.length > MAX_REPLAY_EVENTS) {
        return sendError(res, 422, {
          code: 'window_too_busy',
          message: `to: more than ${MAX_REPLAY_EVENTS} events in the window; choose a shorter one`,
          fields: { to: 'window too busy' },
        });
      }
    }
    const initial = visibleAt(state.values(), from, windowHours);
    const full = seesPersonalData(principalOf(res).role);
    res.json({
      from: from.toISOString(),
      to: to.toISOString(),
      windowHours,
      initial: full ? initial : initial.map(redactIncident),
      initialStats: statsFor(initial, pack, from),
      events: full ? events : events.map(redactEvent),
    });
  });

  const exporter = (kind: 'csv' | 'geojson') => async (req: Request, res: Response) => {
    const parsed = IncidentQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const full = seesPersonalData(principalOf(res).role);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="nakhoda-incidents-${stamp}.${kind}"`,
    );
    res.type(kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json');
    // Rows are read and sent as the client takes them: pipeline() applies backpressure
    // (also through the compression stream), so 100,000 rows never sit in memory.
    const query = parsed.data;
    async function* body() {
      yield kind === 'csv' ? csvHeader(full) : '{"type":"FeatureCollection","features":[\n';
      let first = true;
      for await (const raw of store.iterateIncidents(query)) {
        const inc = full ? raw : redactIncident(raw);
        yield kind === 'csv' ? csvRow(inc, full) : `${first ? '' : ',\n'}${geojsonFeature(inc)}`;
        first = false;
      }
      if (kind === 'geojson') yield '\n]}\n';
    }
    await pipeline(Readable.from(body()), res).catch((err: unknown) => {
      // A client that goes away mid-download is not a server error.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
    });
  };
  router.get('/export.csv', allow('incident:read'), exporter('csv'));
  router.get('/export.geojson', allow('incident:read'), exporter('geojson'));

  return router;
}
