/**
 * Field crews' claim, its resend, and who may claim, against the real server (SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
import { seedPrincipals, type Principals, type Who } from '../support/principals.ts';
import { clientId, historyOf, north } from '../support/field.ts';

let server: TestServer;
let p: Principals;

beforeAll(async () => {
  server = await startServer({ env: { FIELD_PROOF_REQUIRED: 'on' } });
  p = await seedPrincipals(server);
});
afterAll(async () => {
  await server?.dispose();
});

const flood = async () => {
  const res = await api(server.url, 'POST', '/api/v1/incidents', report({ category: 'flooding' }));
  expect(res.status).toBe(201);
  return res.body.incident.id as string;
};

describe('claim', () => {
  it('an agency operator claims an open incident of its agency, with position and note', async () => {
    const id = await flood();
    const position = { ...north(20), accuracyM: 8 };
    const res = await p.call('agency', 'POST', `/api/v1/incidents/${id}/claim`, {
      note: 'Meluncur / on my way',
      position,
      clientId: clientId(),
    });
    expect(res.status).toBe(200);
    expect(res.body.incident.assignee).toBe('sda');
    const claim = (await historyOf(server.url, id)).find((e) => e.type === 'incident.claimed');
    expect(claim).toMatchObject({
      actor: { kind: 'user', id: 'sda' },
      data: { assignee: 'sda', note: 'Meluncur / on my way', position },
    });
    // Taken is taken: a second claim is refused, naming who holds it.
    const again = await p.call('supervisor', 'POST', `/api/v1/incidents/${id}/claim`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("claimed by 'sda'");
  });

  it('a resend with the same clientId answers the first result and appends nothing', async () => {
    const id = await flood();
    const body = { clientId: clientId() };
    const first = await p.call('agency', 'POST', `/api/v1/incidents/${id}/claim`, body);
    expect(first.status).toBe(200);
    const before = (await historyOf(server.url, id)).length;
    const resend = await p.call('agency', 'POST', `/api/v1/incidents/${id}/claim`, body);
    expect(resend.status).toBe(200);
    expect(resend.body).toMatchObject({ duplicate: true, seq: first.body.seq });
    expect(await historyOf(server.url, id)).toHaveLength(before);
  });

  it('a PATCH resend (start work) with the same clientId appends nothing', async () => {
    const id = await flood();
    const body = {
      status: 'dispatched',
      clientId: clientId(),
      position: { ...north(5), accuracyM: 4 },
    };
    const first = await p.call('agency', 'PATCH', `/api/v1/incidents/${id}`, body);
    expect(first.status).toBe(200);
    const resend = await p.call('agency', 'PATCH', `/api/v1/incidents/${id}`, body);
    expect(resend.status).toBe(200);
    expect(resend.body).toMatchObject({ duplicate: true, seq: first.body.seq });
    const changes = (await historyOf(server.url, id)).filter(
      (e) => e.type === 'incident.status_changed',
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      data: { to: 'dispatched', clientId: body.clientId, position: body.position },
    });
  });

  it('refuses an operator of another agency, and roles that do not act', async () => {
    const road = p.roadIncident;
    const other = await p.call('agency', 'POST', `/api/v1/incidents/${road}/claim`, {});
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain("not 'dsda'");
    for (const who of ['viewer', 'display', 'ingest'] as Who[]) {
      const res = await p.call(who, 'POST', `/api/v1/incidents/${p.dsdaIncident}/claim`, {});
      expect(res.status, who).toBe(403);
    }
    expect(
      (await p.call('anonymous', 'POST', `/api/v1/incidents/${p.dsdaIncident}/claim`, {})).status,
    ).toBe(401);
  });

  it('refuses bad input naming the field, storing nothing', async () => {
    const id = await flood();
    const before = (await historyOf(server.url, id)).length;
    const bad = await p.call('agency', 'POST', `/api/v1/incidents/${id}/claim`, {
      position: { lon: 500, lat: -6.2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(['position.lon']);
    const badId = await p.call('agency', 'POST', `/api/v1/incidents/${id}/claim`, {
      clientId: 'x',
    });
    expect(badId.body.error.fields).toHaveProperty('clientId');
    expect(await historyOf(server.url, id)).toHaveLength(before);
  });

  it('the holder lets it go; another crew member may not, a supervisor may', async () => {
    const id = await flood();
    expect((await p.call('agency', 'POST', `/api/v1/incidents/${id}/claim`, {})).status).toBe(200);
    const letGo = await p.call('agency', 'POST', `/api/v1/incidents/${id}/unclaim`, {
      note: 'shift ends',
    });
    expect(letGo.status).toBe(200);
    expect(letGo.body.incident.assignee).toBeNull();
    expect((await p.call('agency', 'POST', `/api/v1/incidents/${id}/claim`, {})).status).toBe(200);
    const back = await p.call('supervisor', 'POST', `/api/v1/incidents/${id}/unclaim`, {});
    expect(back.status).toBe(200);
  });
});

describe('proof waiver', () => {
  it("is a supervisor's, with a note saying why", async () => {
    const id = await flood();
    const agency = await p.call('agency', 'POST', `/api/v1/incidents/${id}/proof-waiver`, {
      note: 'x',
    });
    expect(agency.status).toBe(403);
    const empty = await p.call('supervisor', 'POST', `/api/v1/incidents/${id}/proof-waiver`, {
      note: ' ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty('note');
    const ok = await p.call('supervisor', 'POST', `/api/v1/incidents/${id}/proof-waiver`, {
      note: 'Kamera rusak / camera broken',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.incident.proofWaived).toEqual({
      by: 'sup',
      note: 'Kamera rusak / camera broken',
    });
    const waived = (await historyOf(server.url, id)).find(
      (e) => e.type === 'incident.proof_waived',
    );
    expect(waived).toMatchObject({ data: { by: 'sup', note: 'Kamera rusak / camera broken' } });
  });
});
