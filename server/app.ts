/**
 * Composes the HTTP API, the static client and the live stream over one store. No
 * side effects beyond what the caller asks: tests build it on port 0 with a temp file.
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join, resolve } from 'node:path';
import { Server } from 'socket.io';
import type { CityPack } from '../shared/city/types.ts';
import { DEFAULT_PROOF_RADIUS_M } from '../shared/domain/field-proof.ts';
import type { BackdatePolicy } from '../shared/domain/field-time.ts';
import { MINUTE_MS } from '../shared/domain/time.ts';
import type { IncidentService } from './ingest/incident-service.ts';
import { createIncidentService } from './ingest/incident-service.ts';
import { apiNotFound, errorHandler } from './http/errors.ts';
import { BATCH_PATH, incidentsRouter } from './http/incidents.routes.ts';
import { duplicateCommands } from './ingest/duplicate-commands.ts';
import { fieldCommands } from './ingest/field-commands.ts';
import { fieldRouter } from './http/field.routes.ts';
import { mediaRouter } from './http/media.routes.ts';
import type { MediaStore } from './media/media-store.ts';
import { photoCommand } from './media/photo-command.ts';
import { alertsRouter } from './http/alerts.routes.ts';
import { createAlertService, type AlertService } from './analyst/alert-service.ts';
import { ingestBudget, redisReportCounter } from './http/ingest-budget.ts';
import { readRouter } from './http/read.routes.ts';
import { open311Router } from './open311/open311.router.ts';
import type { RequestStreamLimits } from './open311/request-stream.ts';
import { briefingRouter } from './http/briefing.routes.ts';
import type { BriefingFacts } from './briefing/briefing-facts.ts';
import { DEFAULT_HEAVY_READ_LIMITS, type HeavyReadLimits } from './http/read-limits.ts';
import { mapRouter, type MapConfig } from './http/map.routes.ts';
import compression from 'compression';
import type { AuthStore } from './auth/auth.store.ts';
import { adminRouter } from './http/admin.routes.ts';
import { connectorsRouter } from './http/connectors.routes.ts';
import type { ConnectorStore } from './open311/connector-store.ts';
import { startNotify, type NotifyOptions, type RunningNotify } from './notify/notify-setup.ts';
import { startBriefings, type RunningBriefings } from './briefing/schedule-setup.ts';
import { authenticateRequests } from './http/auth.middleware.ts';
import { authRouter } from './http/auth.routes.ts';
import { limiter, securityHeaders } from './http/security.ts';
import { sameOriginWrites } from './http/origin.ts';
import type { TrustProxy } from './trust-proxy.ts';
import type { Store } from './log/store.ts';
import type { Broadcaster, NakhodaIo } from './stream/broadcaster.ts';
import { capSendBuffers } from './stream/backpressure.ts';
import type { RedisClient } from './cluster/redis.ts';
import { redisRateStore } from './cluster/rate-limit-store.ts';
import { CONNECTION_STATE_RECOVERY, useRedisAdapter } from './cluster/socket-adapter.ts';
import { createBroadcaster } from './stream/broadcaster.ts';
import { healthRouter, nodeReadyChecks, type ReadyChecks } from './http/health.routes.ts';
import { countHttpRequests } from './observability/http-metrics.ts';
import { instrumentStore } from './observability/instrument-store.ts';
import { createLogger, requestLogger, type Logger } from './observability/logger.ts';
import { createMetrics, type Metrics, type PoolStats } from './observability/metrics.ts';
import { RecentEvents } from './stream/recent-events.ts';
import { createSnapshotSource } from './stream/snapshot.ts';
import {
  disconnectPrincipal,
  disconnectSession,
  registerStreamHandlers,
} from './stream/stream.handlers.ts';

export interface RateLimits {
  ingestPerMinute: number;
  ingestPerIpPerMinute: number;
  loginPerMinute: number;
  socketCommandsPerSecond: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  ingestPerMinute: 1200,
  ingestPerIpPerMinute: 3000,
  loginPerMinute: 10,
  socketCommandsPerSecond: 20,
};

export interface AppOptions {
  store: Store;
  auth: AuthStore;
  pack: CityPack;
  clock?: () => Date;
  /** Ended incidents stay in the live window this long (hours). */
  windowHours?: number;
  flushMs?: number;
  heartbeatMs?: number;
  maxResumeEvents?: number;
  /** Folder of the built client; served when it exists. */
  staticDir?: string;
  bodyLimit?: string;
  rateLimits?: Partial<RateLimits>;
  /** Replays, briefings and exports: per-principal concurrency and rate, send deadlines. */
  heavyReads?: Partial<HeavyReadLimits>;
  sessionHours?: number;
  /** Express `trust proxy` setting, for a TLS-terminating proxy in front. */
  trustProxy?: TrustProxy;
  /** Origins besides the server's own whose pages may use a login session. */
  allowedOrigins?: string[];
  /** How often a live socket's credential is asked again (expiry), in ms. */
  principalRecheckMs?: number;
  map?: MapConfig;
  /** How far back each kind of author may date a field time; the shared defaults otherwise. */
  backdate?: BackdatePolicy;
  /** Extra origins the browser may connect to (a hosted map style's tiles and glyphs). */
  connectSrc?: string[];
  /** How often the log's head is polled for other nodes' writes (ms; wake-ups come sooner). */
  logPollMs?: number;
  /** Reports arriving during a commit share the next one (default on; off for benchmarks). */
  groupCommit?: boolean;
  /** New reports are linked to an open incident they duplicate (default on; DUPLICATE_LINKS). */
  linkDuplicates?: boolean;
  /** A live socket with more unsent bytes than this is cut off (it reconnects and resumes). */
  sendBufferCapBytes?: number;
  log?: (msg: string) => void;
  /** Briefing facts in memory, kept current by the caller; briefings query the store without. */
  briefingFacts?: BriefingFacts;
  /** Request logs (pino); none are written without one. */
  logger?: Logger;
  /** This app's metrics (its own registry); made here when absent. */
  metrics?: Metrics;
  /** What /readyz asks; the node's store, log follower and Redis when absent. */
  ready?: ReadyChecks;
  /** The database pool's connections, for /metrics. */
  poolStats?: () => PoolStats;
  /** Bearer token for /metrics from another host (METRICS_TOKEN). */
  metricsToken?: string;
  /** Several nodes: Socket.IO room operations and rate limits go through this Redis. */
  redis?: RedisClient;
  /** Names this deployment's keys in Redis (default `nakhoda`); every node uses the same. */
  redisPrefix?: string;
  /** Open311's live stream (SSE): heartbeats, catch-up bound, limits; its defaults otherwise. */
  open311Stream?: Partial<RequestStreamLimits>;
  /** Open311 connectors, managed under /api/v1/admin/connectors. */
  connectors?: ConnectorStore;
  /** Notifications of alert events (webhooks, email), managed under /api/v1/admin/notifications. */
  notify?: NotifyOptions;
  /** Field crews' photos: where they are kept and how large they may be; none without a store. */
  media?: { store: MediaStore; maxBytes: number };
  /**
   * How near the incident an after photo proving closure must be taken (FIELD_PROOF_RADIUS_M);
   * null: no proof required (FIELD_PROOF_REQUIRED off); absent: the default radius.
   */
  proofRadiusM?: number | null;
}

