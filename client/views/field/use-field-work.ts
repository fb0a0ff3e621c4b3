/**
 * The incidents the crew works from: the live stream while it is live, and a copy of the
 * crew's part of it kept on the phone (outbox-db.ts) for when it is not — a crew out of
 * signal still sees its queue, labelled with the time it was last live, never as live: the
 * page's own copy when it loses the signal, the phone's stored one when it starts without.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Principal } from '../../../shared/domain/access.ts';
import { isFieldWorkOf } from '../../../shared/domain/field-work.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import type { LiveState } from '../../live/live-store.ts';
import { loadWork, saveWork } from './outbox-db.ts';

const SAVE_EVERY_MS = 5_000;

export interface FieldWorkSource {
  incidents: readonly Incident[];
  /** Null while live; else device time (ms) of the copy shown, or 0 when there is none. */
  cachedAt: number | null;
}

export function useFieldWork(state: LiveState, principal: Principal | null): FieldWorkSource {
  const live = state.connection === 'live' && state.hasSnapshot;
  const userId = principal?.id ?? null;
  const [cached, setCached] = useState<{ savedAt: number; incidents: Incident[] } | null>(null);
  const lastSave = useRef(0);
  /** Device time (ms) the page last had the live stream; 0 before it ever had. */
  const lastLive = useRef(0);

  const liveWork = useMemo(
    () => (principal === null ? [] : state.incidentList.filter((i) => isFieldWorkOf(principal, i))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.incidentList, state.dataVersion, principal],
  );

  useEffect(() => {
    if (userId === null) return;
    void loadWork(userId).then((w) => setCached(w));
  }, [userId]);

  useEffect(() => {
    if (!live || userId === null) return;
    const now = Date.now();
    const wait = Math.max(0, lastSave.current + SAVE_EVERY_MS - now);
    const timer = window.setTimeout(() => {
      lastSave.current = Date.now();
      const snapshot = { userId, savedAt: Date.now(), incidents: liveWork.map((i) => ({ ...i })) };
      void saveWork(snapshot).then(() => setCached(snapshot));
    }, wait);
    return () => window.clearTimeout(timer);
  }, [live, userId, liveWork]);

  if (live) {
    lastLive.current = Date.now();
    return { incidents: liveWork, cachedAt: null };
  }
  // Signal lost after the page had live data: what it holds in memory is the newest copy.
  if (state.hasSnapshot && lastLive.current > 0) {
    return { incidents: liveWork, cachedAt: lastLive.current };
  }
  return { incidents: cached?.incidents ?? [], cachedAt: cached?.savedAt ?? 0 };
}
