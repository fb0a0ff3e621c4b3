/**
 * Proof of closure is required only where FIELD_PROOF_REQUIRED is on: off (the default while
 * crews have no /field page to take the photo), an agency operator resolves from the desk as
 * before, and the photo and waiver routes still work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
import { seedPrincipals, type Principals } from '../support/principals.ts';

let server: TestServer;
let p: Principals;
beforeAll(async () => {
  server = await startServer();
  p = await seedPrincipals(server);
});
afterAll(async () => {
  await server?.dispose();
});

describe('FIELD_PROOF_REQUIRED off (the default)', () => {
  it('an agency operator resolves without a photo', async () => {
    const made = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ category: 'flooding' }),
    );
    const id = made.body.incident.id as string;
    expect(
      (await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, { status: 'dispatched' })).status,
    ).toBe(200);
    const res = await p.call('agency', 'PATCH', `/api/v1/incidents/${id}`, { status: 'resolved' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.incident.status).toBe('resolved');
  });
});
