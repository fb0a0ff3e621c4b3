/**
 * The puller: every enabled connector is pulled a round at a time (connector-round.ts),
 * each on its own schedule — its poll interval after a success, at once while pages of a
 * round remain, and after an exponential backoff (twice the interval per failure in a
 * row, at most an hour) when the remote fails; the error is kept for /admin and metrics.
 * Connectors are read from their store at every tick, so an admin's change on any node
 * holds from the next one. On several nodes only one pulls: `startConnectors` takes the
 * same advisory-lock leadership as the simulator (server/ingest/simulator-leader.ts).
 */
import type { CityPack } from '../../shared/city/types.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import { leadRunner, type LedRunner, type NodeLeadership } from '../ingest/simulator-leader.ts';
import type { Store } from '../log/store.ts';
import { masked } from './connector-fetch.ts';
import { DEFAULT_LIMITS, pullRound, type Progress, type RoundLimits } from './connector-round.ts';
import type { ConnectorHealth } from '../observability/metrics.ts';
import { lagSeconds, type ConnectorState, type ConnectorStore } from './connector-store.ts';

/** Backoff stops doubling here. */
const MAX_BACKOFF_MS = 60 * 60_000;
const DEFAULT_TICK_MS = 1_000;

export interface ConnectorRunnerDeps {
  connectors: ConnectorStore;
  service: IncidentService;
  store: Store;
  pack: CityPack;
  clock: () => Date;
  log: (msg: string) => void;
  /** How often due connectors are looked for (ms); 0: never by itself (tests pull). */
  tickMs?: number;
  limits?: Partial<RoundLimits>;
}

export interface ConnectorRunner {
  /** Runs a round of this connector now (after the one in progress); its state after. */
  pull(id: string): Promise<ConnectorState | undefined>;
  stop(): Promise<void>;
}

/** How long to wait after `failures` failures in a row. */
export function backoffMs(pollSeconds: number, failures: number): number {
  return Math.min(pollSeconds * 1000 * 2 ** failures, MAX_BACKOFF_MS);
}

export function createConnectorRunner(deps: ConnectorRunnerDeps): ConnectorRunner {
  const { connectors, clock, log } = deps;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const running = new Map<string, Promise<ConnectorState | undefined>>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const round = async (id: string): Promise<ConnectorState | undefined> => {
    const c = await connectors.get(id);
    if (!c) return undefined;
    const progress: Progress = { state: c.state, more: false };
    const saveState = (state: ConnectorState) => connectors.saveState(id, state);
    try {
      await pullRound(c, { ...deps, limits, saveState }, progress);
      const wait = progress.more ? 0 : c.pollSeconds * 1000;
      const state = {
        ...progress.state,
        nextAttemptAt: new Date(clock().getTime() + wait).toISOString(),
      };
      await saveState(state);
      return state;
    } catch (error) {
      const now = clock();
      const failures = progress.state.consecutiveFailures + 1;
      const wait = backoffMs(c.pollSeconds, failures);
      const message = masked(error instanceof Error ? error.message : String(error), c.apiKey);
      log(
        `connector ${c.name}: pull failed (${failures} in a row; next try in ${Math.round(wait / 1000)} s): ${message}`,
      );
      const state: ConnectorState = {
        ...progress.state,
        lastError: message.slice(0, 500),
        lastErrorAt: now.toISOString(),
        consecutiveFailures: failures,
        nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
      };
      // The store may be what failed: the state is then kept for the next try to save.
      await saveState(state).catch(() => undefined);
      return state;
    }
  };

  /** One round at a time per connector: a second caller waits for the first, then runs. */
  const pull = (id: string): Promise<ConnectorState | undefined> => {
    const before = running.get(id) ?? Promise.resolve(undefined);
    const next = before.then(() => round(id));
    running.set(id, next);
    void next.finally(() => {
      if (running.get(id) === next) running.delete(id);
    });
    return next;
  };

  const tick = async () => {
    try {
      const now = clock().toISOString();
      for (const c of await connectors.list()) {
        const due = c.state.nextAttemptAt === null || c.state.nextAttemptAt <= now;
        if (c.enabled && due && !running.has(c.id) && !stopped) void pull(c.id);
      }
    } catch (error) {
      log(`connectors: cannot read the connectors: ${String(error)}`);
    }
    if (!stopped && deps.tickMs !== 0) {
      timer = setTimeout(() => void tick(), deps.tickMs ?? DEFAULT_TICK_MS);
      timer.unref();
    }
  };
  if (deps.tickMs !== 0) void tick();

  return {
    pull,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...running.values()].map((p) => p.catch(() => undefined)));
    },
  };
}

/** How this node may lead the puller: alone (SQLite), or by a PostgreSQL advisory lock. */
export type ConnectorLeadership = NodeLeadership;
export type RunningConnectors = LedRunner<ConnectorRunner>;

/** Starts the puller on the one node that leads it; the others take over if it goes. */
export function startConnectors(
  deps: ConnectorRunnerDeps & { leadership: ConnectorLeadership },
): Promise<RunningConnectors> {
  return leadRunner({
    name: 'connectors',
    leadership: deps.leadership,
    service: deps.service,
    create: () => createConnectorRunner(deps),
    log: deps.log,
  });
}

/** The enabled connectors' health as /metrics reads it, from the store: the same on every node. */
export async function connectorHealth(
  connectors: ConnectorStore,
  clock: () => Date,
): Promise<ConnectorHealth[]> {
  const now = clock();
  return (await connectors.list())
    .filter((c) => c.enabled)
    .map((c) => ({
      name: c.name,
      lagSeconds: lagSeconds(c.state, now),
      failures: c.state.consecutiveFailures,
    }));
}
