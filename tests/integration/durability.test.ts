/**
 * Nothing acknowledged is lost: the real server as a child process, killed with
 * SIGKILL mid-burst, restarted on the same file; and SIGTERM drains cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEvents, EMPTY_STATE } from '../../shared/domain/reducer.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import {
  ADMIN_TOKEN,
  api,
  connectClient,
  nextEvent,
  report,
  tempDbFile,
} from '../support/harness.ts';

const temp = tempDbFile();
afterAll(() => temp.cleanup());

function startChild(
  dbFile: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: `sqlite:${dbFile}`,
      SIMULATOR: 'off',
      NAKHODA_ADMIN_TOKEN: ADMIN_TOKEN,
      NAKHODA_ADMIN_PASSWORD: 'admin-password-for-tests',
      RATE_INGEST_PER_MIN: '1000000',
      RATE_INGEST_IP_PER_MIN: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/running on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

async function allEvents(url: string): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (let after = 0; ;) {
    const page = (await api(url, 'GET', `/api/v1/events?after=${after}&limit=10000`)).body
      .events as DomainEvent[];
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1]!.seq;
  }
}

/** Posts from `workers` loops until stopped; remembers every externalId that got a 2xx. */
function burst(url: string, workers: number, prefix: string) {
  const acked = new Set<string>();
  let running = true;
  let n = 0;
  const loops = Array.from({ length: workers }, async (_, w) => {
    while (running) {
      const externalId = `${prefix}-w${w}-${n++}`;
      try {
        const res = await api(url, 'POST', '/api/v1/incidents', report({ externalId }));
        if (res.status === 201 || res.status === 200) acked.add(externalId);
      } catch {
        return; // connection refused or reset: the server is gone
      }
    }
  });
  return {
    acked,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe('durability', () => {
  it('keeps every acknowledged report, whole events and a gap-free seq after SIGKILL mid-burst', async () => {
    const first = await startChild(temp.file);
    const load = burst(first.url, 8, 'kill');
    while (load.acked.size < 300) await new Promise((r) => setTimeout(r, 10));
    const gone = exited(first.child);
    first.child.kill('SIGKILL');
    expect((await gone).signal).toBe('SIGKILL');
    await load.stop();

    const second = await startChild(temp.file);
    try {
      const events = await allEvents(second.url);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const stored = (await api(second.url, 'GET', '/api/v1/incidents?limit=5000')).body
        .items as Incident[];
      const ids = new Set(stored.map((i) => i.externalId));
      for (const id of load.acked) expect(ids.has(id), `acked ${id} is missing`).toBe(true);
      const replayed = applyEvents(EMPTY_STATE, events);
      expect(stored).toHaveLength(replayed.incidents.size);
      for (const inc of stored) expect(replayed.incidents.get(inc.id)).toEqual(inc);
      // A category never linked as a duplicate: the report is one event, the next seq.
      const next = await api(
        second.url,
        'POST',
        '/api/v1/incidents',
        report({ category: 'other' }),
      );
      expect(next.body.seq).toBe(events.length + 1);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  });

  it('drains on SIGTERM: requests in flight finish, their events reach clients, exit 0', async () => {
    const server = await startChild(temp.file);
    const socket = connectClient(server.url);
    const snap = await nextEvent(socket, 'snapshot');
    const seen = new Set<string>();
    socket.on('events:batch', (b) => b.events.forEach((e) => seen.add(e.incidentId)));
    const load = burst(server.url, 4, 'term');
    while (load.acked.size < 50) await new Promise((r) => setTimeout(r, 10));
    const gone = exited(server.child);
    server.child.kill('SIGTERM');
    const { code } = await gone;
    await load.stop();
    expect(code).toBe(0);
    expect(server.output()).toContain('stopped cleanly');

    const after = await startChild(temp.file);
    try {
      const stored = (
        await api(
          after.url,
          'GET',
          `/api/v1/incidents?limit=5000&since=${encodeURIComponent(snap.serverTime)}`,
        )
      ).body.items as Incident[];
      const ackedIds = stored
        .filter((i) => i.externalId && load.acked.has(i.externalId))
        .map((i) => i.id);
      expect(ackedIds.length).toBe(load.acked.size);
      for (const id of ackedIds)
        expect(seen.has(id), `event of ${id} never reached the client`).toBe(true);
    } finally {
      socket.disconnect();
      after.child.kill('SIGTERM');
      await exited(after.child);
    }
  });
});
