/**
 * `npm run migrate:sqlite-to-pg -- --from data/nakhoda.db --to postgres://… [--schema public] [--media DIR]`
 * Moves a city's whole history from its SQLite file to PostgreSQL, with the photos of its
 * filesystem media store (`--media`, else MEDIA_DIR, else `media` beside the file), then checks the result
 * (server/log/sqlite-to-pg.ts). Stop the node first. Exit 0 only when every check passed;
 * 1 when the target is not empty, the copy fails or a check fails; 2 on bad arguments.
 * `--check` re-runs only the checks of a migration already done.
 */
import { parseArgs } from 'node:util';
import type { MigrationCheck } from '../server/log/sqlite-to-pg-checks.ts';
import {
  migrateSqliteToPg,
  redactUrl,
  verifySqliteToPg,
  type MigrationOptions,
} from '../server/log/sqlite-to-pg.ts';

const USAGE = `usage: npm run migrate:sqlite-to-pg -- --from data/nakhoda.db --to postgres://user@host:5432/db [--schema public] [--media data/media] [--check]`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function printChecks(checks: MigrationCheck[]): boolean {
  for (const c of checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  return checks.every((c) => c.ok);
}

async function main(): Promise<number> {
  let opts: MigrationOptions & { check: boolean };
  try {
    const { values } = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        schema: { type: 'string' },
        media: { type: 'string' },
        check: { type: 'boolean' },
      },
      strict: true,
    });
    if (!values.from) throw new Error('--from is required (the SQLite file)');
    if (!values.to?.startsWith('postgres')) {
      throw new Error('--to is required: a postgres://user@host:port/database URL');
    }
    opts = { from: values.from, to: values.to, check: values.check ?? false };
    if (values.schema) opts.schema = values.schema;
    const media = values.media ?? process.env.MEDIA_DIR;
    if (media) opts.media = media;
  } catch (error) {
    console.error(`migrate: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const where = `${redactUrl(opts.to)} (schema ${opts.schema ?? 'public'})`;
  try {
    if (opts.check) {
      console.log(`migrate: checking ${opts.from} against ${where}`);
      return printChecks(await verifySqliteToPg(opts)) ? 0 : 1;
    }
    console.log(`migrate: copying ${opts.from} to ${where}`);
    const report = await migrateSqliteToPg({
      ...opts,
      onProgress: (p) => {
        const pct = p.total ? Math.floor((100 * p.copied) / p.total) : 100;
        console.log(`migrate: ${p.copied} / ${p.total} events (${pct}%), ${seconds(p.elapsedMs)}`);
      },
    });
    const a = report.auth;
    console.log(
      `migrate: copied ${report.events} events (last seq ${report.lastSeq}), ${a.users} users, ` +
        `${a.tokens} tokens, ${a.sessions} sessions, ${a.pairing_codes} pairing codes, ${a.connectors} Open311 connectors, ` +
        `${report.media.photos} photos ` +
        `in ${seconds(report.elapsedMs)}`,
    );
    const ok = printChecks(report.checks);
    console.log(ok ? 'migrate: every check passed' : 'migrate: CHECKS FAILED: do not switch');
    return ok ? 0 : 1;
  } catch (error) {
    console.error(`migrate: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
