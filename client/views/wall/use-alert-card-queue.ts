/**
 * The wall's alert card queue: each new critical incident (shared/domain/new-critical.ts:
 * a critical report, or an escalation to critical) interrupts the wall with a card for
 * `showMs`, then the next. The queue is bounded, so a storm of critical reports cannot
 * pile up behind the screen, and news older than ALERT_MAX_AGE_MS stays in the feed.
 */
import { useEffect, useRef, useState } from 'react';
import { newCriticalIncidents, type CriticalPicture } from '../../../shared/domain/new-critical.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import type { LiveState } from '../../live/live-store.ts';
import { boundedQueue } from './wall-selectors.ts';

export const ALERT_SHOW_MS = 15_000;
/** Older news (say, caught up after an outage) is shown in the feed, not as an alert. */
export const ALERT_MAX_AGE_MS = 30 * MINUTE_MS;
export const ALERT_QUEUE_MAX = 5;

type AlertInputs = Pick<
  LiveState,
  'incidents' | 'dataVersion' | 'hasSnapshot' | 'serverTimeOffsetMs'
>;

/** The incident whose card is on screen now, or null. */
export function useAlertCardQueue(state: AlertInputs, showMs = ALERT_SHOW_MS): Incident | null {
  const { incidents, dataVersion, hasSnapshot } = state;
  // The clock offset moves with every heartbeat; reading it need not re-run the look.
  const offsetRef = useRef(state.serverTimeOffsetMs);
  offsetRef.current = state.serverTimeOffsetMs;
  const picture = useRef<CriticalPicture | null>(null);
  const [queue, setQueue] = useState<string[]>([]);

  useEffect(() => {
    if (!hasSnapshot) return;
    const news = newCriticalIncidents(picture.current, incidents.values(), {
      nowMs: Date.now() + offsetRef.current,
      maxAgeMs: ALERT_MAX_AGE_MS,
    });
    picture.current = news.picture;
    if (news.fresh.length > 0) {
      const ids = news.fresh.map((i) => i.id);
      setQueue((q) =>
        boundedQueue(
          q,
          ids.filter((id) => !q.includes(id)),
          ALERT_QUEUE_MAX,
        ),
      );
    }
  }, [incidents, dataVersion, hasSnapshot]);

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
