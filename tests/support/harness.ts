/**
 * Test harness: the real server on port 0 with a temp SQLite file, real
 * socket.io-client connections, and a helper to await the next event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract.ts';
import { loadConfig } from '../../server/config.ts';
import type { AppOptions } from '../../server/app.ts';
import { startNakhoda, type Nakhoda } from '../../server/nakhoda.ts';

/** The admin API token every test server is seeded with. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer extends Nakhoda {
  dbFile: string;
  /** Closes the server and removes its temp folder. */
  dispose(): Promise<void>;
}

export function tempDbFile(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nakhoda-test-'));
  return {
    file: join(dir, 'nakhoda.db'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function startServer(
  opts: { dbFile?: string; env?: Record<string, string> } & Partial<
    Omit<AppOptions, 'store' | 'pack'>
  > = {},
): Promise<TestServer> {
  const temp = opts.dbFile ? null : tempDbFile();
  const dbFile = opts.dbFile ?? temp!.file;
  const { dbFile: _f, env, ...appOpts } = opts;
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${dbFile}`,
    SIMULATOR: 'off',
    ANALYST: 'off',
    // Tests that post many reports at one place count them as incidents; duplicates.test.ts links.
    DUPLICATE_LINKS: 'off',
    STATIC_DIR: 'dist',
    NAKHODA_ADMIN_TOKEN: ADMIN_TOKEN,
    NAKHODA_ADMIN_PASSWORD: 'admin-password-for-tests',
    RATE_INGEST_PER_MIN: '100000',
    RATE_INGEST_IP_PER_MIN: '100000',
    RATE_LOGIN_PER_MIN: '1000',
    SOCKET_COMMANDS_PER_SEC: '1000',
    ...env,
  });
  const nakhoda = await startNakhoda(config, { log: () => undefined, ...appOpts });
  return {
    ...nakhoda,
    dbFile,
    async dispose() {
      await nakhoda.close();
      temp?.cleanup();
    },
  };
}

export function connectClient(
  url: string,
  opts: { autoConnect?: boolean; token?: string | null } = {},
): TestSocket {
  const { token = ADMIN_TOKEN, ...rest } = opts;
  return io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: token === null ? {} : { token },
    ...rest,
  });
}

/** A socket that presents a login session's cookie, as a browser page would; `origin` is the page's. */
export function connectWithCookie(
  url: string,
  cookie: string,
  opts: { origin?: string } = {},
): TestSocket {
  return io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie, ...(opts.origin ? { origin: opts.origin } : {}) },
  });
}

/** Resolves with the handshake's outcome: 'connected', or the server's refusal message. */
export function handshake(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect_error', (err) => {
      socket.disconnect();
      resolve(err.message);
    });
    socket.once('connect', () => resolve('connected'));
  });
}

/** Resolves with the reason the socket was hung up. */
export function disconnected(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  name: E,
  { timeout = 5000 } = {},
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, handler as never);
      reject(new Error(`no '${String(name)}' within ${timeout} ms`));
    }, timeout);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      socket.off(name, handler as never);
      resolve(payload);
    };
    socket.on(name, handler as never);
  });
}

// Responses are asserted field by field in tests; a loose type keeps them short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonBody = any;

export async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: JsonBody; headers: Headers }> {
  const all: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers };
  for (const [k, v] of Object.entries(all)) if (v === '') delete all[k];
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? all : { 'content-type': 'application/json', ...all },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A valid report in central Jakarta; override any field. */
export function report(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: 'jaki',
    category: 'road_damage',
    description: 'Jalan berlubang di depan halte',
    location: { lon: 106.8272, lat: -6.1754 },
    ...overrides,
  };
}

export async function waitFor(
  check: () => boolean,
  { timeout = 5000, every = 20 } = {},
): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}
