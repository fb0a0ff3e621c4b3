/**
 * A runner's heartbeat: `run` every `tickMs` after the previous run ended (0: only when
 * asked), never two runs at once — a `tick()` asked while one runs waits for it, then runs —
 * and `stop()` ends the timer and waits for the run in flight. `stopped()` lets a long run
 * stop between its steps. The analyst and the scheduled briefings tick on it.
 */
export interface Ticker<R> {
  tick(): Promise<R>;
  stop(): Promise<void>;
  stopped(): boolean;
}

export function ticker<R>(run: () => Promise<R>, tickMs: number): Ticker<R> {
  let last: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const tick = (): Promise<R> => {
    const next = last.then(run);
    last = next.catch(() => undefined);
    return next;
  };
  const schedule = () => {
    if (stopped || tickMs === 0) return;
    timer = setTimeout(() => {
      timer = null;
      void tick().then(schedule, schedule);
    }, tickMs);
    timer.unref();
  };
  schedule();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await last;
    },
    stopped: () => stopped,
  };
}
