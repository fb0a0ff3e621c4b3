/**
 * Several real Nakhoda nodes (child processes of server/index.ts) on one PostgreSQL and
 * one Redis, behind a real nginx that runs the repo's deploy/nginx/nakhoda.conf with only
 * its node lines and listen line replaced. Nodes can be killed and started again on the
 * same port; everything started is stopped on close, and on a failed start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeRedis } from '../../server/cluster/redis.ts';
import { ADMIN_TOKEN } from './harness.ts';
import { freePort } from './private-services.ts';
import { dropPrefix, redisTestPrefix, SHARED_REDIS_URL, testRedis } from './redis.ts';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const NGINX_CONF = resolve(import.meta.dirname, '../../deploy/nginx/nakhoda.conf');
const START_TIMEOUT_MS = 60_000;

export interface ClusterOptions {
  nodes: number;
  databaseUrl: string;
  /** Default: the machine's shared Redis. */
  redisUrl?: string;
  /** For every node, over the defaults (SIMULATOR=off, ANALYST=off and the rest). */
  env?: Record<string, string>;
  /** For one node, over `env`. */
  nodeEnv?: (index: number) => Record<string, string>;
}

export interface ClusterNode {
  index: number;
  port: number;
  url: string;
  running(): boolean;
  /** What the process wrote (stdout and stderr, the last 256 kB). */
  output(): string;
  /** Sends the signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the node again on its port; resolves once it is healthy (and ready, where it can say). */
  start(): Promise<void>;
}

