/**
 * The parent's side of clients.ts: forks it and asks it, over IPC, for its counts and,
 * at the end, to wait until every client holds the log's head.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientsSample } from './clients.ts';

const ENTRY = fileURLToPath(new URL('./clients.ts', import.meta.url));

export interface ClientsProcess {
  sample(): Promise<ClientsSample>;
  /** Clients still short of `seq` after `timeoutMs`, and the counts then. */
  drain(seq: number, timeoutMs: number): Promise<{ behind: number; sample: ClientsSample }>;
  stop(): Promise<void>;
}

type Reply =
  | { type: 'started'; clients: number }
  | { type: 'sample'; sample: ClientsSample }
  | { type: 'drained'; behind: number; sample: ClientsSample };

function next<T extends Reply['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<Reply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`clients process: no '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (msg: Reply) => {
      if (msg.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg as Extract<Reply, { type: T }>);
    };
    child.on('message', onMessage);
  });
}

export async function startClientsProcess(opts: {
  url: string;
  tokens: string[];
  clients: number;
}): Promise<ClientsProcess> {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      SOAK_URL: opts.url,
      SOAK_TOKENS: opts.tokens.join(','),
      SOAK_CLIENTS: String(opts.clients),
    },
  });
  await next(child, 'started', 60_000);
  return {
    async sample() {
      const reply = next(child, 'sample', 30_000);
      child.send({ type: 'sample' });
      return (await reply).sample;
    },
    async drain(seq, timeoutMs) {
      const reply = next(child, 'drained', timeoutMs + 30_000);
      child.send({ type: 'drain', seq, timeoutMs });
      const { behind, sample } = await reply;
      return { behind, sample };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'stop' });
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
