/**
 * The minimal live page: the map full-window, the top bar and the legend over it, and a
 * notice until the first snapshot has arrived. The wall and ops views grow from this.
 */
import type { CityPack } from '../shared/city/types.ts';
import { StatusLegend } from './components/status-legend.tsx';
import { TopBar } from './components/top-bar.tsx';
import type { LiveStore } from './live/live-store.ts';
import { useLiveState } from './live/use-live-state.ts';
import { MapView } from './map/map-view.tsx';

interface LivePageProps {
  pack: CityPack;
  store: LiveStore;
}

export function LivePage({ pack, store }: LivePageProps) {
  const state = useLiveState(store);
  return (
    <div className="live-page">
      <MapView
        pack={pack}
        incidents={state.incidentList}
        dataVersion={state.dataVersion}
        hasData={state.hasSnapshot}
      />
      <TopBar pack={pack} state={state} />
      <StatusLegend statuses={pack.statuses} />
      {!state.hasSnapshot && (
        <div className="notice" data-testid="loading" role="status">
          Menunggu data langsung… <span className="notice__en">Waiting for live data…</span>
        </div>
      )}
    </div>
  );
}
