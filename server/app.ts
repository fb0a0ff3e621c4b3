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
import type { IncidentService } from './incident-service.ts';
import { createIncidentService } from './incident-service.ts';
import { apiNotFound, errorHandler } from './http/errors.ts';
import { incidentsRouter } from './http/incidents.routes.ts';
import { readRouter } from './http/read.routes.ts';
import { briefingRouter } from './http/briefing.routes.ts';
import { mapRouter, type MapConfig } from './http/map.routes.ts';
import compression from 'compression';
import type { AuthStore } from './auth/auth.store.ts';
import { adminRouter } from './http/admin.routes.ts';
import { authenticateRequests } from './http/auth.middleware.ts';
import { authRouter } from './http/auth.routes.ts';
import { limiter, securityHeaders } from './http/security.ts';
import type { Store } from './store/store.ts';
import type { Broadcaster, NakhodaIo } from './stream/broadcaster.ts';
import { createBroadcaster } from './stream/broadcaster.ts';
import { disconnectPrincipal, registerStreamHandlers } from './stream/stream.handlers.ts';

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
  sessionHours?: number;
  /** Express `trust proxy` setting, for a TLS-terminating proxy in front. */
  trustProxy?: string;
  map?: MapConfig;
  /** Extra origins the browser may connect to (a hosted map style's tiles and glyphs). */
  connectSrc?: string[];
}

export interface NakhodaApp {
  http: HttpServer;
  io: NakhodaIo;
  service: IncidentService;
  broadcaster: Broadcaster;
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking connections, flushes the last batch, closes sockets. The store is the caller's. */
  close(): Promise<void>;
}

const CLIENT_ROUTES = ['/', '/login', '/admin', '/wall', '/ops', '/briefing'];

export async function createApp(opts: AppOptions): Promise<NakhodaApp> {
  const clock = opts.clock ?? (() => new Date());
  const windowHours = opts.windowHours ?? 24;
  const { store, pack, auth } = opts;
  const limits = { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits };
  const service = await createIncidentService({
    store,
    pack,
    clock,
    windowHours,
    locate: opts.map?.boundaries?.locate,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (opts.trustProxy) app.set('trust proxy', opts.trustProxy);
  app.use(securityHeaders(opts.connectSrc));
  app.use(compression());
  let inFlight = 0;
  app.use((_req, res, next) => {
    inFlight++;
    res.once('close', () => inFlight--);
    next();
  });
  app.use('/api/v1/auth/login', limiter({ perMinute: limits.loginPerMinute, by: 'ip' }));
  app.use('/api/v1', express.json({ limit: opts.bodyLimit ?? '32kb' }));
  app.use('/api/v1', authRouter({ auth, clock, sessionHours: opts.sessionHours ?? 12 }));
  app.use('/api/v1', authenticateRequests(auth, clock));
  const ingestLimit = [
    limiter({ perMinute: limits.ingestPerIpPerMinute, by: 'ip' }),
    limiter({ perMinute: limits.ingestPerMinute, by: 'principal' }),
  ];
  app.use('/api/v1', incidentsRouter({ service, store, ingestLimit }));
  app.use('/api/v1', readRouter({ service, store, pack, clock, windowHours }));
  app.use('/api/v1', briefingRouter({ store, pack, windowHours }));
  app.use('/api/v1', mapRouter(opts.map ?? { boundariesAttribution: '' }));
  app.use(
    '/api/v1',
    // `io` is created below; revocations only happen once the server runs.
    adminRouter({ auth, pack, clock, onRevoked: (id) => disconnectPrincipal(io, id) }),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, seq: service.projection.seq, store: store.kind });
  });
  app.use('/api', apiNotFound);
  if (opts.staticDir && existsSync(join(opts.staticDir, 'index.html'))) {
    const dir = resolve(opts.staticDir);
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    app.get(CLIENT_ROUTES, (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(join(dir, 'index.html'));
    });
  }
  app.use(errorHandler);

  const http = createServer(app);
  const io: NakhodaIo = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const broadcaster = createBroadcaster({
    io,
    clock,
    flushMs: opts.flushMs ?? 100,
    heartbeatMs: opts.heartbeatMs ?? 5000,
    latestSeq: () => service.projection.seq,
  });
  service.onAppended((events) => broadcaster.push(events));
  registerStreamHandlers(io, {
    service,
    store,
    auth,
    commandsPerSecond: limits.socketCommandsPerSecond,
    pack,
    clock,
    windowHours,
    maxResumeEvents: opts.maxResumeEvents ?? 5000,
  });
  const pruneTimer = setInterval(() => service.prune(), 60_000);
  pruneTimer.unref();

  return {
    http,
    io,
    service,
    broadcaster,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const addr = http.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      });
    },
    async close() {
      clearInterval(pruneTimer);
      // Stop accepting, let requests in flight finish, then send their events, then hang up.
      http.close();
      http.closeIdleConnections();
      const deadline = Date.now() + 10_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      broadcaster.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
