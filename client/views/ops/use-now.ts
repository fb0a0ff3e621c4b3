/**
 * The server's "now", ticking: local clock plus the offset the stream measured, so every
 * console counts SLA time the same way whatever its own clock says.
 */
import { useEffect, useState } from 'react';

export function useNow(everyMs: number, serverTimeOffsetMs: number): number {
  const [local, setLocal] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setLocal(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return local + serverTimeOffsetMs;
}
