/**
 * The process entry: reads the environment, starts Nakhoda, and drains on SIGTERM/SIGINT.
 * The only module with side effects.
 */
import { loadConfig, withoutPassword } from './config.ts';
import { startNakhoda } from './nakhoda.ts';
import { createLogger } from './observability/logger.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

// Every line on stdout is JSON (pino): requests with their ids, and these messages.
const logger = createLogger({ level: config.LOG_LEVEL });
const log = (msg: string) => logger.info(msg);
const nakhoda = await startNakhoda(config, { logger, log });
log(
  `Nakhoda is running on ${nakhoda.url} (database ${withoutPassword(config.DATABASE_URL)}, simulator ${config.SIMULATOR ? 'on' : 'off'})`,
);
log(
  `  Peta langsung / live map: ${nakhoda.url}/   Wall: ${nakhoda.url}/wall   Ops: ${nakhoda.url}/ops`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: draining…`);
  nakhoda.close().then(
    () => {
      log('stopped cleanly');
      process.exit(0);
    },
    (err: unknown) => {
      logger.error({ err }, 'failed to stop cleanly');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
