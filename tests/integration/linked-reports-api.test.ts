/**
 * GET /api/v1/incidents/:id/reports: the reports linked to an incident as duplicates, oldest
 * report first, read from the store and redacted for the caller as the incident detail is.
 * Links and splits go through the node's own writer (the service), as the link API's do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideLink, decideSplit } from '../../shared/domain/duplicates.ts';
import type { Incident, NewEvent } from '../../shared/domain/types.ts';
import type { Result } from '../../shared/contract.ts';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
import { REPORTER, seedPrincipals, type Principals } from '../support/principals.ts';

let server: TestServer;
let p: Principals;
const ids: Record<'master' | 'early' | 'late' | 'alone', string> = {
  master: '',
  early: '',
  late: '',
  alone: '',
};
const SUPERVISOR = { kind: 'user', id: 'sup' } as const;

async function post(minutesAgo: number, lonShift: number): Promise<string> {
  const res = await api(
    server.url,
    'POST',
    '/api/v1/incidents',
    report({
      reporter: REPORTER,
      reportedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      location: { lon: 106.8272 + lonShift, lat: -6.1754 },
    }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident.id as string;
}

/** Appends what a rule decided through the node's writer, as a command would. */
async function write(decide: (get: (id: string) => Incident) => Result<NewEvent[]>) {
  await server.app.service.exclusive(async (w) => {
    const decision = decide((id) => w.projection.incidents.get(id)!);
    if (!decision.ok) throw new Error(decision.error.message);
    await w.append(decision.data);
  });
}

const link = (reportId: string, masterId: string) =>
  write((get) =>
    decideLink(
      get(reportId),
      get(masterId),
      { reportId, masterId, note: null },
      { now: new Date(), actor: SUPERVISOR },
    ),
  );

const reportsOf = (id: string, who: Parameters<Principals['call']>[0] = 'admin') =>
  p.call(who, 'GET', `/api/v1/incidents/${id}/reports`);

beforeAll(async () => {
  server = await startServer();
  p = await seedPrincipals(server);
  // API callers may date a report up to 10 minutes back.
  ids.master = await post(9, 0);
  // Posted before `early`, reported after it: the list goes by report time.
  ids.late = await post(3, 0.0002);
  ids.early = await post(6, 0.0001);
  ids.alone = await post(1, 0.05);
  await link(ids.late, ids.master);
  await link(ids.early, ids.master);
});
afterAll(async () => {
  await server.dispose();
});

describe('GET /api/v1/incidents/:id/reports', () => {
  it('lists the linked reports, oldest report first, as the incident detail shows each', async () => {
    const res = await reportsOf(ids.master);
    expect(res.status).toBe(200);
    expect(res.body.masterId).toBe(ids.master);
    expect(res.body.items.map((i: Incident) => i.id)).toEqual([ids.early, ids.late]);
    for (const item of res.body.items as Incident[]) {
      expect(item.duplicateOf).toBe(ids.master);
      const one = await api(server.url, 'GET', `/api/v1/incidents/${item.id}`);
      expect(item).toEqual(one.body.incident);
    }
  });

  it('answers an empty list for an incident with no linked reports, and for a linked report', async () => {
    for (const id of [ids.alone, ids.early]) {
      const res = await reportsOf(id);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
  });

  it('redacts reporters for those who may not see them; refuses anonymous callers', async () => {
    const viewer = await reportsOf(ids.master, 'viewer');
    expect(viewer.status).toBe(200);
    expect(viewer.body.items).toHaveLength(2);
    for (const item of viewer.body.items as Incident[]) expect(item.reporter).toBeNull();
    const supervisor = await reportsOf(ids.master, 'supervisor');
    for (const item of supervisor.body.items as Incident[])
      expect(item.reporter).toMatchObject({ name: REPORTER.name });
    expect((await reportsOf(ids.master, 'anonymous')).status).toBe(401);
  });

  it('answers 404 not_found for an unknown incident', async () => {
    const res = await reportsOf('no-such-incident');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
  });

  it('leaves out a report once it is split from its master', async () => {
    await write((get) =>
      decideSplit(
        get(ids.late),
        { reportId: ids.late, note: null },
        { now: new Date(), actor: SUPERVISOR },
      ),
    );
    const res = await reportsOf(ids.master);
    expect(res.body.items.map((i: Incident) => i.id)).toEqual([ids.early]);
  });
});
