/**
 * Starts a whole Nakhoda from a config: store, app, stream and (optionally) the
 * built-in simulator. `server/index.ts` and the tests both start it through here.
 */
import { JAKARTA } from '../shared/city/jakarta/index.ts';
import type { CityPack } from '../shared/city/types.ts';
import type { AppOptions, NakhodaApp } from './app.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import type { RunningSimulator } from './simulator-wiring.ts';
import { openSqliteStore } from './store/sqlite.store.ts';
import type { Store } from './store/store.ts';

export interface Nakhoda {
  app: NakhodaApp;
  store: Store;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startNakhoda(
  config: Config,
  extra: Partial<Omit<AppOptions, 'store' | 'pack'>> & {
    pack?: CityPack;
    log?: (msg: string) => void;
  } = {},
): Promise<Nakhoda> {
  const log = extra.log ?? ((msg: string) => console.log(msg));
  const store = openSqliteStore(config.sqliteFile);
  let app: NakhodaApp;
  try {
    app = await createApp({
      store,
      pack: extra.pack ?? JAKARTA,
      windowHours: config.WINDOW_HOURS,
      staticDir: config.STATIC_DIR,
      ...extra,
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  const port = await app.listen(config.PORT, config.HOST);
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}`;
  let simulator: RunningSimulator | null = null;
  if (config.SIMULATOR) {
    // Loaded only when wanted: a production node fed by real sources never loads it.
    const { startBuiltInSimulator } = await import('./simulator-wiring.ts');
    simulator = await startBuiltInSimulator(app.service, config, log);
  }
  let closing: Promise<void> | null = null;
  return {
    app,
    store,
    port,
    url,
    close() {
      closing ??= (async () => {
        if (simulator) await simulator.stop();
        await app.close();
        await store.close();
      })();
      return closing;
    },
  };
}
