/** React's view of the live store: re-renders when the store commits a new state. */
import { useSyncExternalStore } from 'react';
import type { LiveState, LiveStore } from './live-store.ts';

export function useLiveState(store: LiveStore): LiveState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
