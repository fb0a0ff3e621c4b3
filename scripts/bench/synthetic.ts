/**
 * Synthetic history for benchmarks: many incidents over many days with their whole
 * lifecycle, written straight into a store through the shared command rules (the
 * simulator's HTTP path is measured separately by the ingest benchmark).
 */
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import type { BackdateContext } from '../../shared/domain/commands.ts';
import { decideReport } from '../../shared/domain/report-incident.ts';
import { decideUpdate } from '../../shared/domain/update-incident.ts';
import { DEFAULT_BACKDATE_POLICY } from '../../shared/domain/field-time.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { DAY_MS, HOUR_MS } from '../../shared/domain/time.ts';
import type { IncidentEvent, NewEvent, Status } from '../../shared/domain/types.ts';
import type { Store } from '../../server/log/store.ts';
import { mulberry32 } from '../../server/ingest/simulator/prng.ts';

const PATH: Status[] = ['verified', 'dispatched', 'in_progress', 'resolved', 'closed'];
const ACTOR = { kind: 'system', id: 'bench' } as const;
/** Benchmarks write history as the built-in simulator does: field times days back. */
const BACKDATE: BackdateContext = { author: 'system', policy: DEFAULT_BACKDATE_POLICY };

/** Fills `store` with `days` × `perDay` incidents ending now; returns the number of events. */
export async function seedHistory(
  store: Store,
  days: number,
  perDay: number,
  seed = 1,
): Promise<number> {
  const rnd = mulberry32(seed);
  const now = Date.now();
  const start = now - days * DAY_MS;
  const total = days * perDay;
  let events = 0;
  let batch: NewEvent[] = [];
  for (let n = 0; n < total; n++) {
    const reportedAt = start + (n / total) * (now - start);
    const category = JAKARTA.categories[Math.floor(rnd() * JAKARTA.categories.length)]!;
    const id = `bench-${seed}-${n}`;
    const d = decideReport(
      {
        source: 'jaki',
        category: category.code,
        description: 'Laporan sintetis untuk pengukuran',
        location: { lon: 106.72 + rnd() * 0.24, lat: -6.35 + rnd() * 0.22 },
        reportedAt: new Date(reportedAt).toISOString(),
      },
      { pack: JAKARTA, now: new Date(now), id, actor: ACTOR, backdate: BACKDATE },
    );
    if (!d.ok) throw new Error(d.error.message);
    let incident = reduceIncident(undefined, { ...d.data[0]!, seq: 0 } as IncidentEvent);
    batch.push(...d.data);
    let t = reportedAt;
    const steps = rnd() < 0.05 ? 1 : PATH.length;
    for (let s = 0; s < steps; s++) {
      t += rnd() * 20 * HOUR_MS;
      if (t > now) break;
      const u = decideUpdate(
        incident,
        { status: PATH[s]!, occurredAt: new Date(t).toISOString() },
        { pack: JAKARTA, now: new Date(now), actor: ACTOR, id, backdate: BACKDATE },
      );
      if (!u.ok) throw new Error(u.error.message);
      for (const e of u.data)
        incident = reduceIncident(incident, { ...e, seq: 0 } as IncidentEvent);
      batch.push(...u.data);
    }
    if (batch.length >= 5000) {
      events += batch.length;
      await store.append(batch);
      batch = [];
    }
  }
  if (batch.length) {
    events += batch.length;
    await store.append(batch);
  }
  return events;
}

export function timeIt<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

export function summary(values: number[]): { median: number; p90: number; min: number } {
  const s = [...values].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)]!,
    p90: s[Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)]!,
    min: s[0]!,
  };
}
