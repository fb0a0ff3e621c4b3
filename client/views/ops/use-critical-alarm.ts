/**
 * The console's critical alarm: for each new critical incident (shared/domain/new-critical.ts:
 * a critical report, or an escalation to critical) a visual toast, and a tone unless
 * muted. What was in the first snapshot is the starting picture, not news, so it never
 * alerts. The mute choice is kept in localStorage, per browser.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { newCriticalIncidents, type CriticalPicture } from '../../../shared/domain/new-critical.ts';
import type { LiveState } from '../../live/live-store.ts';
import { createBeeper, type Beeper } from './ops-beep.ts';

const MUTE_KEY = 'nakhoda.ops.muted';
const MAX_TOASTS = 4;
const TOAST_MS = 30_000;

export interface CriticalAlert {
  incidentId: string;
  /** Local clock (ms) when it arrived. */
  at: number;
}

function readMuted(): boolean {
  try {
    return window.localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function useCriticalAlarm(state: LiveState) {
  const [alerts, setAlerts] = useState<CriticalAlert[]>([]);
  const [muted, setMutedState] = useState(readMuted);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const picture = useRef<CriticalPicture | null>(null);
  const beeper = useRef<Beeper | null>(null);
  const mutedRef = useRef(muted);
  mutedRef.current = muted;

  useEffect(() => {
    const b = createBeeper();
    beeper.current = b;
    const off = b.onReady(() => setSoundBlocked(false));
    return () => {
      off();
      b.dispose();
      beeper.current = null;
    };
  }, []);

  const { hasSnapshot, dataVersion } = state;
  const stateRef = useRef(state);
  stateRef.current = state;
  useEffect(() => {
    const current = stateRef.current;
    if (!hasSnapshot) return;
    const news = newCriticalIncidents(picture.current, current.incidents.values());
    picture.current = news.picture;
    if (news.fresh.length === 0) return;
    const at = Date.now();
    // Newest on top: the news comes oldest first.
    const toasts = news.fresh.map((i) => ({ incidentId: i.id, at })).reverse();
    setAlerts((prev) => [...toasts, ...prev].slice(0, MAX_TOASTS));
    if (!mutedRef.current && beeper.current && !beeper.current.beep()) setSoundBlocked(true);
  }, [hasSnapshot, dataVersion]);

  useEffect(() => {
    if (alerts.length === 0) return;
    const oldest = Math.min(...alerts.map((a) => a.at));
    const timer = setTimeout(
      () => setAlerts((prev) => prev.filter((a) => Date.now() - a.at < TOAST_MS)),
      Math.max(0, oldest + TOAST_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [alerts]);

  const dismiss = useCallback(
    (incidentId: string) => setAlerts((prev) => prev.filter((a) => a.incidentId !== incidentId)),
    [],
  );
  const setMuted = useCallback((next: boolean) => {
    setMutedState(next);
    try {
      window.localStorage.setItem(MUTE_KEY, next ? '1' : '0');
    } catch {
      // Storage can be disabled (private mode); the choice then lasts for this page only.
    }
  }, []);

  return { alerts, dismiss, muted, setMuted, soundBlocked: soundBlocked && !muted };
}
