/**
 * Group commit for the write path. Commands wait in one queue; whatever has queued up
 * by the time the previous commit is done (requests parsed while it ran) is handed to
 * `commit` as one group, in arrival order, and each caller is answered with its own
 * outcome only after that group's transaction. Work that must see everything before it
 * and run alone (an update) goes in the same queue with `exclusive`, so order holds
 * across both kinds.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** One command's outcome: its value, or the error its caller's promise rejects with. */
export type Settled<T> = { value: T } | { error: unknown };

export interface IngestQueue<C, R> {
  submit(command: C): Promise<R>;
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves once every command queued so far has been answered. */
  idle(): Promise<void>;
}

interface Grouped<C, R> {
  command: C;
  resolve(value: R): void;
  reject(error: unknown): void;
}
type Job<C, R> = { alone: () => Promise<void> } | Grouped<C, R>;

export function createIngestQueue<C, R>(
  commit: (group: C[]) => Promise<Settled<R>[]>,
  opts: { maxGroup: number },
): IngestQueue<C, R> {
  const jobs: Job<C, R>[] = [];
  let draining = false;
  const waiters: (() => void)[] = [];

  const runGroup = async (group: Grouped<C, R>[]) => {
    try {
      const settled = await commit(group.map((j) => j.command));
      settled.forEach((s, i) => {
        const job = group[i]!;
        if ('error' in s) job.reject(s.error);
        else job.resolve(s.value);
      });
    } catch (error) {
      for (const job of group) job.reject(error);
    }
  };

  const drain = async () => {
    // A turn first, so every request read in this turn of the loop joins the group.
    await nextTurn();
    while (jobs.length > 0) {
      const head = jobs[0]!;
      if ('alone' in head) {
        jobs.shift();
        await head.alone();
      } else {
        let n = 1;
        while (n < jobs.length && n < opts.maxGroup && !('alone' in jobs[n]!)) n++;
        await runGroup(jobs.splice(0, n) as Grouped<C, R>[]);
      }
      if (jobs.length > 0) await nextTurn();
    }
    draining = false;
    for (const w of waiters.splice(0)) w();
  };

  const enqueue = (job: Job<C, R>) => {
    jobs.push(job);
    if (draining) return;
    draining = true;
    void drain();
  };

  return {
    submit: (command) => new Promise<R>((resolve, reject) => enqueue({ command, resolve, reject })),
    exclusive: <T>(fn: () => Promise<T>) =>
      new Promise<T>((resolve, reject) => enqueue({ alone: () => fn().then(resolve, reject) })),
    idle: () => (draining ? new Promise<void>((r) => waiters.push(r)) : Promise.resolve()),
  };
}
