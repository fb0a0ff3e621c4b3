/**
 * Says whether the data on screen is live. A wall runs unattended for weeks, so a dead
 * stream must be obvious from across the room: it names the time the data stopped.
 * `data-seq` says which point of the log the picture reflects (empty before the first
 * snapshot). It is read from the same store state as the screen's numbers and rendered
 * in the same commit, so a test or an operator can compare the screen with the log at
 * exactly that seq while reports keep arriving.
 */
import { formatTime } from '../../shared/domain/time.ts';
import type { LiveState } from '../live/live-store.ts';
import { CLOCK_LOCALE, zoneLabel } from './zone-label.ts';

interface LiveIndicatorProps {
  state: Pick<
    LiveState,
    'connection' | 'staleSince' | 'serverTimeOffsetMs' | 'seq' | 'hasSnapshot'
  >;
  timeZone: string;
}

type Shown = 'live' | 'stale' | 'connecting';

export function LiveIndicator({ state, timeZone }: LiveIndicatorProps) {
  const { connection, staleSince, serverTimeOffsetMs, seq, hasSnapshot } = state;
  // Offline with data on screen is stale data, shown the same way: what matters on the wall
  // is that the picture has stopped, and since when.
  const shown: Shown =
    connection === 'live'
      ? 'live'
      : connection === 'connecting' || staleSince === null
        ? 'connecting'
        : 'stale';
  let label = 'MENGHUBUNGKAN · Connecting';
  if (shown === 'live') {
    label = 'LANGSUNG · Live';
  } else if (shown === 'stale' && staleSince !== null) {
    const since = formatTime(new Date(staleSince + serverTimeOffsetMs), timeZone, CLOCK_LOCALE);
    label = `TERPUTUS · Stale since ${since} ${zoneLabel(timeZone)}`;
  }
  return (
    <div
      className={`live-indicator live-indicator--${shown}`}
      data-testid="live-indicator"
      data-state={shown}
      data-connection={connection}
      data-seq={hasSnapshot ? seq : ''}
      role="status"
    >
      <span className="live-indicator__dot" aria-hidden="true" />
      {label}
    </div>
  );
}
