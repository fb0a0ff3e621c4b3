/**
 * The process entry: reads the environment, starts Nakhoda, and drains on SIGTERM/SIGINT.
 * The only module with side effects.
 */
import { loadConfig, redactUrl } from './config.ts';
import { startNakhoda } from './nakhoda.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const nakhoda = await startNakhoda(config);
console.log(
  `Nakhoda is running on ${nakhoda.url} (database ${redactUrl(config.DATABASE_URL)}, simulator ${config.SIMULATOR ? 'on' : 'off'})`,
);
console.log(
  `  Peta langsung / live map: ${nakhoda.url}/   Wall: ${nakhoda.url}/wall   Ops: ${nakhoda.url}/ops`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: draining…`);
  nakhoda.close().then(
    () => {
      console.log('stopped cleanly');
      process.exit(0);
    },
    (err: unknown) => {
      console.error('failed to stop cleanly', err);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
