/**
 * HTTP counts by route pattern, never by raw URL, and 429 refusals by route, whether a
 * limiter in front or a route handler refused.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countHttpRequests } from '../../../../server/observability/http-metrics.ts';
import { createMetrics } from '../../../../server/observability/metrics.ts';

const metrics = createMetrics();
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(countHttpRequests(metrics));
  app.use('/api/v1/auth/login', (_req, res) => void res.status(429).end());
  const api = express.Router();
  api.get('/incidents/:id', (_req, res) => void res.json({}));
  api.post('/incidents', (_req, res) => void res.status(429).end());
  app.use('/api/v1', api);
  app.get(['/', '/wall'], (_req, res) => void res.send('page'));
  server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function send(method: string, path: string) {
  const res = await fetch(`${base}${path}`, { method });
  await res.text();
}

it('labels requests with the route pattern, the mount, or other', async () => {
  await send('GET', '/api/v1/incidents/one');
  await send('GET', '/api/v1/incidents/two?x=1');
  await send('GET', '/wall');
  await send('GET', '/no/such/page-123');
  await send('POST', '/api/v1/auth/login');
  const values = (await metrics.httpRequests.get()).values.map((v) => [v.labels, v.value]);
  expect(values).toEqual(
    expect.arrayContaining([
      [{ method: 'GET', route: '/api/v1/incidents/:id', status: '200' }, 2],
      [{ method: 'GET', route: 'other', status: '200' }, 1],
      [{ method: 'GET', route: 'other', status: '404' }, 1],
      [{ method: 'POST', route: '/api/v1/auth/login', status: '429' }, 1],
    ]),
  );
  expect(JSON.stringify(values)).not.toContain('page-123');
});

it('counts 429 answers by route', async () => {
  await send('POST', '/api/v1/incidents');
  await send('POST', '/api/v1/incidents');
  const refused = (await metrics.rateLimited.get()).values;
  expect(refused).toContainEqual(
    expect.objectContaining({ labels: { route: '/api/v1/incidents' }, value: 2 }),
  );
});
