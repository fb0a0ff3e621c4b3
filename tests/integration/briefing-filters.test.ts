/**
 * GET /api/v1/briefing's category, agency and area filters, against numbers worked out by
 * hand. The server's clock is injected, so every report and status change happens at a
 * known minute of one day (2026-11-10, UTC), the period asked for:
 *
 *   F  flooding     Kampung Melayu (31.75.03.1001)  reported the evening before; never answered
 *   A  flooding     Gambir (31.71.01.1001)          01:00, dispatched 01:30, resolved 03:00
 *   B  flooding     Pluit (31.72.01.1005)           02:00; never answered
 *   C  road damage  Cideng (31.71.01.1002)          03:00, moved from Bina Marga to Dinas SDA
 *   D  garbage      Tanah Tinggi (31.71.08.1004)    04:00, verified 04:20, resolved 05:00
 *   E  flooding     no kelurahan                    06:00; never answered
 *   G  flooding     Gambir                          the next day: outside the period
 *
 * Flooding must be answered within an hour (so B, E and F are overdue at the period's
 * end); road damage and garbage within a day (C is not yet).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing, PeriodKpis } from '../../shared/domain/briefing.ts';
import { api, report, startServer, type TestServer } from '../support/harness.ts';

const FROM = '2026-11-10T00:00:00.000Z';
const TO = '2026-11-11T00:00:00.000Z';
const HOUR = 3_600_000;
let now = Date.parse(FROM) - 12 * HOUR;
let server: TestServer;

const at = (iso: string) => (now = Date.parse(`2026-11-10T${iso}:00.000Z`));

async function post(body: Record<string, unknown>): Promise<string> {
  const res = await api(server.url, 'POST', '/api/v1/incidents', report(body));
  expect(res.status).toBe(201);
  return res.body.incident.id;
}

async function patch(id: string, change: Record<string, unknown>): Promise<void> {
  const res = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, change);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  server = await startServer({ clock: () => new Date(now) });
  const flood = (kelurahanCode?: string) => ({
    category: 'flooding',
    ...(kelurahanCode ? { kelurahanCode } : {}),
  });
  await post(flood('31.75.03.1001')); // F, the evening before
  at('01:00');
  const a = await post(flood('31.71.01.1001'));
  at('01:30');
  await patch(a, { status: 'dispatched' });
  at('02:00');
  await post(flood('31.72.01.1005')); // B
  at('03:00');
  await patch(a, { status: 'resolved' });
  const c = await post({ category: 'road_damage', kelurahanCode: '31.71.01.1002' });
  await patch(c, { agency: 'dsda' });
  at('04:00');
  const d = await post({ category: 'garbage', kelurahanCode: '31.71.08.1004' });
  at('04:20');
  await patch(d, { status: 'verified' });
  at('04:40');
  await patch(d, { status: 'dispatched' });
  at('05:00');
  await patch(d, { status: 'resolved' });
  at('06:00');
  await post(flood()); // E
  now = Date.parse(TO) + HOUR;
  await post(flood('31.71.01.1001')); // G
});
afterAll(async () => {
  await server.dispose();
});

type Expected = {
  kpis: Partial<PeriodKpis>;
  previousReceived: number;
  agencies: string[];
  kelurahan: string[];
};

const CASES: [string, string, Expected][] = [
  [
    'no filter: A B C D E received, F carried over',
    '',
    {
      kpis: { received: 5, resolved: 2, openAtEnd: 4, overdueAtEnd: 3, medianResponseMin: 25 },
      previousReceived: 1,
      agencies: ['dlh', 'dsda'],
      kelurahan: [
        '31.71.01.1001',
        '31.71.01.1002',
        '31.71.08.1004',
        '31.72.01.1005',
        '31.75.03.1001',
      ],
    },
  ],
  [
    'category: flooding is A B E (and F open)',
    'category=flooding',
    {
      kpis: {
        received: 3,
        resolved: 1,
        resolutionRatePct: 33.3,
        openAtEnd: 3,
        overdueAtEnd: 3,
        medianResponseMin: 30,
        medianResolutionMin: 120,
        slaCompliancePct: 100,
      },
      previousReceived: 1,
      agencies: ['dsda'],
      kelurahan: ['31.71.01.1001', '31.72.01.1005', '31.75.03.1001'],
    },
  ],
  [
    'agency: Dinas SDA holds C since it was moved there',
    'agency=dsda',
    {
      kpis: { received: 4, resolved: 1, openAtEnd: 4, overdueAtEnd: 3, medianResponseMin: 30 },
      previousReceived: 1,
      agencies: ['dsda'],
      kelurahan: ['31.71.01.1001', '31.71.01.1002', '31.72.01.1005', '31.75.03.1001'],
    },
  ],
  [
    'agency: Bina Marga no longer holds C',
    'agency=bina_marga',
    {
      kpis: { received: 0, resolved: 0, openAtEnd: 0, overdueAtEnd: 0, medianResponseMin: null },
      previousReceived: 0,
      agencies: [],
      kelurahan: [],
    },
  ],
  [
    'area: the kota Jakarta Pusat (31.71) is A C D',
    'area=31.71',
    {
      kpis: { received: 3, resolved: 2, openAtEnd: 1, overdueAtEnd: 0, medianResponseMin: 25 },
      previousReceived: 0,
      agencies: ['dlh', 'dsda'],
      kelurahan: ['31.71.01.1001', '31.71.01.1002', '31.71.08.1004'],
    },
  ],
  [
    'area: the kecamatan Gambir (31.71.01) is A C',
    'area=31.71.01',
    {
      kpis: { received: 2, resolved: 1, openAtEnd: 1, overdueAtEnd: 0, medianResponseMin: 30 },
      previousReceived: 0,
      agencies: ['dsda'],
      kelurahan: ['31.71.01.1001', '31.71.01.1002'],
    },
  ],
  [
    'area: Jakarta Timur (31.75) has only F, received the day before',
    'area=31.75',
    {
      kpis: { received: 0, resolved: 0, openAtEnd: 1, overdueAtEnd: 1, medianResponseMin: null },
      previousReceived: 1,
      agencies: ['dsda'],
      kelurahan: ['31.75.03.1001'],
    },
  ],
  [
    'category and area together: only A',
    'category=flooding&area=31.71',
    {
      kpis: { received: 1, resolved: 1, openAtEnd: 0, overdueAtEnd: 0, medianResponseMin: 30 },
      previousReceived: 0,
      agencies: ['dsda'],
      kelurahan: ['31.71.01.1001'],
    },
  ],
  [
    'category and agency that share nothing: empty',
    'category=garbage&agency=dsda',
    {
      kpis: { received: 0, resolved: 0, openAtEnd: 0, overdueAtEnd: 0 },
      previousReceived: 0,
      agencies: [],
      kelurahan: [],
    },
  ],
];

describe('GET /api/v1/briefing filters', () => {
  it.each(CASES)('%s', async (_name, filter, expected) => {
    const res = await api(
      server.url,
      'GET',
      `/api/v1/briefing?from=${FROM}&to=${TO}&minCount=1${filter ? `&${filter}` : ''}`,
    );
    expect(res.status).toBe(200);
    const b = res.body as Briefing;
    expect(b.kpis).toMatchObject(expected.kpis);
    expect(b.previousKpis.received).toBe(expected.previousReceived);
    expect(b.agencies.map((r) => r.key).sort()).toEqual(expected.agencies);
    expect(b.kelurahan.map((r) => r.key).sort()).toEqual(expected.kelurahan);
  });

  it('refuses a kelurahan code as the area (a kota or kecamatan only), naming area', async () => {
    const res = await api(
      server.url,
      'GET',
      `/api/v1/briefing?from=${FROM}&to=${TO}&area=31.71.01.1001`,
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toContain('area');
  });
});
