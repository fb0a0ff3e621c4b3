/**
 * The fan-out bench runs the server, the clients and the poster in separate Node
 * processes, so the load generator never shares the server's event loop. This is how
 * the coordinator starts them (TypeScript through tsx) and talks to them (Node's IPC
 * channel), and the messages they exchange.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The server process says where it listens and what each client and the poster present. */
export interface ServerReady {
  type: 'ready';
  url: string;
  /** Where the poster sends its batches. */
  postPath: string;
  /** Bearer token of the poster; null for the baseline, which asks none. */
  postToken: string | null;
  /** One handshake auth per client, in order; null for the baseline. */
  clientTokens: (string | null)[];
}
export interface ServerCpu {
  type: 'cpu';
  /** CPU the server process used since the last `cpu` request, in ms (user + system). */
  cpuMs: number;
  rssMb: number;
}
export type ToServer = { type: 'cpu' } | { type: 'stop' };

export type ToClients =
  | {
      type: 'connect';
      url: string;
      tokens: (string | null)[];
      run: string;
      /** How the clients read batches: see batch-decoder.ts. */
      decode: 'scan' | 'full';
    }
  | { type: 'expect'; count: number; stallMs: number };
export interface ClientsConnected {
  type: 'connected';
  clients: number;
}
export interface ClientsStats {
  type: 'stats';
  clients: number;
  /** CPU this client process used while the reports flowed, % of one core. */
  cpuPct: number;
  /** Events of this run received, summed over clients (a duplicate counts again). */
  received: number;
  /** Clients that got exactly the expected number of this run's events. */
  complete: number;
  /** Batches whose `from` was not the previous `to` + 1, over all clients. */
  gaps: number;
  disconnects: number;
  /** Why they were disconnected (socket.io-client's reasons: 'ping timeout', …). */
  disconnectReasons: Record<string, number>;
  latency: [number, number][];
  maxMs: number;
  batches: number;
  /** Bytes an event of the first client's batches took (as JSON text), to compare payloads. */
  bytesPerEvent: number;
}

export interface PostPlan {
  type: 'post';
  url: string;
  path: string;
  token: string | null;
  run: string;
  rate: number;
  seconds: number;
  /** Posted first at the same rate under another run id, not measured. */
  warmupSeconds: number;
  sliceMs: number;
}
export interface PostDone {
  type: 'done';
  sent: number;
  /** Reports the server answered as created (each one an event every client must get). */
  created: number;
  failedRequests: number;
  /** Request latency of the batch posts, ms. */
  requestP50: number;
  requestP99: number;
  /** The most a slice was posted behind its schedule, ms (whether the poster kept up). */
  lateMs: number;
}

/** Starts a bench process from its .ts file with an IPC channel. */
export function startProcess(
  file: string,
  opts: { execArgv?: string[]; env?: Record<string, string> } = {},
): ChildProcess {
  return fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])],
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next message of `type` from `child`; fails if it exits first or takes too long. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs = 60_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: unknown) => {
      if ((m as { type?: unknown }).type !== type) return;
      done();
      resolve(m as T);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`bench process exited (${code}) before sending '${type}'`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no '${type}' from a bench process within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Resolves when `child` has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** In a child: sends a message to the coordinator. */
export function tell(message: object): void {
  process.send?.(message);
}
