/**
 * What the fan-out bench's processes agree on: the reports the poster sends (each stamped
 * with the instant it was sent, so a client computes its latency alone, without joining
 * data across processes), the clock they all read, and a latency histogram that travels
 * between processes in a few hundred numbers instead of millions.
 */
import { JAKARTA } from '../../../shared/city/jakarta/index.ts';

/**
 * Milliseconds on a clock every process of this machine shares: each process's
 * `timeOrigin` is wall time at its start, `now()` a monotonic offset from it.
 */
export const sharedNow = (): number => performance.timeOrigin + performance.now();

/** External id of the n-th report of a run: `<run>-<n>-<sent at, ms>`. */
export const stampedId = (run: string, n: number, sentAt: number): string =>
  `${run}-${n}-${sentAt.toFixed(2)}`;

/** The send instant stamped in a report's external id, or null when it is not this run's. */
export function stampOf(externalId: unknown, run: string): number | null {
  if (typeof externalId !== 'string' || !externalId.startsWith(`${run}-`)) return null;
  return Number(externalId.slice(externalId.lastIndexOf('-') + 1));
}

const CATEGORIES = JAKARTA.categories.map((c) => c.code);

/**
 * A citizen's report as JAKI sends it, reporter included, so audiences that may not see
 * personal data get a redacted copy (the work a real wall or agency console causes).
 */
export function reportItem(externalId: string, n: number) {
  return {
    source: 'jaki',
    externalId,
    category: CATEGORIES[n % CATEGORIES.length]!,
    description: 'Genangan air setinggi 30 cm di depan sekolah, kendaraan sulit lewat',
    reporter: { name: 'Warga', phone: '+62 812 0000 1111' },
    location: { lon: 106.72 + (n % 100) * 0.0025, lat: -6.3 + (n % 97) * 0.002 },
  };
}

/** Latencies in 1-ms bins up to two minutes; beyond that they count in the last bin. */
export const HISTOGRAM_MS = 120_000;

export class LatencyHistogram {
  readonly bins = new Uint32Array(HISTOGRAM_MS + 1);
  count = 0;
  max = 0;

  add(ms: number): void {
    const v = Math.max(0, ms);
    this.bins[Math.min(HISTOGRAM_MS, Math.floor(v))]!++;
    this.count++;
    if (v > this.max) this.max = v;
  }

  /** Non-empty bins as [ms, count] pairs: what crosses the process boundary. */
  sparse(): [number, number][] {
    const out: [number, number][] = [];
    this.bins.forEach((c, ms) => {
      if (c) out.push([ms, c]);
    });
    return out;
  }

  merge(sparse: [number, number][], max: number): void {
    for (const [ms, c] of sparse) {
      this.bins[ms]! += c;
      this.count += c;
    }
    if (max > this.max) this.max = max;
  }

  /** The bin (ms, lower bound) holding the q-quantile; its upper bound is one more. */
  quantile(q: number): number {
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let ms = 0; ms < this.bins.length; ms++) {
      seen += this.bins[ms]!;
      if (seen >= rank && seen > 0) return ms;
    }
    return NaN;
  }
}
