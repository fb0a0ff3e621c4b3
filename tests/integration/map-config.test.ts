/**
 * Map configuration against the real server: boundaries from a GeoJSON file (the real
 * Jakarta kelurahan from ../shared/data when present), point-in-polygon on ingest, a
 * hosted style's origin in the CSP, and a local PMTiles file served with ranges.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';

const KELURAHAN = join(process.cwd(), '..', 'shared', 'data', 'jakarta', 'kelurahan.geojson');
const hasData = existsSync(KELURAHAN);
if (!hasData)
  console.warn(
    `boundary tests skipped: ${KELURAHAN} is absent (reference data, not part of the repo)`,
  );
const FIXTURES = 'test-output/map-config';
const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.dispose();
  rmSync(FIXTURES, { recursive: true, force: true });
});

describe.runIf(hasData)('BOUNDARIES', () => {
  it('matches every Jakarta kelurahan to its official code and places reports by point-in-polygon', async () => {
    const server = await startServer({ env: { BOUNDARIES: KELURAHAN } });
    servers.push(server);
    expect((await api(server.url, 'GET', '/api/v1/config')).body).toMatchObject({
      boundaries: true,
    });
    const fc = (await api(server.url, 'GET', '/api/v1/boundaries')).body;
    const codes = new Set(
      fc.features.map(
        (f: { properties: { nakhodaCode: string | null } }) => f.properties.nakhodaCode,
      ),
    );
    codes.delete(null);
    expect(codes.size).toBe(267);

    const cases: [string, Record<string, unknown>, string | null][] = [
      ['Pluit', report({ location: { lon: 106.79, lat: -6.12 } }), '31.72.01.1005'],
      ['Kampung Melayu', report({ location: { lon: 106.866, lat: -6.224 } }), '31.75.03.1001'],
      [
        'the source’s own code wins',
        report({ location: { lon: 106.79, lat: -6.12 }, kelurahanCode: '31.75.03.1001' }),
        '31.75.03.1001',
      ],
      ['open sea inside the bbox', report({ location: { lon: 106.9, lat: -5.9 } }), null],
    ];
    for (const [name, body, code] of cases) {
      const res = await api(server.url, 'POST', '/api/v1/incidents', body);
      expect(res.body.incident.kelurahanCode, name).toBe(code);
    }
  });
});

describe('basemap configuration', () => {
  it('defaults to the shipped offline basemap and no boundaries', async () => {
    const server = await startServer();
    servers.push(server);
    expect((await api(server.url, 'GET', '/api/v1/config')).body).toEqual({
      mapStyleUrl: null,
      pmtilesUrl: null,
      boundaries: false,
      boundariesAttribution: null,
    });
    expect((await api(server.url, 'GET', '/api/v1/boundaries')).status).toBe(404);
  });

  it('passes MAP_STYLE_URL to the client and lets the CSP reach its origin', async () => {
    const server = await startServer({
      env: {
        MAP_STYLE_URL: 'https://tiles.example.org/styles/dark.json',
        MAP_CONNECT_SRC: 'https://glyphs.example.org',
      },
    });
    servers.push(server);
    const res = await api(server.url, 'GET', '/api/v1/config');
    expect(res.body.mapStyleUrl).toBe('https://tiles.example.org/styles/dark.json');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(
      /connect-src 'self' https:\/\/tiles\.example\.org https:\/\/glyphs\.example\.org/,
    );
  });

  it('serves BASEMAP_PMTILES with range requests, to signed-in clients only', async () => {
    mkdirSync(FIXTURES, { recursive: true });
    const file = join(FIXTURES, 'city.pmtiles');
    writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)));
    const server = await startServer({ env: { BASEMAP_PMTILES: file } });
    servers.push(server);
    expect((await api(server.url, 'GET', '/api/v1/config')).body.pmtilesUrl).toBe(
      '/api/v1/basemap.pmtiles',
    );
    const part = await fetch(`${server.url}/api/v1/basemap.pmtiles`, {
      headers: { range: 'bytes=100-199', authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(part.status).toBe(206);
    const bytes = new Uint8Array(await part.arrayBuffer());
    expect(bytes).toHaveLength(100);
    expect(bytes[0]).toBe(100);
    expect((await fetch(`${server.url}/api/v1/basemap.pmtiles`)).status).toBe(401);
  });

  it.each([
    [
      'BOUNDARIES that is not GeoJSON',
      { BOUNDARIES: 'package.json' },
      /not a GeoJSON FeatureCollection/,
    ],
    ['a missing BASEMAP_PMTILES', { BASEMAP_PMTILES: 'nope.pmtiles' }, /BASEMAP_PMTILES: no file/],
    [
      'a MAP_STYLE_URL that is not http(s)',
      { MAP_STYLE_URL: 'ftp://x/style.json' },
      /MAP_STYLE_URL/,
    ],
  ])('refuses to start with %s, naming it', async (_n, env, message) => {
    const start = async () =>
      startNakhoda(
        loadConfig({ PORT: '0', DATABASE_URL: 'sqlite::memory:', SIMULATOR: 'off', ...env }),
        { log: () => undefined },
      );
    await expect(start()).rejects.toThrow(message);
  });
});
