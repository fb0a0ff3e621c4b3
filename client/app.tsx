/**
 * The app shell: loads the city pack, then shows the view for the route. `/`, `/wall` and
 * `/ops` all show the live page for now; each gets its own view as it is built.
 */
import type { ReactElement } from 'react';
import type { CityPack } from '../shared/city/types.ts';
import { useCityPack } from './city/use-city-pack.ts';
import { LivePage } from './live-page.tsx';
import type { LiveStore } from './live/live-store.ts';

type ViewProps = { pack: CityPack; store: LiveStore };

const VIEWS: Record<string, (props: ViewProps) => ReactElement> = {
  '/': LivePage,
  '/wall': LivePage,
  '/ops': LivePage,
};

interface AppProps {
  store: LiveStore;
  token: string | null;
  path: string;
}

export function App({ store, token, path }: AppProps) {
  const city = useCityPack(token);
  const View = VIEWS[path.replace(/\/+$/, '') || '/'] ?? LivePage;

  if (city.status === 'loading') {
    return (
      <div className="screen" data-testid="app-loading" role="status">
        <span className="screen__product">Nakhoda</span>
        <p>
          Memuat… <span className="screen__en">Loading…</span>
        </p>
      </div>
    );
  }
  if (city.status === 'unauthenticated') {
    return (
      <div className="screen screen--error" data-testid="app-unauthenticated" role="alert">
        <span className="screen__product">Nakhoda</span>
        <p>
          Perlu masuk. <span className="screen__en">Login required.</span>
        </p>
        <p className="screen__detail">
          Masuk di <a href="/login">/login</a>, atau buka layar dinding dengan tautan bertoken.{' '}
          <span className="screen__en">Log in, or open a wall display with its token link.</span>
        </p>
      </div>
    );
  }
  if (city.status === 'error') {
    return (
      <div className="screen screen--error" data-testid="app-error" role="alert">
        <span className="screen__product">Nakhoda</span>
        <p>
          Gagal memuat data kota. <span className="screen__en">Could not load the city pack.</span>
        </p>
        <p className="screen__detail">{city.message}</p>
        <button type="button" className="screen__retry" onClick={city.retry}>
          Coba lagi · Retry
        </button>
      </div>
    );
  }
  return <View pack={city.pack} store={store} />;
}
