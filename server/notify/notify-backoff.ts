/**
 * When a failed delivery is tried again: 30 s, 2 min, 10 min, 1 h and 6 h after its first,
 * second, … fifth failed try, each stretched or shrunk by up to 20 % at random (so deliveries
 * that failed together, when a receiver went down, do not all come back at once); after the
 * sixth failed try it is dead, kept for an admin to replay. A replay starts the schedule
 * afresh. Pure; the randomness is injected.
 */
import { HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';

export const RETRY_DELAYS_MS = [
  30_000,
  2 * MINUTE_MS,
  10 * MINUTE_MS,
  HOUR_MS,
  6 * HOUR_MS,
] as const;

/** Tries in one round: the first and one per delay. */
export const MAX_TRIES = RETRY_DELAYS_MS.length + 1;

export const JITTER = 0.2;

/** After the `tries`-th failed try of a round: when to try again, or null (dead). */
export function retryAt(tries: number, now: Date, random: () => number = Math.random): Date | null {
  const delay = RETRY_DELAYS_MS[tries - 1];
  if (delay === undefined) return null;
  const factor = 1 - JITTER + 2 * JITTER * random();
  return new Date(now.getTime() + Math.round(delay * factor));
}
