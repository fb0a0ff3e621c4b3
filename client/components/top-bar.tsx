/** The bar over the map: product and city, the live indicator, the headline count, the clock. */
import type { CityPack } from '../../shared/city/types.ts';
import type { LiveState } from '../live/live-store.ts';
import { CityClock } from './city-clock.tsx';
import { LiveIndicator } from './live-indicator.tsx';

const COUNT_FORMAT = new Intl.NumberFormat('id-ID');

interface TopBarProps {
  pack: CityPack;
  state: LiveState;
}

export function TopBar({ pack, state }: TopBarProps) {
  const count = state.incidents.size;
  return (
    <header className="top-bar">
      <div className="top-bar__brand">
        <span className="top-bar__product">Nakhoda</span>
        <span className="top-bar__city">{pack.name.id}</span>
      </div>
      <LiveIndicator state={state} timeZone={pack.timeZone} />
      <div className="kpi" data-testid="kpi-incidents" data-value={count}>
        <span className="kpi__value">{state.hasSnapshot ? COUNT_FORMAT.format(count) : '–'}</span>
        <span className="kpi__label">
          Insiden di peta <span className="kpi__label-en">· Incidents on map</span>
        </span>
      </div>
      <CityClock timeZone={pack.timeZone} serverTimeOffsetMs={state.serverTimeOffsetMs} />
    </header>
  );
}
