/**
 * Global setup of the browser tests: builds the client from the current sources into
 * test-output/client-dist, so the tests always exercise the code under test. It is a test
 * build: `window.__nakhoda` (client/test-hooks.ts) exists only in it, never in
 * `npm run build`, whose config defines the flag false.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { CLIENT_DIST } from './browser.ts';

/** What makes a build a test build; tests/unit/client/test-hooks.test.ts builds with it too. */
export const TEST_BUILD_DEFINE = { __NAKHODA_TEST_HOOKS__: 'true' };

export default async function setup(): Promise<void> {
  await build({
    logLevel: 'warn',
    define: TEST_BUILD_DEFINE,
    build: { outDir: CLIENT_DIST, emptyOutDir: true },
  });
  // The tests read the map through the hooks: a build without them would fail each one
  // obscurely, so say here that the flag did not reach the bundle.
  const assets = join(CLIENT_DIST, 'assets');
  const hooked = readdirSync(assets).some(
    (f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes('__nakhoda'),
  );
  if (!hooked) throw new Error(`the test build in ${CLIENT_DIST} has no window.__nakhoda`);
}
