/**
 * The simulator against the real server: in-process (the default demo) it backfills
 * history and keeps the stream moving; as a CLI it posts through the real HTTP ingest.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  api,
  connectClient,
  nextEvent,
  startServer,
  type TestServer,
} from '../support/harness.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.dispose();
});

describe('simulator', () => {
  it('runs inside the server: backfills an empty log, then streams live reports and status changes', async () => {
    const server = await startServer({
      env: { SIMULATOR: 'on', SIM_SPEED: '3600', SIM_BACKFILL_DAYS: '1', SIM_SEED: '11' },
    });
    servers.push(server);
    const health = (await api(server.url, 'GET', '/healthz')).body;
    expect(health.seq).toBeGreaterThan(300);
    const stats = (await api(server.url, 'GET', '/api/v1/stats')).body.stats;
    expect(stats.totals.reportedToday + stats.totals.open).toBeGreaterThan(0);

    const socket = connectClient(server.url);
    const snap = await nextEvent(socket, 'snapshot');
    const types = new Set<string>();
    let last = snap.seq;
    const gaps: number[] = [];
    socket.on('events:batch', (b) => {
      for (const e of b.events) {
        if (e.seq <= last) continue;
        if (e.seq !== last + 1) gaps.push(e.seq);
        last = e.seq;
        types.add(e.type);
      }
    });
    const until = Date.now() + 15_000;
    while (
      !(types.has('incident.reported') && types.has('incident.status_changed')) &&
      Date.now() < until
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    socket.disconnect();
    expect(types).toContain('incident.reported');
    expect(types).toContain('incident.status_changed');
    expect(gaps).toEqual([]);
  });

  it('runs as a CLI posting to a running server over HTTP', async () => {
    const server = await startServer();
    servers.push(server);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/ingest/simulator/cli.ts',
        '--url',
        server.url,
        '--token',
        ADMIN_TOKEN,
        '--rate',
        '600',
        '--duration',
        '3',
        '--seed',
        '5',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, out).toBe(0);
    const { body } = await api(server.url, 'GET', '/api/v1/incidents?limit=1000');
    expect(body.items.length).toBeGreaterThan(5);
    expect(new Set(body.items.map((i: { source: string }) => i.source)).size).toBeGreaterThan(0);
  });

  it('the CLI refuses bad arguments with a clear message', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/ingest/simulator/cli.ts', '--rate', 'fast'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(out).toContain('--rate');
  });
});
