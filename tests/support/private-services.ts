/**
 * A PostgreSQL and a Redis of a test's own, on free ports in a temp folder, so a test
 * can stop and start them while every other test keeps using the machine's shared ones.
 * PostgreSQL refuses to run as root, so its commands run as the `postgres` OS user
 * (runuser) when the tests run as root.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

/** A port nothing listens on right now (the OS picks it; it is free again once closed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface PrivatePostgres {
  /** The maintenance database of this server: postgres://postgres@127.0.0.1:port/postgres. */
  url: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder; safe to call twice. */
  dispose(): Promise<void>;
}

/** Runs a PostgreSQL binary, as the postgres OS user when we are root. */
async function asPostgres(binary: string, args: string[]): Promise<string> {
  const command = join(PG_BIN, binary);
  const [file, argv] =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
  try {
    const { stdout } = await run(file, argv, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${binary} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`, {
      cause: error,
    });
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'nakhoda-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, uid, Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  // The socket goes into our folder: the system's /var/run/postgresql belongs to the shared server.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (...args: string[]) =>
    asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', ...args]);
  let disposed = false;
  try {
    await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    await pgCtl('-o', options, 'start');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pgCtl('-m', 'fast', 'stop').then(() => undefined),
    start: () => pgCtl('-o', options, 'start').then(() => undefined),
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (existsSync(join(data, 'postmaster.pid')))
        await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM) and waits for it to exit; nothing is saved. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (nothing to do while it runs). */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;

  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (running()) return resolve();
      const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
      ];
      const proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          proc.stdout!.off('data', onData);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      proc.once('error', reject);
      proc.once('exit', (code) => reject(new Error(`redis-server exited ${code}:\n${out}`)));
    });

  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc) return;
    const gone = exited(proc);
    proc.kill('SIGTERM');
    await gone;
  };

  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start, dispose: stop };
}
