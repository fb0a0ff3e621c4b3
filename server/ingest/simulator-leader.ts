/**
 * The built-in simulator runs on exactly one node of a cluster. On PostgreSQL the node that
 * holds a session-level advisory lock (keyed by the log's schema) runs it; the others try
 * again every few seconds. The lock belongs to a dedicated connection, so it is released
 * by the database itself when its node dies, is killed or loses the connection (TCP
 * keepalive notices a vanished peer), and another node takes over at its next try. A
 * node that loses its connection stops its simulator at once: it can no longer know
 * that it alone runs one. The simulator's reports carry deterministic external ids, so a
 * new leader re-sending the current chunk's reports gets duplicates, not copies.
 *
 * On SQLite there is one node by construction, and it simply runs the simulator.
 */
import pg from 'pg';

export interface Leadership {
  /** True while this node holds the lock (and runs the work). */
  leading(): boolean;
  stop(): Promise<void>;
}

/** What a leader runs: started on taking the lock, stopped on losing it or at shutdown. */
export interface LeaderWork {
  start(): Promise<{ stop(): Promise<void> }>;
}

/** 'NKHD': the first key of every Nakhoda advisory lock; the second names the schema's lock. */
const LOCK_CLASS = 0x4e4b4844;

/** The only node: starts the work now (a backfill included) and leads until stopped. */
export async function runAlone(work: LeaderWork): Promise<Leadership> {
  let running: { stop(): Promise<void> } | null = await work.start();
  return {
    leading: () => running !== null,
    async stop() {
      const r = running;
      running = null;
      await r?.stop();
    },
  };
}

export function leadWithAdvisoryLock(opts: {
  url: string;
  schema: string;
  work: LeaderWork;
  /** What the lock is for, one lock per name and schema (default `simulator`). */
  name?: string;
  /** How often a follower tries to take the lock, in ms. */
  retryMs?: number;
  log: (msg: string) => void;
}): Leadership {
  const retryMs = opts.retryMs ?? 3_000;
  const name = opts.name ?? 'simulator';
  let client: pg.Client | null = null;
  let running: Promise<{ stop(): Promise<void> }> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const resign = async () => {
    const r = running;
    running = null;
    if (r) {
      opts.log(`${name}: leadership lost, stopping the ${name} on this node`);
      await (await r.catch(() => null))?.stop();
    }
  };

  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void attempt();
    }, retryMs);
    timer.unref();
  };

  const attempt = async () => {
    if (stopped) return;
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: opts.url, keepAlive: true });
        c.on('error', () => undefined);
        c.on('end', () => {
          if (client !== c) return;
          client = null;
          void resign().then(schedule);
        });
        client = c;
        await c.connect();
      }
      const { rows } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`,
        [LOCK_CLASS, `${name}:${opts.schema}`],
      );
      if (rows[0]?.locked && !stopped && !running) {
        opts.log(`${name}: this node leads; starting the ${name}`);
        running = opts.work.start();
        await running;
        return;
      }
    } catch (error) {
      // The database is away, or the work failed to start: let go of the session (and with
      // it the lock, if held), stop what runs, and try again later.
      opts.log(`${name}: leadership attempt failed: ${String(error)}`);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
      await resign();
    }
    schedule();
  };
  void attempt();

  return {
    leading: () => running !== null,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await resign();
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** How a node may lead one piece of work: alone (SQLite), or by a PostgreSQL advisory lock. */
export type NodeLeadership = { kind: 'alone' } | { kind: 'postgres'; url: string; schema: string };

/** Leadership of a runner, and this node's runner while it leads (else null). */
export interface LedRunner<R> extends Leadership {
  runner(): R | null;
}

/**
 * Runs what `create` makes on the one node that leads `name`; another node takes over when
 * that one goes. A new leader first catches its projection up to the log's head, so it
 * decides on the log as it is now, not as it was when this node last looked.
 */
export async function leadRunner<R extends { stop(): Promise<void> }>(opts: {
  name: string;
  leadership: NodeLeadership;
  service: { catchUp(): Promise<unknown> };
  create: () => R;
  log: (msg: string) => void;
}): Promise<LedRunner<R>> {
  let current: R | null = null;
  const work: LeaderWork = {
    start: async () => {
      await opts.service.catchUp();
      const runner = opts.create();
      current = runner;
      return {
        stop: async () => {
          if (current === runner) current = null;
          await runner.stop();
        },
      };
    },
  };
  const lead =
    opts.leadership.kind === 'postgres'
      ? leadWithAdvisoryLock({
          url: opts.leadership.url,
          schema: opts.leadership.schema,
          name: opts.name,
          work,
          log: opts.log,
        })
      : await runAlone(work);
  return { ...lead, runner: () => current };
}