export interface NakhodaApp {
  http: HttpServer;
  io: NakhodaIo;
  service: IncidentService;
  /** The analyst's alerts: raised by rule, acted on by people; the same write path. */
  alerts: AlertService;
  /** This node's notification sender; null without a notify store. */
  notify: RunningNotify | null;
  /** Scheduled briefings (sender, routes, the led runner); null without a notify store. */
  briefings: RunningBriefings | null;
  broadcaster: Broadcaster;
  listen(port: number, host?: string): Promise<number>;
  /** Where this node answers once listening (`http://localhost:PORT` for a wildcard host). */
  url(): string;
  /** Stops taking connections, flushes the last batch, closes sockets. The store is the caller's. */
  close(): Promise<void>;
}

/** Events kept in memory for joining screens; several times the tail a snapshot may carry. */
const RECENT_EVENTS = 10_000;
const SNAPSHOT_MAX_TAIL_EVENTS = 2_000;
const SNAPSHOT_MAX_AGE_MS = 30_000;
const DEFAULT_SEND_BUFFER_CAP_BYTES = 32 * 2 ** 20;

const CLIENT_ROUTES = ['/', '/login', '/admin', '/wall', '/ops', '/briefing', '/field'];

const isIngestPost = (req: express.Request) =>
  req.method === 'POST' &&
  (req.path === '/api/v1/incidents' || req.path === `/api/v1${BATCH_PATH}`);

