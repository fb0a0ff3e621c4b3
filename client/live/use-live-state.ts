/** React's view of the live store: re-renders when the store commits a new state. */
import { useSyncExternalStore } from 'react';
import type { Alert } from '../../shared/domain/alerts.ts';
import type { LiveState, LiveStore } from './live-store.ts';

export function useLiveState(store: LiveStore): LiveState {
  return useSyncExternalStore(store.subscribe, store.getState);
}

/**
 * The active alerts (open or acknowledged), critical first, then the oldest first (see
 * live-alerts.ts). Re-renders only when an alert changes, not on every batch or heartbeat.
 */
export function useLiveAlerts(store: LiveStore): readonly Alert[] {
  return useSyncExternalStore(store.subscribe, () => store.getState().activeAlerts);
}
