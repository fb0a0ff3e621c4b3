/**
 * Builds the client the browser benchmarks serve: the real app, minified as in
 * production, with the test hooks on (so a bench can read the live store and the map, as
 * the browser tests do) and source maps beside each chunk, so a CPU profile's minified
 * frames can be named (profile-source-map.ts). `root` lets a bench build another copy of
 * the sources (a "before" tree) with the same settings.
 */
import { resolve } from 'node:path';
import { build } from 'vite';
import { TEST_BUILD_DEFINE } from '../../../tests/support/browser/build-client.ts';

export async function buildBenchClient(outDir: string, root = process.cwd()): Promise<string> {
  const out = resolve(outDir);
  await build({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'warn',
    define: TEST_BUILD_DEFINE,
    build: { outDir: out, emptyOutDir: true, sourcemap: true },
  });
  return out;
}