export async function createApp(opts: AppOptions): Promise<NakhodaApp> {
  const clock = opts.clock ?? (() => new Date());
  const windowHours = opts.windowHours ?? 24;
  const { pack, auth } = opts;
  const metrics = opts.metrics ?? createMetrics();
  const store = instrumentStore(opts.store, metrics);
  const limits = { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits };
  const redisPrefix = opts.redisPrefix ?? 'nakhoda';
  const logLine = opts.log ?? ((msg: string) => console.log(msg));
  const sharedCount = (name: string) =>
    opts.redis && redisRateStore(opts.redis, `${redisPrefix}:rl:${name}:`, logLine);
  const service = await createIncidentService({
    store,
    pack,
    clock,
    windowHours,
    locate: opts.map?.boundaries?.locate,
    backdate: opts.backdate,
    groupCommit: opts.groupCommit,
    linkDuplicates: opts.linkDuplicates,
    pollMs: opts.logPollMs,
    proof:
      opts.proofRadiusM === undefined
        ? undefined
        : opts.proofRadiusM === null
          ? null
          : { radiusM: opts.proofRadiusM },
    log: opts.log,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (opts.trustProxy !== undefined) app.set('trust proxy', opts.trustProxy);
  app.use(requestLogger(opts.logger ?? createLogger({ level: 'silent' })));
  app.use(countHttpRequests(metrics));
  const allowedOrigins = opts.allowedOrigins ?? [];
  app.use(securityHeaders(opts.connectSrc));
  // Ingest answers are small and CPU is what limits ingest: they skip compression.
  const compress = compression();
  app.use((req, res, next) => (isIngestPost(req) ? next() : compress(req, res, next)));
  let inFlight = 0;
  app.use((_req, res, next) => {
    // A streamed export carries a fixed set of 'close' listeners past Node's warning at 10
    // (request log, in-flight count, heavy-read watch, pipeline, compression); a listener
    // leaked per write would still pass 20 at once (briefing-api.test.ts watches for it).
    res.setMaxListeners(20);
    inFlight++;
    res.once('close', () => inFlight--);
    next();
  });
  app.use('/api/v1', sameOriginWrites(allowedOrigins));
  app.use(
    '/api/v1/auth/login',
    limiter({ perMinute: limits.loginPerMinute, by: 'ip', store: sharedCount('login') }),
  );
  // Pairing codes are short: guesses are held to the login rate, per address.
  app.use(
    '/api/v1/auth/pair',
    limiter({ perMinute: limits.loginPerMinute, by: 'ip', store: sharedCount('pair') }),
  );
  const json = express.json({ limit: opts.bodyLimit ?? '32kb' });
  // The bulk route reads its own larger body, after authentication (incidents.routes.ts).
  app.use('/api/v1', (req, res, next) => (req.path === BATCH_PATH ? next() : json(req, res, next)));
  app.use(
    '/api/v1',
    authRouter({
      auth,
      clock,
      sessionHours: opts.sessionHours ?? 12,
      // `io` is created below; sessions only end once the server runs.
      onSessionEnded: (hash) => disconnectSession(io, hash),
      onTokenRotated: (id) => disconnectPrincipal(io, id),
    }),
  );
  app.use('/api/v1', authenticateRequests(auth, clock));
  const budget = ingestBudget(
    { perMinute: limits.ingestPerMinute, perIpPerMinute: limits.ingestPerIpPerMinute },
    opts.redis && redisReportCounter(opts.redis, `${redisPrefix}:ingest:`, logLine),
  );
  app.use(
    '/api/v1',
    incidentsRouter({
      service,
      store,
      budget,
      duplicates: duplicateCommands({ service, store, clock }),
    }),
  );
  if (opts.media) {
    // Field crews: claim, photos (multipart, read after authentication), the proof's waiver.
    app.use(
      '/api/v1',
      fieldRouter({
        field: fieldCommands({ service, store, clock }),
        photos: photoCommand({ service, store, media: opts.media.store, pack, clock }),
        maxPhotoBytes: opts.media.maxBytes,
        // Off (null), the checks beside each photo are still read against the default radius.
        proof: {
          required: opts.proofRadiusM !== null,
          radiusM: opts.proofRadiusM ?? DEFAULT_PROOF_RADIUS_M,
        },
      }),
    );
    app.use('/api/v1', mediaRouter({ media: opts.media.store }));
  }
  const alerts = createAlertService({ service, store, clock });
  app.use('/api/v1', alertsRouter({ alerts, store }));
  app.use('/api/v1', readRouter({ service, store, pack, clock, windowHours }));
  // Open311 GeoReport v2: its own keys (api_key), formats and errors; the same write path.
  app.use(
    '/open311/v2',
    open311Router({
      service,
      store,
      pack,
      auth,
      clock,
      budget,
      // Streams ask their key again as often as sockets do (PRINCIPAL_RECHECK_SECONDS).
      stream: { recheckMs: opts.principalRecheckMs, ...opts.open311Stream },
    }),
  );
  app.use(
    '/api/v1',
    briefingRouter({
      store,
      pack,
      windowHours,
      facts: opts.briefingFacts,
      heavyReads: { ...DEFAULT_HEAVY_READ_LIMITS, ...opts.heavyReads },
    }),
  );
  app.use('/api/v1', mapRouter(opts.map ?? { boundariesAttribution: '' }));
  app.use(
    '/api/v1',
    // `io` is created below; revocations only happen once the server runs.
    adminRouter({ auth, pack, clock, onRevoked: (id) => disconnectPrincipal(io, id) }),
  );
  if (opts.connectors)
    app.use('/api/v1', connectorsRouter({ connectors: opts.connectors, pack, clock }));
  let ownUrl = '';
  const notify = opts.notify
    ? startNotify(opts.notify, { service, pack, clock, log: logLine, ownUrl: () => ownUrl })
    : null;
  if (notify) app.use('/api/v1', notify.router);
  const briefings = opts.notify
    ? await startBriefings(opts.notify, {
        store,
        service,
        pack,
        facts: opts.briefingFacts,
        boundaries: opts.map?.boundaries?.collection,
        media: opts.media?.store,
        clock,
        log: logLine,
        ownUrl: () => ownUrl,
      })
    : null;
  if (briefings) app.use('/api/v1', briefings.router);
  app.use(
    healthRouter({
      metrics,
      ready:
        opts.ready ??
        nodeReadyChecks({ store, following: () => service.following(), redis: opts.redis }),
      alive: () => ({ seq: service.projection.seq, store: store.kind }),
      metricsToken: opts.metricsToken,
    }),
  );
  app.use('/api', apiNotFound);
  if (opts.staticDir && existsSync(join(opts.staticDir, 'index.html'))) {
    const dir = resolve(opts.staticDir);
    app.use(
      express.static(dir, {
        index: false,
        maxAge: '1h',
        // The field app's service worker and manifest are asked for fresh each time, so a
        // new version reaches phones on their next start (the hashed assets may be cached).
        setHeaders: (res, path) => {
          if (/(^|[\\/])(sw\.js|manifest\.webmanifest)$/.test(path)) {
            res.setHeader('Cache-Control', 'no-cache');
          }
        },
      }),
    );
    app.get(CLIENT_ROUTES, (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(join(dir, 'index.html'));
    });
  }
  app.use(errorHandler);

  const http = createServer(app);
  const io: NakhodaIo = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Recovery sessions must be where every node finds them: only with Redis.
    connectionStateRecovery: opts.redis ? CONNECTION_STATE_RECOVERY : undefined,
  });
  if (opts.redis) useRedisAdapter(io, opts.redis, { prefix: redisPrefix });
  const broadcaster = createBroadcaster({
    io,
    clock,
    flushMs: opts.flushMs ?? 100,
    heartbeatMs: opts.heartbeatMs ?? 5000,
    latestSeq: () => service.projection.seq,
  });
  service.onAppended((events) => broadcaster.push(events));
  metrics.watch({
    sockets: () => io.engine.clientsCount,
    lag: async () => (await store.latestSeq()) - service.projection.seq,
    poolStats: opts.poolStats,
  });
  const cap = capSendBuffers(
    () => io.of('/').sockets.values(),
    opts.sendBufferCapBytes ?? DEFAULT_SEND_BUFFER_CAP_BYTES,
    opts.log,
  );
  broadcaster.afterFlush(() => cap.check());
  const recent = new RecentEvents(RECENT_EVENTS);
  service.onAppended((events) => recent.push(events));
  const snapshots = createSnapshotSource({
    projection: () => service.projection,
    recent,
    clock,
    windowHours,
    maxTailEvents: SNAPSHOT_MAX_TAIL_EVENTS,
    maxAgeMs: SNAPSHOT_MAX_AGE_MS,
  });
  const stopRecheck = registerStreamHandlers(io, {
    service,
    store,
    auth,
    broadcaster,
    snapshots,
    allowedOrigins,
    recheckMs: opts.principalRecheckMs ?? 15_000,
    commandsPerSecond: limits.socketCommandsPerSecond,
    clock,
    maxResumeEvents: opts.maxResumeEvents ?? 5000,
  });
  const pruneTimer = setInterval(() => service.prune(), MINUTE_MS);
  pruneTimer.unref();

  return {
    http,
    io,
    service,
    alerts,
    notify,
    briefings,
    broadcaster,
    url: () => ownUrl,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const addr = http.address();
          const bound = typeof addr === 'object' && addr ? addr.port : port;
          const named = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          ownUrl = `http://${named.includes(':') ? `[${named}]` : named}:${bound}`;
          resolve(bound);
        });
      });
    },
    async close() {
      clearInterval(pruneTimer);
      stopRecheck();
      // Stop accepting, let requests in flight finish, then send their events, then hang up.
      http.close();
      http.closeIdleConnections();
      const deadline = Date.now() + 10_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // Commands whose caller hung up are still queued: the store must outlive them.
      await service.idle();
      await briefings?.stop();
      await notify?.stop();
      await service.stop();
      broadcaster.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
