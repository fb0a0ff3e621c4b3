/**
 * The wall's one clock: a single tick per second, on the second, that drives the clock,
 * the stale check, the pulse beat and the hotspot tour. One timer for the whole wall, and
 * it is cleared on unmount, so days of running add nothing.
 */
import { useEffect, useState } from 'react';

/** Local time in ms, updated once a second. */
export function useWallTick(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      // Re-aligned each time, so the shown seconds never drift behind the real ones.
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        1_000 - (Date.now() % 1_000) + 5,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);
  return now;
}

/** How much bigger than a 1920-pixel-wide wall this one is: pins and labels grow with it. */
export function useViewportScale(): number {
  const read = () => Math.min(3, Math.max(1, window.innerWidth / 1920));
  const [scale, setScale] = useState(read);
  useEffect(() => {
    const onResize = () => setScale(Math.min(3, Math.max(1, window.innerWidth / 1920)));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
