/**
 * The wall's URL configuration: `/wall?scenes=heatmap,agencies,hotspots,feed,alerts&every=30`.
 * The `alerts` scene (the analyst's critical alerts, visited one by one) is skipped while
 * there are none.
 * `alert` says how many seconds a new critical incident holds the wall. A wall is set up
 * once and left alone, so a typo must not blank it: unknown scene names are dropped with
 * a console warning, a bad number falls back to its default or is held inside its
 * bounds, and an empty list means every scene.
 */

export const SCENES = ['heatmap', 'agencies', 'hotspots', 'feed', 'alerts'] as const;
export type SceneName = (typeof SCENES)[number];

export const DEFAULT_EVERY_S = 30;
/** Shorter than this and nobody across the room can read a scene before it changes. */
export const MIN_EVERY_S = 8;
export const MAX_EVERY_S = 600;
export const DEFAULT_ALERT_S = 15;
export const MIN_ALERT_S = 5;
export const MAX_ALERT_S = 120;

export interface WallParams {
  scenes: SceneName[];
  everySec: number;
  /** How long a new critical incident holds the wall. */
  alertSec: number;
}

const isScene = (name: string): name is SceneName => (SCENES as readonly string[]).includes(name);

export function parseWallParams(
  search: string,
  warn: (message: string) => void = (m) => console.warn(m),
): WallParams {
  const params = new URLSearchParams(search);
  return {
    scenes: parseScenes(params.get('scenes'), warn),
    everySec: parseSeconds(
      'every',
      params.get('every'),
      [DEFAULT_EVERY_S, MIN_EVERY_S, MAX_EVERY_S],
      warn,
    ),
    alertSec: parseSeconds(
      'alert',
      params.get('alert'),
      [DEFAULT_ALERT_S, MIN_ALERT_S, MAX_ALERT_S],
      warn,
    ),
  };
}

function parseScenes(raw: string | null, warn: (message: string) => void): SceneName[] {
  if (raw === null || raw.trim() === '') return [...SCENES];
  const scenes: SceneName[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    if (!isScene(name)) {
      warn(`wall: unknown scene "${name}" ignored (known: ${SCENES.join(', ')})`);
      continue;
    }
    if (!scenes.includes(name)) scenes.push(name);
  }
  if (scenes.length === 0) {
    warn(`wall: no known scene in "${raw}"; showing all scenes`);
    return [...SCENES];
  }
  return scenes;
}

function parseSeconds(
  name: string,
  raw: string | null,
  [fallback, min, max]: [number, number, number],
  warn: (message: string) => void,
): number {
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    warn(`wall: ${name}="${raw}" is not a number of seconds; using ${fallback}`);
    return fallback;
  }
  const clamped = Math.min(max, Math.max(min, Math.round(value)));
  if (clamped !== value) warn(`wall: ${name}=${raw} held to ${clamped} s (${min}–${max})`);
  return clamped;
}
