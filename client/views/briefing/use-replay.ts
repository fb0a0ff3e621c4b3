/**
 * Replay state for the page: loads a window from GET /api/v1/replay, then moves a
 * replay cursor by the slider or by playing at 1×, 60× or 600×. The picture it returns
 * (incidents and the analyst's alerts at that moment) is its own: the live store is never
 * read or written.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alert } from '../../../shared/domain/alerts.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { fetchReplay } from './briefing-api.ts';
import { createReplayCursor, type ReplayCursor, type ReplayData } from './replay-cursor.ts';
import type { ReplayWindow } from './replay-window.ts';

export const SPEEDS = [1, 60, 600] as const;
export type Speed = (typeof SPEEDS)[number];
const TICK_MS = 250;

export interface ReplayView {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  window: ReplayWindow | null;
  eventCount: number;
  /** Current replay time, epoch ms. */
  t: number;
  visible: Incident[];
  /** The alerts screens held at `t`: active, or cleared within the window hours. */
  alerts: Alert[];
  version: number;
  playing: boolean;
  speed: Speed;
}

const IDLE: ReplayView = {
  status: 'idle',
  error: null,
  window: null,
  eventCount: 0,
  t: 0,
  visible: [],
  alerts: [],
  version: 0,
  playing: false,
  speed: 60,
};

export interface ReplayControls {
  view: ReplayView;
  load: (w: ReplayWindow) => void;
  seek: (t: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (s: Speed) => void;
}

export function useReplay(token: string | null): ReplayControls {
  const [view, setView] = useState<ReplayView>(IDLE);
  const cursor = useRef<{ cursor: ReplayCursor; data: ReplayData } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const shownKey = useRef('');

  const show = useCallback((t: number, force = false) => {
    const c = cursor.current;
    if (!c) return;
    const applied = c.cursor.seek(t);
    // Recompute the picture when an event applied or a minute passed (ended incidents
    // leave the screen by the minute); in between, only the clock moves.
    const key = `${applied}:${Math.floor(t / MINUTE_MS)}`;
    if (!force && key === shownKey.current) return setView((v) => ({ ...v, t }));
    shownKey.current = key;
    const visible = c.cursor.visible();
    const alerts = c.cursor.alerts();
    setView((v) => ({ ...v, t, visible, alerts, version: v.version + 1 }));
  }, []);

  const load = useCallback(
    (w: ReplayWindow) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      cursor.current = null;
      setView((v) => ({
        ...IDLE,
        speed: v.speed,
        status: 'loading',
        window: w,
        version: v.version,
      }));
      fetchReplay(w.from, w.to, token, controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          cursor.current = { cursor: createReplayCursor(data), data };
          setView((v) => ({ ...v, status: 'ready', eventCount: data.events.length }));
          show(Date.parse(data.from), true);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setView((v) => ({
            ...v,
            status: 'error',
            error: e instanceof Error ? e.message : String(e),
          }));
        },
      );
    },
    [token, show],
  );

  const seek = useCallback((t: number) => show(t), [show]);
  const setPlaying = useCallback((playing: boolean) => setView((v) => ({ ...v, playing })), []);
  const setSpeed = useCallback((speed: Speed) => setView((v) => ({ ...v, speed })), []);

  const { playing, speed, status } = view;
  const t = useRef(view.t);
  t.current = view.t;
  useEffect(() => {
    if (!playing || status !== 'ready') return;
    const end = cursor.current ? Date.parse(cursor.current.data.to) : 0;
    const timer = setInterval(() => {
      const next = Math.min(end, t.current + TICK_MS * speed);
      show(next);
      if (next >= end) setView((v) => ({ ...v, playing: false }));
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, status, show]);

  useEffect(() => () => abort.current?.abort(), []);

  return { view, load, seek, setPlaying, setSpeed };
}
