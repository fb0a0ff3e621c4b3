/**
 * Starts a whole Nakhoda from a config: store, app, stream and (optionally) the
 * built-in simulator. `server/index.ts` and the tests both start it through here.
 */
import { JAKARTA } from '../shared/city/jakarta/index.ts';
import type { CityPack } from '../shared/city/types.ts';
import type { AppOptions, NakhodaApp } from './app.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { backdatePolicy } from './config.ts';
import type { RunningSimulator } from './ingest/simulator-source.ts';
import { openSqliteStore } from './log/sqlite.store.ts';
import { openPgStore } from './log/pg.store.ts';
import type { Leadership } from './ingest/simulator-leader.ts';
import { leadWithAdvisoryLock, runAlone } from './ingest/simulator-leader.ts';
import type { Store } from './log/store.ts';
import type { AuthStore } from './auth/auth.store.ts';
import { openSqliteAuthStore } from './auth/sqlite-auth.store.ts';
import { openPgAuthStore } from './auth/pg-auth.store.ts';
import { bootstrapAuth } from './auth/bootstrap.ts';
import { closeRedis, connectRedis } from './cluster/redis.ts';
import { loadBoundaries } from './geo/boundaries.ts';
import {
  feedBriefingFacts,
  loadBriefingFacts,
  type BriefingFacts,
} from './briefing/briefing-facts.ts';
import { surgeHistory } from './analyst/surge-history.ts';
import type { ConnectorStore } from './open311/connector-store.ts';
import { openSqliteConnectorStore } from './open311/sqlite-connector.store.ts';
import { openPgConnectorStore } from './open311/pg-connector.store.ts';
import type { NotifyStore } from './notify/notify-store.ts';
import type { MediaStore } from './media/media-store.ts';
import { defaultMediaDir, openFsMediaStore } from './media/fs-media.store.ts';
import { openPgMediaStore } from './media/pg-media.store.ts';
import { openSqliteNotifyStore } from './notify/sqlite-notify.store.ts';
import { openPgNotifyStore } from './notify/pg-notify.store.ts';
import {
  connectorHealth,
  startConnectors,
  type RunningConnectors,
} from './open311/connector-runner.ts';
import { createMetrics } from './observability/metrics.ts';
import { startAnalyst, type RunningAnalyst } from './analyst/analyst-runner.ts';

