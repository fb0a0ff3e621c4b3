/**
 * The real server as its own process (`server/index.ts`, as `npm start` runs it), so its
 * memory is its own: the resident set from /proc/<pid>/status, and the V8 heap through
 * memory-probe.ts over IPC. Resolves once the server prints its address.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../../server/index.ts', import.meta.url));
const PROBE = new URL('./memory-probe.ts', import.meta.url).href;

export interface ServerMemory {
  /** VmRSS and VmHWM (peak) from /proc, in MB. */
  rssMB: number;
  peakRssMB: number;
  /** From process.memoryUsage() inside the server, in MB (NaN if it did not answer). */
  heapUsedMB: number;
  /** Heap used after a full collection: what the server holds (NaN if it did not answer). */
  heapAfterGcMB: number;
  heapTotalMB: number;
  externalMB: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  memory(): Promise<ServerMemory>;
  /** SIGTERM (the server drains), SIGKILL after 20 s. */
  stop(): Promise<void>;
}

const MB = 1048576;

function procStatusMB(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return kb === undefined ? NaN : Number(kb) / 1024;
}

interface ProbeAnswer {
  usage: NodeJS.MemoryUsage;
  afterGc: NodeJS.MemoryUsage;
}

function heapOf(child: ChildProcess): Promise<ProbeAnswer | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), 5_000);
    const onMessage = (msg: { type?: string } & Partial<ProbeAnswer>) => {
      if (msg.type === 'memory' && msg.usage && msg.afterGc)
        done({ usage: msg.usage, afterGc: msg.afterGc });
    };
    const done = (usage: ProbeAnswer | null) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(usage);
    };
    child.on('message', onMessage);
    child.send('memory');
  });
}

export async function startServerProcess(
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<ServerProcess> {
  const child = fork(ENTRY, [], {
    execArgv: ['--expose-gc', '--import', 'tsx', '--import', PROBE],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running on (http:\/\/[^\s]+)/.exec(out);
      if (!m) return;
      child.stdout!.off('data', onData);
      resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => log(`server: ${d.toString().trimEnd()}`));
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening:\n${out}`)),
    );
  });
  // Keep reading its output (a full pipe would block the server), to the log.
  child.stdout!.on('data', (d: Buffer) => log(`server: ${d.toString().trimEnd()}`));
  const pid = child.pid!;
  return {
    url,
    pid,
    async memory() {
      // RSS first: the probe's collection must not flatter it.
      const rssMB = procStatusMB(pid, 'VmRSS');
      const probe = await heapOf(child);
      return {
        rssMB,
        peakRssMB: procStatusMB(pid, 'VmHWM'),
        heapUsedMB: probe ? probe.usage.heapUsed / MB : NaN,
        heapAfterGcMB: probe ? probe.afterGc.heapUsed / MB : NaN,
        heapTotalMB: probe ? probe.usage.heapTotal / MB : NaN,
        externalMB: probe ? probe.usage.external / MB : NaN,
      };
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
