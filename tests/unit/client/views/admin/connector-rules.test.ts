/** The Open311 connectors panel's pure rules: form checks, the request body, field errors, lag. */
import { describe, expect, it } from 'vitest';
import {
  checkConnector,
  EMPTY_CONNECTOR,
  errorPreview,
  ERROR_PREVIEW,
  groupServiceErrors,
  lagText,
  newConnectorBody,
  skippedCount,
  type ConnectorForm,
} from '../../../../../client/views/admin/connector-rules.ts';

const form = (o: Partial<ConnectorForm> = {}): ConnectorForm => ({
  ...EMPTY_CONNECTOR,
  name: 'Open311 Bogor',
  endpoint: 'https://bogor.example/open311/v2',
  ...o,
});

describe('connector form', () => {
  it('accepts a minimal connector and sends nulls for what is left empty', () => {
    expect(checkConnector(form())).toEqual({});
    expect(newConnectorBody(form({ name: ' Open311 Bogor ' }))).toEqual({
      name: 'Open311 Bogor',
      endpoint: 'https://bogor.example/open311/v2',
      jurisdictionId: null,
      apiKey: null,
      serviceMap: {},
      defaultCategory: null,
      enabled: true,
      pollSeconds: 60,
    });
  });

  it('sends the key as typed, the map without blank rows, and the default category', () => {
    const body = newConnectorBody(
      form({
        apiKey: ' kunci ',
        jurisdictionId: ' bogor ',
        serviceRows: [
          { service: ' pothole ', category: 'road_damage' },
          { service: '', category: '' },
          { service: 'banjir', category: 'flooding' },
        ],
        defaultCategory: 'garbage',
        pollSeconds: '300',
        enabled: false,
      }),
    );
    expect(body).toMatchObject({
      apiKey: ' kunci ',
      jurisdictionId: 'bogor',
      serviceMap: { pothole: 'road_damage', banjir: 'flooding' },
      defaultCategory: 'garbage',
      pollSeconds: 300,
      enabled: false,
    });
  });

  it.each([
    [{ name: '  ' }, { name: 'nameRequired' }],
    [{ endpoint: 'bogor.example/open311/v2' }, { endpoint: 'endpointFormat' }],
    [{ endpoint: 'ftp://bogor.example/open311/v2' }, { endpoint: 'endpointFormat' }],
    [{ endpoint: 'https://u:p@bogor.example/open311/v2' }, { endpoint: 'endpointCredentials' }],
    [{ endpoint: 'https://bogor.example/open311/v2?api_key=x' }, { endpoint: 'endpointQuery' }],
    [{ pollSeconds: '4' }, { pollSeconds: 'pollRange' }],
    [{ pollSeconds: '86401' }, { pollSeconds: 'pollRange' }],
    [{ pollSeconds: '7.5' }, { pollSeconds: 'pollRange' }],
    [{ pollSeconds: '' }, { pollSeconds: 'pollRange' }],
    [
      { serviceRows: [{ service: 'pothole', category: '' }] },
      { serviceMap: 'serviceRowIncomplete' },
    ],
    [
      { serviceRows: [{ service: '', category: 'flooding' }] },
      { serviceMap: 'serviceRowIncomplete' },
    ],
    [
      {
        serviceRows: [
          { service: 'banjir', category: 'flooding' },
          { service: ' banjir', category: 'garbage' },
        ],
      },
      { serviceMap: 'serviceDuplicate' },
    ],
  ])('refuses %j before sending: %j', (change, problems) => {
    expect(checkConnector(form(change))).toEqual(problems);
  });
});

describe("the server's field messages", () => {
  it("puts each service's unknown category beside the service map, naming the service", () => {
    expect(
      groupServiceErrors({
        'serviceMap.pothole': "unknown category 'jalan'",
        'serviceMap.banjir': "unknown category 'air'",
        name: 'is taken',
      }),
    ).toEqual({
      serviceMap: "pothole: unknown category 'jalan'; banjir: unknown category 'air'",
      name: 'is taken',
    });
  });
});

describe('row texts', () => {
  it.each([
    [null, 'id', '—'],
    [0, 'id', '< 1 mnt'],
    [59, 'en', '< 1 min'],
    [180, 'en', '3 min'],
    [3 * 3600 + 20 * 60, 'id', '3 j 20 mnt'],
  ] as const)('lag %s s in %s is "%s"', (seconds, locale, text) => {
    expect(lagText(seconds, locale)).toBe(text);
  });

  it('counts every kind of skip, but not refusals', () => {
    expect(
      skippedCount({
        seen: 20,
        created: 9,
        updated: 4,
        skippedNoId: 1,
        skippedNoLocation: 2,
        skippedUnmapped: 3,
        refused: 5,
      }),
    ).toBe(6);
  });

  it('shortens a long error and keeps a short one whole', () => {
    expect(errorPreview('GET requests.json: ECONNREFUSED')).toBe('GET requests.json: ECONNREFUSED');
    const long = 'x'.repeat(200);
    expect(errorPreview(long)).toHaveLength(ERROR_PREVIEW);
    expect(errorPreview(long).endsWith('…')).toBe(true);
  });
});