export interface Nakhoda {
  app: NakhodaApp;
  store: Store;
  auth: AuthStore;
  /** The Open311 puller: its runner on the node that leads it. */
  connectors: RunningConnectors;
  /** The analyst (SLA watch, escalation): its runner on the node that leads it; null when off. */
  analyst: RunningAnalyst | null;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startNakhoda(
  config: Config,
  extra: Partial<Omit<AppOptions, 'store' | 'pack'>> & {
    pack?: CityPack;
    log?: (msg: string) => void;
  } = {},
): Promise<Nakhoda> {
  const log = extra.log ?? ((msg: string) => console.log(msg));
  const pack = extra.pack ?? JAKARTA;
  const boundaries = config.BOUNDARIES ? loadBoundaries(config.BOUNDARIES, pack) : undefined;
  if (boundaries) {
    log(
      `boundaries: ${boundaries.matched} units matched to ${pack.name.en}'s codes` +
        (boundaries.unmatched.length ? `; unmatched: ${boundaries.unmatched.join(', ')}` : ''),
    );
  }
  const styleOrigin = config.MAP_STYLE_URL ? [new URL(config.MAP_STYLE_URL).origin] : [];
  const db = config.database;
  const store =
    db.kind === 'sqlite'
      ? openSqliteStore(db.file)
      : await openPgStore({ url: db.url, schema: db.schema, poolSize: db.poolSize });
  let auth: AuthStore;
  try {
    // Accounts live beside the log; on PostgreSQL their tables come with its migrations.
    auth =
      db.kind === 'sqlite'
        ? openSqliteAuthStore(db.file)
        : await openPgAuthStore({ url: db.url, schema: db.schema });
  } catch (err) {
    await store.close();
    throw err;
  }
  let connectorStore: ConnectorStore;
  try {
    connectorStore =
      db.kind === 'sqlite'
        ? openSqliteConnectorStore(db.file)
        : await openPgConnectorStore({ url: db.url, schema: db.schema });
  } catch (err) {
    await store.close();
    await auth.close();
    throw err;
  }
  let notifyStore: NotifyStore;
  try {
    notifyStore =
      db.kind === 'sqlite'
        ? openSqliteNotifyStore(db.file)
        : await openPgNotifyStore({ url: db.url, schema: db.schema });
  } catch (err) {
    await store.close();
    await auth.close();
    await connectorStore.close();
    throw err;
  }
  let media: MediaStore;
  try {
    // Photos: files beside the SQLite database, or the log's PostgreSQL (server/media).
    media =
      db.kind === 'sqlite'
        ? openFsMediaStore(config.MEDIA_DIR ?? defaultMediaDir(db.file))
        : await openPgMediaStore({ url: db.url, schema: db.schema });
  } catch (err) {
    await store.close();
    await auth.close();
    await connectorStore.close();
    await notifyStore.close();
    throw err;
  }
  // Returns at once and connects in the background: a node serves while Redis is away.
  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL, log) : undefined;
  let app: NakhodaApp;
  let port: number;
  let briefingFacts: BriefingFacts;
  const metrics = extra.metrics ?? createMetrics();
  try {
    // Loaded before the service takes commands, fed from its first append on.
    briefingFacts = await loadBriefingFacts(store);
    app = await createApp({
      metrics,
      store,
      briefingFacts,
      redis,
      redisPrefix: config.REDIS_PREFIX,
      poolStats: store.poolStats,
      metricsToken: config.METRICS_TOKEN,
      sendBufferCapBytes: config.SOCKET_SEND_BUFFER_MB * 2 ** 20,
      linkDuplicates: config.DUPLICATE_LINKS,
      log,
      auth,
      connectors: connectorStore,
      media: { store: media, maxBytes: Math.round(config.MEDIA_MAX_MB * 2 ** 20) },
      proofRadiusM: config.FIELD_PROOF_REQUIRED ? config.FIELD_PROOF_RADIUS_M : null,
      notify: {
        store: notifyStore,
        publicUrl: config.NOTIFY_PUBLIC_URL,
        smtp: config.NOTIFY_SMTP_URL
          ? { url: config.NOTIFY_SMTP_URL, from: config.NOTIFY_FROM }
          : undefined,
        timeoutMs: config.NOTIFY_TIMEOUT_SECONDS * 1000,
        pollMs: config.NOTIFY_POLL_SECONDS * 1000,
        // Scheduled briefings: one runner per log, like the analyst.
        leadership:
          db.kind === 'postgres'
            ? { kind: 'postgres', url: db.url, schema: db.schema }
            : { kind: 'alone' },
      },
      pack,
      map: {
        mapStyleUrl: config.MAP_STYLE_URL,
        pmtilesFile: config.BASEMAP_PMTILES,
        boundaries,
        boundariesAttribution: config.BOUNDARIES_ATTRIBUTION,
      },
      connectSrc: [...styleOrigin, ...(config.MAP_CONNECT_SRC?.split(/\s+/).filter(Boolean) ?? [])],
      windowHours: config.WINDOW_HOURS,
      staticDir: config.STATIC_DIR,
      sessionHours: config.SESSION_HOURS,
      backdate: backdatePolicy(config),
      trustProxy: config.TRUST_PROXY,
      allowedOrigins: config.ALLOWED_ORIGINS,
      principalRecheckMs: config.PRINCIPAL_RECHECK_SECONDS * 1000,
      rateLimits: {
        ingestPerMinute: config.RATE_INGEST_PER_MIN,
        ingestPerIpPerMinute: config.RATE_INGEST_IP_PER_MIN,
        loginPerMinute: config.RATE_LOGIN_PER_MIN,
        socketCommandsPerSecond: config.SOCKET_COMMANDS_PER_SEC,
      },
      heavyReads: {
        concurrentPerPrincipal: config.HEAVY_READS_PER_PRINCIPAL,
        perMinute: config.RATE_HEAVY_READ_PER_MIN,
        sendDeadlineMs: config.SEND_DEADLINE_SECONDS * 1000,
        sendStallMs: config.SEND_STALL_SECONDS * 1000,
      },
      ...extra,
    });
    feedBriefingFacts(briefingFacts, app.service);
    port = await app.listen(config.PORT, config.HOST);
  } catch (err) {
    await store.close();
    await auth.close();
    await connectorStore.close();
    await notifyStore.close();
    await media.close();
    if (redis) await closeRedis(redis);
    throw err;
  }
  const url = app.url();
  await bootstrapAuth(auth, {
    adminPassword: config.NAKHODA_ADMIN_PASSWORD,
    adminToken: config.NAKHODA_ADMIN_TOKEN,
    demo: config.SIMULATOR,
    baseUrl: url,
    now: new Date(),
    log,
  });
  let simulator: Leadership | null = null;
  if (config.SIMULATOR) {
    // Loaded only when wanted: a production node fed by real sources never loads it.
    const { startBuiltInSimulator } = await import('./ingest/simulator-source.ts');
    const work = {
      start: async (): Promise<RunningSimulator> => {
        // The leader may take over from another node: start from the log as it is now.
        await app.service.catchUp();
        return startBuiltInSimulator(app.service, config, log);
      },
    };
    // One simulator per log: on PostgreSQL the node holding the lock runs it.
    simulator =
      db.kind === 'postgres'
        ? leadWithAdvisoryLock({ url: db.url, schema: db.schema, work, log })
        : await runAlone(work);
  }
  const clock = extra.clock ?? (() => new Date());
  // One puller per log, like the simulator: on PostgreSQL the node holding its lock pulls.
  const connectors = await startConnectors({
    connectors: connectorStore,
    service: app.service,
    store,
    pack,
    clock,
    log,
    leadership:
      db.kind === 'postgres'
        ? { kind: 'postgres', url: db.url, schema: db.schema }
        : { kind: 'alone' },
  });
  metrics.watch({ connectors: () => connectorHealth(connectorStore, clock) });
  // One analyst per log, like the simulator: on PostgreSQL the node holding its lock runs it.
  const analyst = config.ANALYST
    ? await startAnalyst({
        service: app.service,
        alerts: app.alerts,
        store,
        pack,
        clock,
        log,
        tickMs: config.ANALYST_TICK_SECONDS * 1000,
        history: () => surgeHistory(briefingFacts),
        historySize: () => briefingFacts.size,
        leadership:
          db.kind === 'postgres'
            ? { kind: 'postgres', url: db.url, schema: db.schema }
            : { kind: 'alone' },
      })
    : null;
  let closing: Promise<void> | null = null;
  return {
    app,
    store,
    auth,
    connectors,
    analyst,
    port,
    url,
    close() {
      closing ??= (async () => {
        if (simulator) await simulator.stop();
        if (analyst) await analyst.stop();
        await connectors.stop();
        await app.close();
        await store.close();
        await auth.close();
        await connectorStore.close();
        await notifyStore.close();
        await media.close();
        if (redis) await closeRedis(redis);
      })();
      return closing;
    },
  };
}
