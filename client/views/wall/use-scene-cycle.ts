/**
 * Cycles the wall's scenes on their own. Each start of a scene is an "activation" (a new
 * number), which views use as the key of camera requests. While `paused` (an alert is on
 * screen) the clock stops; when the pause ends the current scene starts again from the
 * beginning, so the room sees it whole and the camera returns to it.
 */
import { useEffect, useRef, useState } from 'react';
import type { SceneName } from './wall-params.ts';

export interface SceneCycle {
  scene: SceneName;
  index: number;
  activation: number;
  /** Local ms when this activation began. */
  startedAt: number;
}

export function useSceneCycle(
  scenes: readonly SceneName[],
  everyMs: number,
  paused: boolean,
): SceneCycle {
  const [cycle, setCycle] = useState({ index: 0, activation: 0, startedAt: Date.now() });
  const count = scenes.length;

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => {
      setCycle((c) => ({
        index: (c.index + 1) % count,
        activation: c.activation + 1,
        startedAt: Date.now(),
      }));
    }, everyMs);
    return () => clearTimeout(timer);
  }, [paused, cycle.activation, everyMs, count]);

  const wasPaused = useRef(paused);
  useEffect(() => {
    if (wasPaused.current && !paused) {
      setCycle((c) => ({ ...c, activation: c.activation + 1, startedAt: Date.now() }));
    }
    wasPaused.current = paused;
  }, [paused]);

  const index = cycle.index % Math.max(1, count);
  return {
    scene: scenes[index] ?? 'heatmap',
    index,
    activation: cycle.activation,
    startedAt: cycle.startedAt,
  };
}
