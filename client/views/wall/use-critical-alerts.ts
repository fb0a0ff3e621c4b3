/**
 * New critical incidents interrupt the wall. A report is news when it shows up at the
 * front of the store's `recentIds` after the first snapshot (nothing in the snapshot
 * alerts). Each alert stays on screen for `showMs`, then the next; the queue is bounded,
 * so a storm of critical reports cannot pile up behind the screen.
 */
import { useEffect, useRef, useState } from 'react';
import type { Incident } from '../../../shared/domain/types.ts';
import type { LiveState } from '../../live/live-store.ts';
import { boundedQueue, newCriticalIds } from './wall-selectors.ts';

export const ALERT_SHOW_MS = 15_000;
/** Older reports (say, caught up after an outage) are shown in the feed, not as alerts. */
export const ALERT_MAX_AGE_MS = 30 * 60_000;
export const ALERT_QUEUE_MAX = 5;

type AlertInputs = Pick<
  LiveState,
  'recentIds' | 'incidents' | 'hasSnapshot' | 'serverTimeOffsetMs'
>;

export function useCriticalAlerts(state: AlertInputs, showMs = ALERT_SHOW_MS): Incident | null {
  const { recentIds, incidents, hasSnapshot, serverTimeOffsetMs } = state;
  const previous = useRef<readonly string[] | null>(null);
  const [queue, setQueue] = useState<string[]>([]);

  useEffect(() => {
    if (!hasSnapshot) return;
    const fresh = newCriticalIds(
      previous.current,
      recentIds,
      incidents,
      Date.now() + serverTimeOffsetMs,
      ALERT_MAX_AGE_MS,
    );
    previous.current = recentIds;
    if (fresh.length > 0) {
      setQueue((q) =>
        boundedQueue(
          q,
          fresh.filter((id) => !q.includes(id)),
          ALERT_QUEUE_MAX,
        ),
      );
    }
  }, [recentIds, incidents, hasSnapshot, serverTimeOffsetMs]);

  const currentId = queue[0] ?? null;
  const current = currentId === null ? null : (incidents.get(currentId) ?? null);
  const missing = currentId !== null && current === null;

  useEffect(() => {
    if (currentId === null) return;
    // An alert whose incident left the store (pruned) gives way at once.
    const timer = setTimeout(
      () => setQueue((q) => q.filter((id) => id !== currentId)),
      missing ? 0 : showMs,
    );
    return () => clearTimeout(timer);
  }, [currentId, missing, showMs]);

  return current;
}
