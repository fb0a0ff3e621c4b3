/**
 * The app shell: the login page renders on its own; every other view first loads the city
 * pack (a 401 there means "log in", with a link back here), then shows the view for the route.
 */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import type { CityPack } from '../shared/city/types.ts';
import { useCityPack } from './city/use-city-pack.ts';
import { LivePage } from './live-page.tsx';
import type { LiveStore } from './live/live-store.ts';
import { LoginPage } from './views/login/login-page.tsx';
import { loginHref } from './views/login/next-path.ts';

type ViewProps = { pack: CityPack; store: LiveStore };

/** Each view is its own chunk: a wall display never downloads the briefing's charts and PDF code. */
const view = (load: () => Promise<ComponentType<ViewProps>>) =>
  lazy(async () => ({ default: await load() }));

const VIEWS: Record<string, ComponentType<ViewProps>> = {
  '/': view(async () => (await import('./views/home/home-page.tsx')).HomePage),
  '/admin': view(async () => (await import('./views/admin/admin-page.tsx')).AdminPage),
  '/wall': view(async () => (await import('./views/wall/wall-page.tsx')).WallPage),
  '/ops': view(async () => (await import('./views/ops/ops-page.tsx')).OpsPage),
  '/briefing': view(async () => (await import('./views/briefing/briefing-page.tsx')).BriefingPage),
  '/field': view(async () => (await import('./views/field/field-page.tsx')).FieldPage),
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
          pasangan dari administrator.{' '}
          <span className="screen__en">
            Log in, or open a wall display with the pairing link from your administrator.
          </span>
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
  return (
    <Suspense
      fallback={
        <div className="screen" data-testid="app-loading" role="status">
          <span className="screen__product">Nakhoda</span>
          <p>
            Memuat tampilan… <span className="screen__en">Loading the view…</span>
          </p>
        </div>
      }
    >
      <View pack={city.pack} store={store} />
    </Suspense>
  );
}
