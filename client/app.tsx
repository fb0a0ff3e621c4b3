/**
 * The app shell: the login page renders on its own; every other view first loads the city
 * pack (a 401 there means "log in", with a link back here), then shows the view for the route.
 */
import type { ReactElement } from 'react';
import type { CityPack } from '../shared/city/types.ts';
import { useCityPack } from './city/use-city-pack.ts';
import { LivePage } from './live-page.tsx';
import type { LiveStore } from './live/live-store.ts';
import { AdminPage } from './views/admin/admin-page.tsx';
import { BriefingPage } from './views/briefing/briefing-page.tsx';
import { HomePage } from './views/home/home-page.tsx';
import { LoginPage } from './views/login/login-page.tsx';
import { loginHref } from './views/login/next-path.ts';
import { OpsPage } from './views/ops/ops-page.tsx';
import { WallPage } from './views/wall/wall-page.tsx';

type ViewProps = { pack: CityPack; store: LiveStore };

const VIEWS: Record<string, (props: ViewProps) => ReactElement> = {
  '/': HomePage,
  '/admin': AdminPage,
  '/wall': WallPage,
  '/ops': OpsPage,
  '/briefing': BriefingPage,
};

/** Views that render before, and without, the city pack (which needs a login to fetch). */
const STANDALONE_VIEWS: Record<string, () => ReactElement> = {
  '/login': LoginPage,
};

interface AppProps {
  store: LiveStore;
  token: string | null;
  path: string;
}

export function App(props: AppProps) {
  const route = props.path.replace(/\/+$/, '') || '/';
  const Standalone = STANDALONE_VIEWS[route];
  return Standalone ? <Standalone /> : <CityApp {...props} route={route} />;
}

function CityApp({ store, token, path, route }: AppProps & { route: string }) {
  const city = useCityPack(token);
  const View = VIEWS[route] ?? LivePage;

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
          Masuk di <a href={loginHref(path)}>/login</a>, atau buka layar dinding dengan tautan
          bertoken.{' '}
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
