/**
 * GET /api/v1/field/settings: what the deployment asks of field photos, as configured
 * (FIELD_PROOF_REQUIRED, FIELD_PROOF_RADIUS_M, MEDIA_MAX_MB), for every principal that reads
 * incidents; nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldSettings } from '../../shared/domain/field-proof.ts';
import { api, startServer, type TestServer } from '../support/harness.ts';
import { seedPrincipals, type Principals, type Who } from '../support/principals.ts';

let configured: TestServer;
let defaults: TestServer;
let p: Principals;

beforeAll(async () => {
  configured = await startServer({
    env: { FIELD_PROOF_REQUIRED: 'on', FIELD_PROOF_RADIUS_M: '80', MEDIA_MAX_MB: '2.5' },
  });
  defaults = await startServer();
  p = await seedPrincipals(configured);
});
afterAll(async () => {
  await configured?.dispose();
  await defaults?.dispose();
});

const PATH = '/api/v1/field/settings';

describe('GET /api/v1/field/settings', () => {
  it.each<[string, () => TestServer, FieldSettings]>([
    [
      'as configured',
      () => configured,
      { proofRequired: true, proofRadiusM: 80, maxPhotoBytes: 2.5 * 2 ** 20 },
    ],
    [
      'by default: proof required, 150 m, 10 MB',
      () => defaults,
      { proofRequired: true, proofRadiusM: 150, maxPhotoBytes: 10 * 2 ** 20 },
    ],
  ])('answers the settings %s', async (_name, server, want) => {
    const res = await api(server().url, 'GET', PATH);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(want);
  });

  it.each<[Who, number]>([
    ['supervisor', 200],
    ['agency', 200],
    ['viewer', 200],
    ['display', 200],
    ['ingest', 403],
    ['anonymous', 401],
  ])('answers %s with %i', async (who, status) => {
    const res = await p.call(who, 'GET', PATH);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 200) expect(res.body.proofRadiusM).toBe(80);
    else expect(res.body.error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
  });
});
