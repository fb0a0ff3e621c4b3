/**
 * The store's data version, moving at most once per `everyMs`. What a screen derives from
 * every incident (the map's hexagons, backlog per unit, pulse targets and heatmap; the
 * wall's live window, KPIs, agency board, feed and alert look) costs a pass over the
 * whole store, and a fast stream brings ten batches a second. Aggregates and numbers that
 * follow the log within a second lose nothing on a screen, and the main thread does that
 * work once a second instead of once a batch. The first version passes at once, and so
 * does a change after a quiet spell; a burst is followed by its last version when the
 * pause is over, so what is derived always catches up.
 */
import { useEffect, useRef, useState } from 'react';

export function usePacedVersion(version: number, everyMs: number): number {
  const [paced, setPaced] = useState(version);
  const lastAt = useRef(0);
  useEffect(() => {
    if (version === paced) return;
    const pass = () => {
      lastAt.current = Date.now();
      setPaced(version);
    };
    const wait = lastAt.current + everyMs - Date.now();
    if (wait <= 0) {
      pass();
      return;
    }
    const timer = setTimeout(pass, wait);
    return () => clearTimeout(timer);
  }, [version, paced, everyMs]);
  return paced;
}
