/**
 * Global setup of the browser tests: builds the client from the current sources into
 * test-output/client-dist, so the tests always exercise the code under test.
 */
import { build } from 'vite';
import { CLIENT_DIST } from './browser.ts';

export default async function setup(): Promise<void> {
  await build({ logLevel: 'warn', build: { outDir: CLIENT_DIST, emptyOutDir: true } });
}
