/**
 * A small seeded PRNG (mulberry32) and the draws the simulator needs. Hand-written so
 * a seed means the same stream on every machine and Node version, which is what makes
 * a simulated week reproducible in tests and demos.
 */

export type Rng = () => number;

/** mulberry32: 32-bit state, period 2^32, good enough for simulation (not for secrets). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a seed with integer keys into a fresh 32-bit seed (murmur3's finaliser), so that
 * each simulated hour or day gets its own independent stream: planning any window then
 * yields the same incidents for the hours it shares with another window.
 */
export function mixSeed(seed: number, ...keys: number[]): number {
  let h = seed >>> 0;
  for (const key of keys) {
    // Keys may exceed 32 bits (a time in ms), so both halves are mixed in.
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) >>> 0;
    for (const k of [lo, hi]) {
      h = Math.imul(h ^ k, 0x85ebca6b) >>> 0;
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35) >>> 0;
      h ^= h >>> 16;
      h = (h + 0x9e3779b9) >>> 0;
    }
  }
  return h;
}

export function streamFor(seed: number, ...keys: number[]): Rng {
  return mulberry32(mixSeed(seed, ...keys));
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

export function intBetween(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng() * (maxInclusive - min + 1));
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

/** Picks a key by weight; weights need not sum to 1. */
export function pickWeighted<K>(rng: Rng, entries: readonly (readonly [K, number])[]): K {
  let total = 0;
  for (const [, w] of entries) total += w;
  if (!(total > 0)) throw new Error('pickWeighted needs a positive total weight');
  let r = rng() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  // Floating-point leftovers land on the last entry.
  return (entries[entries.length - 1] as readonly [K, number])[0];
}

export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

/** Standard normal by Box–Muller (one of the pair is dropped to keep the stream simple). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u = 1 - rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Lognormal given its median and log-space sigma: right-skewed like real response times. */
export function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(normal(rng, 0, sigma));
}

/** Poisson count: Knuth for small means, a rounded normal above (error is negligible there). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng();
    while (p > limit) {
      k++;
      p *= rng();
    }
    return k;
  }
  return Math.max(0, Math.round(normal(rng, mean, Math.sqrt(mean))));
}
