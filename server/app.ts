/**
 * Composes the HTTP API, the static client and the live stream over one store. No
 * side effects beyond what the caller asks: tests build it on port 0 with a temp file.
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { Server } from 'socket.io';
import type { CityPack } from '../shared/city/types.ts';
import type { IncidentService } from './incident-service.ts';
import { createIncidentService } from './incident-service.ts';
import { apiNotFound, errorHandler } from './http/errors.ts';
import { incidentsRouter } from './http/incidents.routes.ts';
import { readRouter } from './http/read.routes.ts';
import type { Store } from './store/store.ts';
import type { Broadcaster, NakhodaIo } from './stream/broadcaster.ts';
import { createBroadcaster } from './stream/broadcaster.ts';
import { registerStreamHandlers } from './stream/stream.handlers.ts';

export interface AppOptions {
  store: Store;
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

const CLIENT_ROUTES = ['/', '/wall', '/ops', '/briefing'];

export async function createApp(opts: AppOptions): Promise<NakhodaApp> {
  const clock = opts.clock ?? (() => new Date());
  const windowHours = opts.windowHours ?? 24;
  const { store, pack } = opts;
  const service = await createIncidentService({ store, pack, clock, windowHours });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  let inFlight = 0;
  app.use((_req, res, next) => {
    inFlight++;
    res.once('close', () => inFlight--);
    next();
  });
  app.use('/api/v1', express.json({ limit: opts.bodyLimit ?? '32kb' }));
  app.use('/api/v1', incidentsRouter({ service, store }));
  app.use('/api/v1', readRouter({ service, store, pack, clock, windowHours }));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, seq: service.projection.seq, store: store.kind });
  });
  app.use('/api', apiNotFound);
  if (opts.staticDir && existsSync(join(opts.staticDir, 'index.html'))) {
    const dir = opts.staticDir;
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
