/**
 * Proof of closure is required only where FIELD_PROOF_REQUIRED is on (the default): turned
 * off, for a deployment whose agencies resolve from the desk, an agency operator resolves
 * without a photo, and the photo and waiver routes still work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
import { seedPrincipals, type Principals } from '../support/principals.ts';

let server: TestServer;
let p: Principals;
beforeAll(async () => {
  server = await startServer({ env: { FIELD_PROOF_REQUIRED: 'off' } });
  p = await seedPrincipals(server);
});
afterAll(async () => {
  await server?.dispose();
});

describe('FIELD_PROOF_REQUIRED on by default', () => {
  it('an agency operator is refused a resolve without a photo', async () => {
    const own = await startServer();
    try {
      const who = await seedPrincipals(own);
      const made = await api(
        own.url,
        'POST',
        '/api/v1/incidents',
        report({ category: 'flooding' }),
      );
      const id = made.body.incident.id as string;
      await api(own.url, 'PATCH', `/api/v1/incidents/${id}`, { status: 'dispatched' });
      const res = await who.call('agency', 'PATCH', `/api/v1/incidents/${id}`, {
        status: 'resolved',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('proof_required');
    } finally {
      await own.dispose();
    }
  });
});

describe('FIELD_PROOF_REQUIRED off', () => {
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
