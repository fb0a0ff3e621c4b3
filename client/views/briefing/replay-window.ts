/**
 * The replay window: by default the briefing's period (its last 31 days when longer,
 * since the server replays at most 31), edited as wall-clock times in the city's zone.
 */
import { zonedDate, zonedMidnight, type Period } from './period.ts';

export const MAX_REPLAY_DAYS = 31;
const DAY_MS = 86_400_000;

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

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value, in the zone's wall-clock time. */
export function toLocalInput(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const { y, m, d } = zonedDate(at, timeZone);
  const sinceMidnight = at.getTime() - zonedMidnight(y, m, d, timeZone).getTime();
  const minutes = Math.floor(sinceMidnight / 60_000);
  return `${y}-${pad(m)}-${pad(d)}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
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
  return new Date(midnight + (hh * 60 + mm) * 60_000).toISOString();
}
