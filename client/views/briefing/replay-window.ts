/**
 * The replay window: by default the briefing's period (its last 31 days when longer,
 * since the server replays at most 31), edited as wall-clock times in the city's zone.
 */
import {
  DAY_MS,
  MINUTE_MS,
  formatYmd,
  pad2,
  zonedDate,
  zonedMidnight,
} from '../../../shared/domain/time.ts';
import { MAX_REPLAY_DAYS } from '../../../shared/contract.ts';
import type { Period } from './period.ts';

export interface ReplayWindow {
  from: string;
  to: string;
}

export function defaultReplayWindow(period: Period): ReplayWindow {
  const to = period.to.getTime();
  const from = Math.max(period.from.getTime(), to - MAX_REPLAY_DAYS * DAY_MS);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function replayWindowError(w: ReplayWindow): 'invalid' | 'too_long' | null {
  const span = Date.parse(w.to) - Date.parse(w.from);
  if (!(span > 0)) return 'invalid';
  return span > MAX_REPLAY_DAYS * DAY_MS ? 'too_long' : null;
}

/** An instant as a `datetime-local` value, in the zone's wall-clock time. */
export function toLocalInput(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const date = zonedDate(at, timeZone);
  const sinceMidnight = at.getTime() - zonedMidnight(date.y, date.m, date.d, timeZone).getTime();
  const minutes = Math.floor(sinceMidnight / MINUTE_MS);
  return `${formatYmd(date)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/**
 * A `datetime-local` value read as wall-clock time in the zone (not the browser's).
 * Counted from local midnight, which is exact in zones without daylight saving (WIB).
 */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [y, m, d, hh, mm] = match.slice(1).map(Number) as [number, number, number, number, number];
  const midnight = zonedMidnight(y, m, d, timeZone).getTime();
  return new Date(midnight + (hh * 60 + mm) * MINUTE_MS).toISOString();
}
