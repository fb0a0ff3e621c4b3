/**
 * The simulator runner with an in-memory sink and fake timers: backfill sends history in
 * order with past timestamps, live mode sends at speed, and stop() stops everything.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ReportIncidentInput,
  UpdateIncidentInput,
} from '../../../../../shared/domain/schemas.ts';
import { createSimulator } from '../../../../../server/ingest/simulator/runner.ts';
import type { SimulatorSink } from '../../../../../server/ingest/simulator/sink.ts';

const NOW = new Date('2026-11-27T12:00:00+07:00');

type Call =
  | { kind: 'report'; id: string; input: ReportIncidentInput; at: number }
  | { kind: 'update'; id: string; input: UpdateIncidentInput; at: number };

/** A test double of the sink: records what it is sent, when (fake time), and can be made to fail. */
function memorySink(opts: { failReportsEvery?: number } = {}) {
  const calls: Call[] = [];
  const seen = new Map<string, string>();
  let n = 0;
  const sink: SimulatorSink = {
    async report(input) {
      n++;
      if (opts.failReportsEvery && n % opts.failReportsEvery === 0)
        throw new Error('server said no');
      const key = `${input.source}/${input.externalId}`;
      const existing = seen.get(key);
      if (existing) return { id: existing, created: false };
      const id = `inc-${n}`;
      seen.set(key, id);
      calls.push({ kind: 'report', id, input, at: Date.now() });
      return { id, created: true };
    },
    async update(id, input) {
      calls.push({ kind: 'update', id, input, at: Date.now() });
    },
  };
  const reports = () => calls.filter((c) => c.kind === 'report');
  const updates = () => calls.filter((c) => c.kind === 'update');
  return { sink, calls, reports, updates };
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createSimulator: backfill', () => {
  it('sends a day of history in chronological order with past timestamps', async () => {
    const mem = memorySink();
    const sim = createSimulator({ sink: mem.sink, seed: 7, speed: 600 });
    const created = await sim.backfill(1);

    expect(created).toBe(mem.reports().length);
    expect(created).toBeGreaterThan(300);
    expect(created).toBeLessThan(900);
    expect(mem.updates().length).toBeGreaterThan(created);

    const reported = new Set<string>();
    let last = 0;
    for (const c of mem.calls) {
      const stamp = c.kind === 'report' ? c.input.reportedAt : c.input.occurredAt;
      expect(stamp, `${c.kind} carries its time`).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
      const t = Date.parse(stamp!);
      expect(t).toBeLessThanOrEqual(NOW.getTime());
      expect(t).toBeGreaterThanOrEqual(NOW.getTime() - 24 * 3_600_000);
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      if (c.kind === 'report') reported.add(c.id);
      else expect(reported.has(c.id), 'an update follows its report').toBe(true);
    }
    await sim.stop();
  });

  it('leaves the rest of open incidents to play live, without timestamps, then stops', async () => {
    const mem = memorySink();
    const sim = createSimulator({ sink: mem.sink, seed: 7, speed: 600 });
    await sim.backfill(1);
    const before = mem.updates().length;
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    // 10 real minutes at speed 600 ≈ 4 simulated days: most open work finishes.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const live = mem.updates().slice(before);
    expect(live.length).toBeGreaterThan(0);
    for (const c of live) expect(c.input.occurredAt).toBeUndefined();
    // No reports: only start() makes new ones.
    expect(mem.reports().every((c) => c.input.reportedAt !== undefined)).toBe(true);

    await sim.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not touch incidents the server already has', async () => {
    const mem = memorySink();
    const first = createSimulator({ sink: mem.sink, seed: 7, speed: 600 });
    await first.backfill(1);
    await first.stop();
    const calls = mem.calls.length;

    const again = createSimulator({ sink: mem.sink, seed: 7, speed: 600 });
    expect(await again.backfill(1)).toBe(0);
    expect(mem.calls.length).toBe(calls);
    expect(again.stats().existing).toBeGreaterThan(300);
    await again.stop();
  });
});

describe('createSimulator: live', () => {
  it('sends reports and updates at speed 600, untimestamped, and stop() stops everything', async () => {
    const mem = memorySink();
    const log = vi.fn();
    const sim = createSimulator({ sink: mem.sink, seed: 7, speed: 600, log });
    sim.start();
    // One real minute is ten simulated hours around midday: about 250 reports.
    await vi.advanceTimersByTimeAsync(60_000);

    const reports = mem.reports();
    expect(reports.length).toBeGreaterThan(100);
    expect(reports.length).toBeLessThan(500);
    for (const r of reports) expect(r.input.reportedAt).toBeUndefined();
    const updates = mem.updates();
    expect(updates.length).toBeGreaterThan(100);
    for (const u of updates) expect(u.input.occurredAt).toBeUndefined();
    // Fires are answered within minutes of simulated time: seconds of real time.
    // (`at` is fake time: a simulated quantity, not a measure of how fast the test runs.)
    const fire = reports.find((r) => r.input.category === 'fire');
    if (!fire) throw new Error('seed 7 sent no fire report in ten simulated hours');
    const firstUpdate = updates.find((u) => u.id === fire.id);
    expect(firstUpdate?.input.status, 'the fire is answered').toMatch(/^(verified|dispatched)$/);
    expect(firstUpdate!.at - fire.at).toBeLessThan(15 * 60_000);

    await sim.stop();
    expect(vi.getTimerCount()).toBe(0);
    const sent = mem.calls.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(mem.calls.length).toBe(sent);
    sim.start();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends exactly ratePerMinute reports a minute when asked, for load', async () => {
    const mem = memorySink();
    const sim = createSimulator({ sink: mem.sink, seed: 3, speed: 60, ratePerMinute: 30 });
    sim.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(Math.abs(mem.reports().length - 90)).toBeLessThanOrEqual(1);
    await sim.stop();
  });

  it('backfills at ratePerMinute when asked, so a load run starts with its window full', async () => {
    const mem = memorySink();
    const sim = createSimulator({ sink: mem.sink, seed: 3, speed: 60, ratePerMinute: 2 });
    // Two a minute for a day, against the city's ~500 a day without a rate.
    expect(await sim.backfill(1)).toBe(2 * 1440);
    const times = mem.reports().map((r) => Date.parse(r.input.reportedAt!));
    const hours = new Set(times.map((t) => Math.floor(t / 3_600_000)));
    expect(hours.size, 'spread over the whole day').toBeGreaterThanOrEqual(24);
    await sim.stop();
  });

  it('keeps running when the sink fails, counting and logging the failures', async () => {
    const mem = memorySink({ failReportsEvery: 3 });
    const log = vi.fn();
    const sim = createSimulator({ sink: mem.sink, seed: 5, speed: 600, log });
    sim.start();
    await vi.advanceTimersByTimeAsync(30_000);
    const { reports, failed } = sim.stats();
    expect(reports).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(10);
    expect(log.mock.calls.some(([msg]) => String(msg).includes('server said no'))).toBe(true);
    await sim.stop();
  });

  it('refuses a speed or rate that cannot work', () => {
    const { sink } = memorySink();
    expect(() => createSimulator({ sink, seed: 1, speed: 0 })).toThrow(/speed/);
    expect(() => createSimulator({ sink, seed: 1, speed: 1, ratePerMinute: -1 })).toThrow(
      /ratePerMinute/,
    );
  });
});
