/**
 * Leadership endpoints: a period's briefing (KPIs, league tables, hotspots, trends),
 * replay of a window from the event log, and streamed CSV / GeoJSON exports. All three
 * are heavy reads, limited per principal and cut when their client stalls (read-limits).
 *
 * Replay answers the incidents and the analyst's alerts screens held at `from` (rebuilt as
 * replay-start.ts says), then every event of the window in field time, alert events
 * included, so a client replays both with the shared reducers.
 */
import { Router, type Request, type Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { inArea } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import { MAX_BRIEFING_DAYS, MAX_REPLAY_DAYS } from '../../shared/contract.ts';
import { redactorFor, seesAnyPersonalData } from '../../shared/domain/access.ts';
import {
  computeBriefing,
  computeBriefingColumns,
  type IncidentFacts,
} from '../../shared/domain/briefing.ts';
import { IncidentQuerySchema, zodError } from '../../shared/domain/schemas.ts';
import { statsFor } from '../../shared/domain/stats.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import type { BriefingFacts } from '../briefing/briefing-facts.ts';
import { alertsShownAt, shownAt } from '../briefing/replay-start.ts';
import type { Store } from '../log/store.ts';
import { allow, principalOf } from './auth.middleware.ts';
import { sendError } from './errors.ts';
import { csvHeader, csvRow, geojsonFeature } from './export-format.ts';
import { heavyReads, type HeavyReadLimits } from './read-limits.ts';

const iso = z.iso.datetime({ offset: true });

const period = <T extends z.ZodRawShape>(maxDays: number, extra: T) =>
  z
    .object({ from: iso, to: iso, ...extra })
    .strict()
    .superRefine((p, ctx) => {
      const { from, to } = p as { from: string; to: string };
      const span = Date.parse(to) - Date.parse(from);
      if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      if (span > maxDays * DAY_MS)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `the period may span at most ${maxDays} days`,
        });
    });

const BriefingQuery = period(MAX_BRIEFING_DAYS, {
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

const ReplayQuery = period(MAX_REPLAY_DAYS, {});

/** Replays with more field events than this are refused: ask for a shorter window. */
const MAX_REPLAY_EVENTS = 200_000;

/** Items per piece of a streamed body. */
const PIECE = 500;

/** JSON array items in pieces of PIECE, comma-joined across pieces, without the brackets. */
async function* jsonItems<T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<string> {
  let piece: string[] = [];
  let first = true;
  for await (const item of items) {
    piece.push(JSON.stringify(item));
    if (piece.length < PIECE) continue;
    yield (first ? '' : ',') + piece.join(',');
    first = false;
    piece = [];
  }
  if (piece.length > 0) yield (first ? '' : ',') + piece.join(',');
}

/** Sends `body` as the client takes it; a client gone (or cut off) mid-way is not an error. */
async function send(res: Response, body: AsyncIterable<string>): Promise<void> {
  // pipeline() applies backpressure, also through the compression stream: a piece is
  // produced only when the client has taken the one before.
  await pipeline(Readable.from(body, { objectMode: false }), res).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE' && code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

export function briefingRouter(deps: {
  store: Store;
  pack: CityPack;
  windowHours: number;
  heavyReads: HeavyReadLimits;
  /** The in-memory facts kept current on append; without them briefings query the store. */
  facts?: BriefingFacts | undefined;
}): Router {
  const { store, pack, windowHours, facts } = deps;
  const router = Router();
  const heavy = heavyReads(deps.heavyReads);

  router.get('/briefing', allow('incident:read'), ...heavy, async (req, res) => {
    const parsed = BriefingQuery.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const q = parsed.data;
    const from = new Date(q.from);
    const to = new Date(q.to);
    const since = from.getTime() - (to.getTime() - from.getTime());
    const opts = {
      from,
      to,
      minCount: q.minCount,
      hotspotResolution: q.hotspotResolution,
      categories: pack.categories.map((c) => c.code),
    };
    if (facts) {
      // Rows selected and computed in one synchronous turn: no append can change them between.
      const rows = facts.select(since, to.getTime(), q);
      return res.json(computeBriefingColumns(facts.columns, rows, opts));
    }
    const keep = (f: IncidentFacts) =>
      (!q.category || f.category === q.category) &&
      (!q.agency || f.agency === q.agency) &&
      (!q.area || inArea(f.kelurahanCode, q.area));
    const listed = await store.briefingFacts(new Date(since).toISOString(), to.toISOString());
    res.json(computeBriefing(listed.filter(keep), opts));
  });

  router.get('/replay', allow('incident:read'), ...heavy, async (req, res) => {
    const parsed = ReplayQuery.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const from = new Date(parsed.data.from);
    const start = from.toISOString();
    const to = new Date(parsed.data.to).toISOString();
    if ((await store.countByOccurrence(start, to, MAX_REPLAY_EVENTS + 1)) > MAX_REPLAY_EVENTS) {
      return sendError(res, 422, {
        code: 'window_too_busy',
        message: `to: more than ${MAX_REPLAY_EVENTS} events in the window; choose a shorter one`,
        fields: { to: 'window too busy' },
      });
    }
    // The client went away or was cut off: stop computing for nobody.
    const gone = () => res.destroyed;
    const initial = await shownAt(store, from, windowHours, gone);
    const initialAlerts = await alertsShownAt(store, from, windowHours, initial, gone);
    if (gone()) return;
    const redactor = redactorFor(principalOf(res));
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    async function* events() {
      for await (const e of store.iterateByOccurrence(start, to)) yield redactor.event(e);
    }
    async function* body() {
      yield `{"from":"${start}","to":"${to}","windowHours":${windowHours},"initial":[`;
      yield* jsonItems(initial.map((inc) => redactor.incident(inc)));
      yield `],"initialStats":${JSON.stringify(statsFor(initial, pack, from))},"initialAlerts":`;
      yield JSON.stringify(initialAlerts.map((a) => redactor.alert(a)));
      yield ',"events":[';
      yield* jsonItems(events());
      yield ']}';
    }
    await send(res, body());
  });

  const exporter = (kind: 'csv' | 'geojson') => async (req: Request, res: Response) => {
    const parsed = IncidentQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const principal = principalOf(res);
    const full = seesAnyPersonalData(principal);
    const redactor = redactorFor(principal);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="nakhoda-incidents-${stamp}.${kind}"`,
    );
    res.type(kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json');
    // Rows are read and sent as the client takes them: 100,000 rows never sit in memory.
    const query = parsed.data;
    async function* body() {
      yield kind === 'csv' ? csvHeader(full) : '{"type":"FeatureCollection","features":[\n';
      let first = true;
      for await (const raw of store.iterateIncidents(query)) {
        const inc = redactor.incident(raw);
        yield kind === 'csv' ? csvRow(inc, full) : `${first ? '' : ',\n'}${geojsonFeature(inc)}`;
        first = false;
      }
      if (kind === 'geojson') yield '\n]}\n';
    }
    await send(res, body());
  };
  router.get('/export.csv', allow('incident:read'), ...heavy, exporter('csv'));
  router.get('/export.geojson', allow('incident:read'), ...heavy, exporter('geojson'));

  return router;
}
