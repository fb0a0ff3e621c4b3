/**
 * `window.__nakhoda` hands the live store (reporters' contact details included, for
 * privileged roles) to any script in the page, so only a test build may have it. Building
 * the whole client takes minutes; the gate is one module, so this builds that module with
 * the project's own Vite config, as `npm run build` does, and checks that nothing else in
 * client/ names the hooks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { TEST_BUILD_DEFINE } from '../../support/browser/build-client.ts';

async function bundleOfTestHooks(define?: Record<string, string>): Promise<string> {
  const out = await build({
    logLevel: 'silent',
    ...(define ? { define } : {}),
    build: {
      write: false,
      minify: true,
      lib: { entry: 'client/test-hooks.ts', formats: ['es'], fileName: 'test-hooks' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((o) => o.output)
    .map((chunk) => (chunk.type === 'chunk' ? chunk.code : ''))
    .join('\n');
}

function clientFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? clientFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('test hooks gate', () => {
  it('leaves window.__nakhoda out of a normal build', async () => {
    const code = await bundleOfTestHooks();
    expect(code).toContain('exposeForTests');
    expect(code).not.toContain('__nakhoda');
  }, 60_000);

  it('puts window.__nakhoda in the browser tests’ build', async () => {
    expect(await bundleOfTestHooks(TEST_BUILD_DEFINE)).toContain('__nakhoda');
  }, 60_000);

  it('has no other client module that touches window.__nakhoda', () => {
    const touching = clientFiles('client').filter((f) =>
      readFileSync(f, 'utf8').includes('__nakhoda'),
    );
    expect(touching).toEqual([join('client', 'test-hooks.ts')]);
  });
});