export interface Cluster {
  nodes: ClusterNode[];
  /** nginx, in front of every node. */
  url: string;
  /** The Redis isolation used: the stream name and key prefix given to the nodes. */
  redisPrefix: string;
  /** The node nginx sent the logged request whose URI contains `marker` to (last try wins). */
  servedBy(marker: string, timeoutMs?: number): Promise<ClusterNode>;
  /** nginx's access log so far: "$request_uri $status $upstream_addr" per request. */
  nginxLog(): string[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GET url; the status, or 0 when nothing answers. */
export async function statusOf(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Polls an async condition until it holds; throws with `what` at the deadline. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  { timeout = 90_000, every = 200 } = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeout} ms: ${what}`);
    await sleep(every);
  }
}

/** `promise`, or an error naming `what` once `ms` have passed without it settling. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/**
 * Environment of one node. The Redis prefix keeps clusters of tests running at the same
 * time apart on the shared Redis (its stream, sessions and rate-limit counters).
 */
function nodeEnvironment(port: number, opts: ClusterOptions, redisPrefix: string, index: number) {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl ?? SHARED_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    SIMULATOR: 'off',
    ANALYST: 'off',
    // Tests that post many reports at one place count them as incidents; duplicates.test.ts links.
    DUPLICATE_LINKS: 'off',
    NAKHODA_ADMIN_TOKEN: ADMIN_TOKEN,
    NAKHODA_ADMIN_PASSWORD: 'admin-password-for-tests',
    // nginx connects from loopback: the client behind it is what rate limits count.
    TRUST_PROXY: 'loopback',
    RATE_INGEST_PER_MIN: '1000000',
    RATE_INGEST_IP_PER_MIN: '1000000',
    RATE_LOGIN_PER_MIN: '1000',
    SOCKET_COMMANDS_PER_SEC: '1000',
    LOG_LEVEL: 'warn',
    ...opts.env,
    ...opts.nodeEnv?.(index),
  };
}

function createNode(index: number, port: number, env: NodeJS.ProcessEnv): ClusterNode {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let out = '';
  const exited = (proc: ChildProcess) =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => proc.once('exit', () => r()));

  const node: ClusterNode = {
    index,
    port,
    url,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    output: () => out,
    async kill(signal = 'SIGKILL') {
      const proc = child;
      if (!proc) return;
      const gone = exited(proc);
      proc.kill(signal);
      await gone;
      child = null;
    },
    async start() {
      if (node.running()) throw new Error(`node ${index} is already running`);
      const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
        env,
        cwd: resolve(import.meta.dirname, '../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const keep = (chunk: Buffer) => {
        out = (out + chunk.toString()).slice(-256_000);
      };
      proc.stdout!.on('data', keep);
      proc.stderr!.on('data', keep);
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (Date.now() < deadline) {
        if (!node.running()) throw new Error(`node ${index} exited while starting:\n${out}`);
        if ((await statusOf(`${url}/healthz`)) === 200) {
          const ready = await statusOf(`${url}/readyz`);
          // 404: a server without /readyz yet; healthy is all it can say.
          if (ready === 200 || ready === 404) return;
        }
        await sleep(200);
      }
      await node.kill();
      throw new Error(`node ${index} not ready within ${START_TIMEOUT_MS} ms:\n${out}`);
    },
  };
  return node;
}

/** deploy/nginx/nakhoda.conf with its node lines and listen line made to point here. */
export function renderNginxConf(source: string, nodePorts: number[], listenPort: number): string {
  const block = /^([ \t]*)# nodes:begin.*\n([\s\S]*?)^[ \t]*# nodes:end.*$/m.exec(source);
  if (!block) throw new Error(`${NGINX_CONF}: no "# nodes:begin" ... "# nodes:end" block`);
  // The operator's options on the first node line (max_fails and the rest) are kept.
  const first = /^[ \t]*server[ \t]+\S+(.*);/m.exec(block[2]!);
  if (!first) throw new Error(`${NGINX_CONF}: no server line between the node markers`);
  const indent = block[1]!;
  const servers = nodePorts.map((p) => `${indent}server 127.0.0.1:${p}${first[1]};`).join('\n');
  const listen = /^([ \t]*)listen[ \t]+[^;]+;(.*# listen.*)$/m;
  if (!listen.test(source)) throw new Error(`${NGINX_CONF}: no listen line marked "# listen"`);
  return source
    .replace(block[0], servers)
    .replace(listen, (_m, ws: string) => `${ws}listen 127.0.0.1:${listenPort};`);
}

interface RunningNginx {
  url: string;
  accessLog: string;
  stop(): Promise<void>;
}

async function startNginx(dir: string, nodePorts: number[]): Promise<RunningNginx> {
  if (!existsSync(NGINX))
    throw new Error(`nginx not found at ${NGINX} (apt-get install nginx, or set NGINX_PATH)`);
  const port = await freePort();
  // Workers of a root nginx run as nobody: they must reach the temp folders below.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'temp'));
  writeFileSync(
    join(dir, 'nakhoda.conf'),
    renderNginxConf(readFileSync(NGINX_CONF, 'utf8'), nodePorts, port),
  );
  const accessLog = join(dir, 'access.log');
  const temp = (name: string) => `${name}_temp_path ${join(dir, 'temp', name)};`;
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
      // Which node served each request: the tests read it to know whom to kill.
      "log_format nodes '$request_uri $status $upstream_addr';",
      `access_log ${accessLog} nodes;`,
      `include ${join(dir, 'nakhoda.conf')};`,
      '}',
    ].join('\n'),
  );
  const proc = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const gone = new Promise<void>((r) => proc.once('exit', () => r()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await gone;
  };
  const deadline = Date.now() + 15_000;
  while (!(await portOpen(port))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      await stop();
      const log = existsSync(join(dir, 'error.log'))
        ? readFileSync(join(dir, 'error.log'), 'utf8')
        : '';
      throw new Error(`nginx did not start:\n${out}\n${log}`);
    }
    await sleep(50);
  }
  return { url: `http://127.0.0.1:${port}`, accessLog, stop };
}

/** Leaves nothing of a cluster in the shared Redis. */
async function dropSharedKeys(prefix: string): Promise<void> {
  const { client } = await testRedis(SHARED_REDIS_URL);
  try {
    await dropPrefix(client, prefix);
  } finally {
    await closeRedis(client);
  }
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'nakhoda-cluster-'));
  const redisPrefix = redisTestPrefix();
  const nodes: ClusterNode[] = [];
  let nginx: RunningNginx | null = null;
  const close = async () => {
    await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
    await nginx?.stop();
    rmSync(dir, { recursive: true, force: true });
    if (opts.redisUrl === undefined) await dropSharedKeys(redisPrefix);
  };
  try {
    for (let i = 0; i < opts.nodes; i++) {
      const port = await freePort();
      nodes.push(createNode(i, port, nodeEnvironment(port, opts, redisPrefix, i)));
    }
    // One at a time: the first applies the migrations the others then find done.
    for (const node of nodes) await node.start();
    nginx = await startNginx(
      dir,
      nodes.map((n) => n.port),
    );
  } catch (error) {
    await close();
    throw error;
  }
  const { url, accessLog } = nginx;
  const nginxLog = () =>
    existsSync(accessLog) ? readFileSync(accessLog, 'utf8').split('\n').filter(Boolean) : [];
  return {
    nodes,
    url,
    redisPrefix,
    async servedBy(marker, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = nginxLog().find((l) => l.split(' ')[0]!.includes(marker));
        // "$upstream_addr" lists every node tried, comma-separated; the last one answered.
        const addr = line?.split(' ').slice(2).join(' ').split(',').pop()?.trim();
        const node = nodes.find((n) => addr === `127.0.0.1:${n.port}`);
        if (node) return node;
        if (Date.now() > deadline)
          throw new Error(`no request with "${marker}" in nginx's log (${line ?? 'none'})`);
        await sleep(100);
      }
    },
    nginxLog,
    close,
  };
}
