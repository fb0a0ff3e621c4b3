import { describe, expect, it } from 'vitest';
import { ticker } from '../../../../server/cluster/ticker.ts';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until `check` holds (a loaded machine delays timers; no test here times them). */
async function until(check: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met within 10 s');
    await later(5);
  }
}

describe('ticker', () => {
  it('never runs twice at once: a tick asked during a run waits for it', async () => {
    let running = 0;
    let most = 0;
    const beat = ticker(async () => {
      running++;
      most = Math.max(most, running);
      await later(20);
      running--;
      return running;
    }, 0);
    await Promise.all([beat.tick(), beat.tick(), beat.tick()]);
    expect(most).toBe(1);
    await beat.stop();
  });

  it('runs by itself every tickMs after the previous run, and not after stop', async () => {
    let runs = 0;
    const beat = ticker(async () => ++runs, 10);
    await until(() => runs >= 2);
    await beat.stop();
    const stoppedAt = runs;
    await later(50);
    expect(runs).toBe(stoppedAt);
    expect(beat.stopped()).toBe(true);
  });

  it('keeps ticking after a run that failed', async () => {
    let runs = 0;
    const beat = ticker(async () => {
      runs++;
      throw new Error('store away');
    }, 10);
    await until(() => runs >= 2);
    await beat.stop();
  });

  it('with tickMs 0 runs only when asked, and stop waits for the run in flight', async () => {
    let done = false;
    const beat = ticker(async () => {
      await later(30);
      done = true;
    }, 0);
    await later(30);
    expect(done).toBe(false);
    void beat.tick();
    await beat.stop();
    expect(done).toBe(true);
  });
});
