/**
 * Behind a proxy, per-address ingest limits must count the client's address, which only
 * a correctly parsed hop count gives: "1" used to mean the address 0.0.0.1.
 */
import { afterEach, expect, it } from 'vitest';
import { api, report, startServer, type TestServer } from '../support/harness.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

const postFrom = (forwardedFor: string) =>
  api(server!.url, 'POST', '/api/v1/incidents', report(), { 'x-forwarded-for': forwardedFor });

it('with TRUST_PROXY=1 the per-address limit counts each forwarded client on its own', async () => {
  server = await startServer({ env: { TRUST_PROXY: '1', RATE_INGEST_IP_PER_MIN: '2' } });
  expect((await postFrom('203.0.113.7')).status).toBe(201);
  expect((await postFrom('203.0.113.7')).status).toBe(201);
  const third = await postFrom('203.0.113.7');
  expect(third.status).toBe(429);
  expect(third.body.error.code).toBe('rate_limited');
  expect((await postFrom('198.51.100.9')).status).toBe(201);
});

it('without TRUST_PROXY a forged X-Forwarded-For does not escape the limit', async () => {
  server = await startServer({ env: { RATE_INGEST_IP_PER_MIN: '2' } });
  expect((await postFrom('203.0.113.7')).status).toBe(201);
  expect((await postFrom('203.0.113.8')).status).toBe(201);
  expect((await postFrom('203.0.113.9')).status).toBe(429);
});
