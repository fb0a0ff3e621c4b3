/**
 * Where the phone is (the Geolocation API, high accuracy, followed while the page is open):
 * sorts the work by distance, draws "me" on the map, and goes with every field command.
 * A refusal or a phone without a fix is said plainly; commands then go without a position.
 */
import { useEffect, useState } from 'react';
import type { FieldPosition } from '../../../shared/domain/types.ts';

export interface GeoState {
  position: FieldPosition | null;
  /** Device time of the fix (ms). */
  at: number | null;
  problem: 'denied' | 'unavailable' | 'unsupported' | null;
}

export function useGeolocation(): GeoState {
  const [state, setState] = useState<GeoState>({ position: null, at: null, problem: null });
  useEffect(() => {
    if (!('geolocation' in navigator)) {
      setState((s) => ({ ...s, problem: 'unsupported' }));
      return;
    }
    const id = navigator.geolocation.watchPosition(
      (p) =>
        setState({
          position: {
            lon: p.coords.longitude,
            lat: p.coords.latitude,
            accuracyM: Number.isFinite(p.coords.accuracy) ? Math.round(p.coords.accuracy) : null,
          },
          at: p.timestamp,
          problem: null,
        }),
      (e) =>
        setState((s) => ({
          ...s,
          problem: e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable',
        })),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return state;
}
