/**
 * Map configuration against the real server: boundaries from a GeoJSON file, matched to
 * the pack's codes by name, and point-in-polygon on ingest; a hosted style's origin in the
 * CSP; and a local PMTiles file served with ranges. Boundaries always run on a small
 * made-up fixture (invented shapes carrying real kelurahan names); the real Jakarta file
 * from ../shared/data, never part of the repo, is checked as well when it is there.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import { ADMIN_TOKEN, api, report, startServer } from '../support/harness.ts';

const MINI = join(process.cwd(), 'tests', 'fixtures', 'boundaries-mini.geojson');
const KELURAHAN = join(process.cwd(), '..', 'shared', 'data', 'jakarta', 'kelurahan.geojson');
const hasData = existsSync(KELURAHAN);
const FIXTURES = 'test-output/map-config';
const servers: { dispose(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of servers) await s.dispose();
  rmSync(FIXTURES, { recursive: true, force: true });
});

const at = (lon: number, lat: number) => report({ location: { lon, lat } });

describe('BOUNDARIES (made-up fixture)', () => {
  it('matches names to the pack’s codes: case, spacing, a drifted spelling, a prefix; not a stranger', async () => {
    const lines: string[] = [];
    const server = await startNakhoda(
      loadConfig({
        PORT: '0',
        DATABASE_URL: 'sqlite::memory:',
        SIMULATOR: 'off',
        NAKHODA_ADMIN_TOKEN: ADMIN_TOKEN,
        BOUNDARIES: MINI,
      }),
      { log: (m) => lines.push(m) },
    );
    servers.push({ dispose: () => server.close() });
    expect((await api(server.url, 'GET', '/api/v1/config')).body).toMatchObject({
      boundaries: true,
      boundariesAttribution: 'Batas wilayah / Boundaries: HDX / BPS',
    });
    const fc = (await api(server.url, 'GET', '/api/v1/boundaries')).body;
    const matched = Object.fromEntries(
      fc.features.map((f: { properties: Record<string, string | null> }) => [
        f.properties.village,
        [f.properties.nakhodaCode, f.properties.nakhodaName],
      ]),
    );
    expect(matched).toEqual({
      PLUIT: ['31.72.01.1005', 'Pluit'],
      'Kampung Melayu': ['31.75.03.1001', 'Kampung Melayu'],
      // Within its kecamatan, one letter off.
      'Tanjung Priuk': ['31.72.02.1001', 'Tanjung Priok'],
      // "Kampung Tengah" in the file is "Tengah" in the pack; "Kramat Jati" is "Kramatjati".
      'Kampung Tengah': ['31.75.04.1002', 'Tengah'],
      Gambir: ['31.71.01.1001', 'Gambir'],
      'Tanah Tinggi': ['31.71.08.1004', 'Tanah Tinggi'],
      'Kelurahan Rekaan': [null, 'Kelurahan Rekaan'],
    });
    // The file's own properties travel with each shape; its codes are not the pack's.
    expect(fc.features[0].properties).toMatchObject({ district: 'PENJARINGAN' });
    expect(lines).toContain(
      "boundaries: 6 units matched to Jakarta's codes; unmatched: Kelurahan Rekaan",
    );
  });

  it('places a report without a code in the shape that contains it, and nowhere else', async () => {
    const server = await startServer({ env: { BOUNDARIES: MINI } });
    servers.push(server);
    const cases: [string, Record<string, unknown>, string | null][] = [
      ['inside Pluit', at(106.79, -6.12), '31.72.01.1005'],
      ['inside Kampung Melayu', at(106.866, -6.224), '31.75.03.1001'],
      ['inside a near-spelled name', at(106.88, -6.11), '31.72.02.1001'],
      ['in the first part of a MultiPolygon', at(106.82, -6.175), '31.71.01.1001'],
      ['in the second part of a MultiPolygon', at(106.832, -6.177), '31.71.01.1001'],
      ['between the parts of a MultiPolygon', at(106.8275, -6.175), null],
      ['inside a triangle', at(106.845, -6.18), '31.71.08.1004'],
      ['inside the triangle’s bbox, outside the triangle', at(106.855, -6.17), null],
      ['inside a shape matched to no kelurahan', at(106.905, -6.295), null],
      ['outside every shape, on land', at(106.75, -6.3), null],
      ['open sea inside the city bbox', at(106.9, -5.9), null],
      [
        'the source’s own code wins over the shape',
        report({ location: { lon: 106.79, lat: -6.12 }, kelurahanCode: '31.75.03.1001' }),
        '31.75.03.1001',
      ],
    ];
    for (const [name, body, code] of cases) {
      const res = await api(server.url, 'POST', '/api/v1/incidents', body);
      expect(res.status, name).toBe(201);
      expect(res.body.incident.kelurahanCode, name).toBe(code);
    }
  });
});

// Reference data outside the repo: an extra check on the real shapes when they are present.
describe.runIf(hasData)('BOUNDARIES (the real Jakarta kelurahan file)', () => {
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
      ['Pluit', at(106.79, -6.12), '31.72.01.1005'],
      ['Kampung Melayu', at(106.866, -6.224), '31.75.03.1001'],
      ['open sea inside the bbox', at(106.9, -5.9), null],
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
