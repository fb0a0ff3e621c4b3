/**
 * Restarting on the same SQLite file keeps every incident and the seq, and the log
 * continues without a gap.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { api, report, startServer, tempDbFile } from '../support/harness.ts';

const temp = tempDbFile();
afterAll(() => temp.cleanup());

describe('restart on the same database', () => {
  it('keeps state and seq, and appends after the last seq', async () => {
    const first = await startServer({ dbFile: temp.file });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push((await api(first.url, 'POST', '/api/v1/incidents', report())).body.incident.id);
    await api(first.url, 'PATCH', `/api/v1/incidents/${ids[0]}`, {
      status: 'verified',
      note: 'dicek',
    });
    const before = (await api(first.url, 'GET', '/api/v1/incidents?limit=100')).body.items;
    const seqBefore = (await api(first.url, 'GET', '/healthz')).body.seq;
    await first.close();

    const second = await startServer({ dbFile: temp.file });
    try {
      expect((await api(second.url, 'GET', '/healthz')).body.seq).toBe(seqBefore);
      expect((await api(second.url, 'GET', '/api/v1/incidents?limit=100')).body.items).toEqual(
        before,
      );
      expect(second.app.service.projection.incidents.size).toBe(10);
      const next = await api(second.url, 'POST', '/api/v1/incidents', report());
      expect(next.body.seq).toBe(seqBefore + 1);
      const log = (await api(second.url, 'GET', '/api/v1/events?after=0&limit=100')).body
        .events as { seq: number }[];
      expect(log.map((e) => e.seq)).toEqual(Array.from({ length: seqBefore + 1 }, (_, i) => i + 1));
    } finally {
      await second.close();
    }
  });
});
