// `npm start`: builds the client when no build exists, then runs the server in this process.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const staticDir = process.env.STATIC_DIR || 'dist';
if (!existsSync(`${staticDir}/index.html`)) {
  console.log(`No client build in ${staticDir}/: building it once (vite build)…`);
  const r = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', staticDir],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const { register } = await import('tsx/esm/api');
register();
await import('../server/index.ts');
