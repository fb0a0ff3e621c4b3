/**
 * Open311 GeoReport v2 conformance, written from the spec's text: every endpoint in both
 * formats (XML parsed by a real parser and checked for the spec's shapes, JSON against
 * schemas from the spec, and the two formats saying the same), the form-encoding and
 * attribute cases, the errors, and a client in another language (Python's standard
 * library) that lists, reads, files and reads back.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { api, startServer, type TestServer } from '../support/harness.ts';
import {
  asXmlText,
  LIST_ITEMS,
  DiscoveryJson,
  ErrorsJson,
  parseXml,
  PostResponseJson,
  RequestsJson,
  ServiceDefinitionJson,
  ServicesJson,
  TokenJson,
  UpdatesJson,
} from '../support/open311-spec.ts';
import {
  fileRequest,
  floodRequest,
  get,
  mintKeys,
  OPEN311,
  postForm,
  postMultipart,
  type Params,
} from '../support/open311.ts';

const XML = 'text/xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

let server: TestServer;
let keys: { ingest: string; viewer: string };

beforeAll(async () => {
  server = await startServer();
  keys = await mintKeys(server);
});
afterAll(() => server.dispose());

/** Fetches `path` in both formats and checks the XML says what the JSON says. */
async function both(path: string, root: string, query: Record<string, string> = {}) {
  const json = await get(server, `${path}.json`, query);
  const xml = await get(server, `${path}.xml`, query);
  expect(json.type).toBe(JSON_TYPE);
  expect(xml.type).toBe(XML);
  expect(xml.status).toBe(json.status);
  const inside = parseXml(xml.text, root);
  const twin = asXmlText(json.json, LIST_ITEMS[root]);
  expect(inside).toEqual(twin === '' ? {} : twin);
  return json;
}

const read = (id: string, query: Record<string, string> = {}) =>
  get(server, `requests/${id}.json`, { api_key: keys.viewer, ...query });

describe('discovery and services', () => {
  it('discovery names this endpoint and both formats', async () => {
    const res = await both('discovery', 'discovery');
    expect(res.status).toBe(200);
    const d = DiscoveryJson.parse(res.json);
    expect(d.endpoints[0]!.url).toBe(`${server.url}${OPEN311}`);
    expect(d.endpoints[0]!.formats).toEqual(['text/xml', 'application/json']);
  });

  it('services are the city pack categories, metadata true where attributes are declared', async () => {
    const res = await both('services', 'services');
    const services = ServicesJson.parse(res.json);
    expect(services.map((s) => s.service_code)).toEqual(JAKARTA.categories.map((c) => c.code));
    const byCode = new Map(services.map((s) => [s.service_code, s]));
    expect(byCode.get('flooding')).toMatchObject({
      metadata: true,
      type: 'realtime',
      service_name: 'Banjir/Genangan',
    });
    expect(byCode.get('road_damage')!.metadata).toBe(false);
  });

  it('a service definition lists its attributes with values, orders unique and positive', async () => {
    const res = await both('services/flooding', 'service_definition');
    const def = ServiceDefinitionJson.parse(res.json);
    expect(def.service_code).toBe('flooding');
    const depth = def.attributes.find((a) => a.code === 'water_depth');
    expect(depth).toMatchObject({ datatype: 'singlevaluelist', variable: true, required: false });
    expect(depth!.values.map((v) => v.key)).toEqual(['ankle', 'knee', 'waist', 'chest']);
    const orders = def.attributes.map((a) => a.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('a definition without attributes has an empty attributes element', async () => {
    const res = await both('services/garbage', 'service_definition');
    expect(ServiceDefinitionJson.parse(res.json).attributes).toEqual([]);
  });

  it('an unknown service is 404 with an error list in both formats', async () => {
    const res = await both('services/no_such_service', 'errors');
    expect(res.status).toBe(404);
    expect(ErrorsJson.parse(res.json)[0]!.description).toMatch(/no_such_service/);
  });
});

describe('POST requests', () => {
  it('files a request and reads it back in both formats', async () => {
    const posted = await postForm(server, 'requests.xml', floodRequest(keys.ingest));
    expect(posted.status, posted.text).toBe(200);
    expect(posted.type).toBe(XML);
    const answer = parseXml(posted.text, 'service_requests') as {
      request: Record<string, string>[];
    };
    const id = answer.request[0]!.service_request_id!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const res = await both(`requests/${id}`, 'service_requests', { api_key: keys.viewer });
    const [r] = RequestsJson.parse(res.json);
    expect(r).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'flooding',
      description: 'Air masuk rumah warga',
      lat: -6.1754,
      long: 106.8272,
      agency_responsible: 'Dinas Sumber Daya Air',
    });
    // Flooding's SLA: resolved within two days of the report.
    expect(Date.parse(r!.expected_datetime) - Date.parse(r!.requested_datetime)).toBe(
      2 * 86_400_000,
    );
  });

  it('answers JSON with service_request_id and a token that tokens/{token} resolves', async () => {
    const posted = await postForm(server, 'requests.json', floodRequest(keys.ingest));
    expect(posted.type).toBe(JSON_TYPE);
    const [p] = PostResponseJson.parse(posted.json);
    const res = await both(`tokens/${p!.token}`, 'service_requests');
    expect(TokenJson.parse(res.json)[0]!.service_request_id).toBe(p!.service_request_id);
  });

  it.each<[string, Params]>([
    ['attribute[code]=v', [['attribute[water_depth]', 'knee']]],
    ['attribute[code][]=v', [['attribute[water_depth][]', 'knee']]],
  ])('takes an attribute as %s and shows it with extensions=true', async (_name, attr) => {
    const id = await fileRequest(server, floodRequest(keys.ingest, attr));
    const res = await both(`requests/${id}`, 'service_requests', {
      api_key: keys.viewer,
      extensions: 'true',
    });
    const [r] = RequestsJson.parse(res.json);
    expect(r!.description).toBe('Air masuk rumah warga');
    expect(r!.extended_attributes).toMatchObject({
      channel: 'jaki',
      agency: 'dsda',
      severity: 'high',
      attributes: { water_depth: 'knee' },
    });
  });

  it.each<[string, Params, RegExp]>([
    [
      'two values for a single-value list',
      [
        ['attribute[water_depth][]', 'knee'],
        ['attribute[water_depth][]', 'waist'],
      ],
      /attribute\[water_depth\]: takes one value/,
    ],
    [
      'a value not in the list',
      [['attribute[water_depth]', 'neck']],
      /attribute\[water_depth\]: expected one of/,
    ],
  ])('refuses %s with 400', async (_name, attr, why) => {
    const res = await postForm(server, 'requests.json', floodRequest(keys.ingest, attr));
    expect(res.status).toBe(400);
    expect(ErrorsJson.parse(res.json)[0]!.description).toMatch(why);
  });

  it('keeps repeated media_url, the first as media_url', async () => {
    const id = await fileRequest(
      server,
      floodRequest(keys.ingest, [
        ['media_url', 'https://img.example.org/a.jpg'],
        ['media_url', 'https://img.example.org/b.jpg'],
      ]),
    );
    const [r] = RequestsJson.parse((await read(id, { extensions: 'true' })).json);
    expect(r!.media_url).toBe('https://img.example.org/a.jpg');
    expect(r!.extended_attributes!.media_urls).toEqual([
      'https://img.example.org/a.jpg',
      'https://img.example.org/b.jpg',
    ]);
  });

  it('reads an empty parameter as absent and ignores unknown ones', async () => {
    const id = await fileRequest(server, [
      ['api_key', keys.ingest],
      ['service_code', 'flooding'],
      ['lat', '-6.2'],
      ['long', '106.8'],
      ['description', ''],
      ['email', ''],
      ['phone', ''],
      ['address_string', ''],
      ['media_url', ''],
      ['attribute[water_depth]', ''],
      ['jurisdiction_id', ''],
      ['favourite_colour', 'teal'],
    ]);
    const [r] = RequestsJson.parse((await read(id)).json);
    expect(r).toMatchObject({ description: '', address: '', media_url: '' });
  });

  it('keeps the reporter as personal data: staff see it in v1, viewers and Open311 never', async () => {
    const id = await fileRequest(
      server,
      floodRequest(keys.ingest, [
        ['first_name', 'Budi'],
        ['last_name', 'Santoso'],
        ['email', 'budi@example.org'],
        ['phone', '+62 812 3456 7890'],
        ['address_string', 'Jl. Pluit Raya 1'],
        ['device_id', 'device-123'],
        ['account_id', 'acct-9'],
      ]),
    );
    const staff = await api(server.url, 'GET', `/api/v1/incidents/${id}`);
    expect(staff.body.incident.reporter).toEqual({
      name: 'Budi Santoso',
      email: 'budi@example.org',
      phone: '+62 812 3456 7890',
    });
    expect(staff.body.incident.address).toBe('Jl. Pluit Raya 1');
    const viewer = await api(server.url, 'GET', `/api/v1/incidents/${id}`, undefined, {
      authorization: `Bearer ${keys.viewer}`,
    });
    expect(viewer.body.incident.reporter).toBeNull();
    const open311 = await read(id, { extensions: 'true' });
    expect(open311.text).not.toMatch(/3456|budi@|Santoso/);
    expect(open311.json[0].address).toBe('Jl. Pluit Raya 1');
  });

  it('takes multipart with a photo, says the photo is not kept, and reads attribute[code][]', async () => {
    const res = await postMultipart(
      server,
      'requests.json',
      floodRequest(keys.ingest, [['attribute[water_depth][]', 'waist']]),
      { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), name: 'banjir.jpg' },
    );
    expect(res.status, res.text).toBe(200);
    const [p] = PostResponseJson.parse(res.json);
    expect(p!.service_notice).toMatch(/photo was received but is not kept/);
    const [r] = RequestsJson.parse(
      (await read(p!.service_request_id, { extensions: 'true' })).json,
    );
    expect(r!.extended_attributes!.attributes).toEqual({ water_depth: 'waist' });
  });

  it('refuses a photo over 5 MB with 413 and stores nothing', async () => {
    const before = await api(server.url, 'GET', '/api/v1/incidents?category=flooding&limit=5000');
    const res = await postMultipart(server, 'requests.xml', floodRequest(keys.ingest), {
      bytes: new Uint8Array(5 * 2 ** 20 + 1),
      name: 'big.jpg',
    });
    expect(res.status).toBe(413);
    expect((parseXml(res.text, 'errors') as { error: { code: string }[] }).error[0]!.code).toBe(
      '413',
    );
    const after = await api(server.url, 'GET', '/api/v1/incidents?category=flooding&limit=5000');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('refuses a body that is neither form-encoded nor multipart with 415', async () => {
    const res = await fetch(`${server.url}${OPEN311}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: keys.ingest }),
    });
    expect(res.status).toBe(415);
    expect(ErrorsJson.parse(await res.json())[0]!.description).toMatch(/x-www-form-urlencoded/);
  });
});

describe('errors', () => {
  const without = (name: string) => floodRequest('KEY').filter(([k]) => k !== name);

  it.each<[string, () => Params, number, RegExp]>([
    ['a bad api_key', () => floodRequest('not-a-key'), 403, /api_key: not a valid key/],
    ['no api_key', () => without('api_key'), 403, /api_key: required/],
    ['a read-only key', () => floodRequest(keys.viewer), 403, /ingest key/],
    [
      'an unknown service_code',
      () =>
        floodRequest(keys.ingest, [['service_code', 'volcano']]).filter(
          ([k, v]) => k !== 'service_code' || v === 'volcano',
        ),
      400,
      /service_code: no service 'volcano'/,
    ],
    [
      'no service_code',
      () => floodRequest(keys.ingest).filter(([k]) => k !== 'service_code'),
      400,
      /service_code: required/,
    ],
    [
      'no lat/long',
      () => floodRequest(keys.ingest).filter(([k]) => k !== 'lat' && k !== 'long'),
      400,
      /lat, long: required$/,
    ],
    [
      'an address without lat/long',
      () => [
        ...floodRequest(keys.ingest).filter(([k]) => k !== 'lat' && k !== 'long'),
        ['address_string', 'Jl. Thamrin 1'],
      ],
      400,
      /no geocoder/,
    ],
    [
      'lat without long',
      () => floodRequest(keys.ingest).filter(([k]) => k !== 'long'),
      400,
      /long: required with lat/,
    ],
    [
      'a point outside the city',
      () => [...floodRequest(keys.ingest).filter(([k]) => k !== 'lat'), ['lat', '-7.5']],
      400,
      /^lat, long: .*outside Jakarta/,
    ],
    [
      'another jurisdiction',
      () => floodRequest(keys.ingest, [['jurisdiction_id', 'bandung']]),
      400,
      /jurisdiction_id: this server serves 'jakarta'/,
    ],
    [
      'a description over 4,000 characters',
      () => [
        ...floodRequest(keys.ingest).filter(([k]) => k !== 'description'),
        ['description', 'x'.repeat(4001)],
      ],
      400,
      /description: at most 4000/,
    ],
    ['a malformed phone', () => floodRequest(keys.ingest, [['phone', 'call me']]), 400, /^phone: /],
    [
      'a media_url that is not http',
      () => floodRequest(keys.ingest, [['media_url', 'javascript:alert(1)']]),
      400,
      /media_url: expected an http/,
    ],
  ])('refuses %s, in both formats, storing nothing', async (_name, params, status, why) => {
    const before = (await api(server.url, 'GET', '/api/v1/incidents?limit=5000')).body.items.length;
    const json = await postForm(server, 'requests.json', params());
    expect(json.status, json.text).toBe(status);
    expect(json.type).toBe(JSON_TYPE);
    const [e] = ErrorsJson.parse(json.json);
    expect(e!.code).toBe(status);
    expect(e!.description).toMatch(why);
    const xml = await postForm(server, 'requests.xml', params());
    expect(xml.status).toBe(status);
    expect(parseXml(xml.text, 'errors')).toEqual(asXmlText(json.json, 'error'));
    expect((await api(server.url, 'GET', '/api/v1/incidents?limit=5000')).body.items.length).toBe(
      before,
    );
  });

  it('refuses reading with an ingest key, or with none, with 403', async () => {
    const ingest = await get(server, 'requests.json', { api_key: keys.ingest });
    expect(ingest.status).toBe(403);
    expect(ErrorsJson.parse(ingest.json)[0]!.description).toMatch(/ingest keys cannot read/);
    const none = await both('requests', 'errors');
    expect(none.status).toBe(403);
  });

  it('an unknown request and an unknown token are 404', async () => {
    expect(
      (
        await both('requests/00000000-0000-4000-8000-000000000000', 'errors', {
          api_key: keys.viewer,
        })
      ).status,
    ).toBe(404);
    expect((await both('tokens/nope', 'errors')).status).toBe(404);
  });

  it('a path without a format, or with another, is 404 with an error list', async () => {
    for (const path of ['services', 'services.csv', 'requests/x.yaml']) {
      const res = await get(server, path);
      expect(res.status).toBe(404);
      ErrorsJson.parse(res.json);
    }
  });
});

describe('GET requests', () => {
  it('service_request_id takes a comma list and overrides the other filters', async () => {
    const a = await fileRequest(server, floodRequest(keys.ingest));
    const b = await fileRequest(
      server,
      floodRequest(keys.ingest, [['service_code', 'garbage']]).filter(
        ([k, v]) => k !== 'service_code' || v === 'garbage',
      ),
    );
    const res = await both('requests', 'service_requests', {
      api_key: keys.viewer,
      service_request_id: `${a},${b}`,
      service_code: 'fire',
      status: 'closed',
    });
    expect(RequestsJson.parse(res.json).map((r) => r.service_request_id)).toEqual([a, b]);
  });

  it('filters by service_code and by status open/closed from the lifecycle', async () => {
    const code: Params = [['service_code', 'fallen_tree']];
    const params = floodRequest(keys.ingest)
      .filter(([k]) => k !== 'service_code')
      .concat(code);
    const open = await fileRequest(server, params);
    const done = await fileRequest(server, params);
    for (const status of ['dispatched', 'resolved'])
      expect(
        (
          await api(server.url, 'PATCH', `/api/v1/incidents/${done}`, {
            status,
            note: `now ${status}`,
          })
        ).status,
      ).toBe(200);
    const ids = async (status?: string) =>
      RequestsJson.parse(
        (
          await both('requests', 'service_requests', {
            api_key: keys.viewer,
            service_code: 'fallen_tree',
            ...(status ? { status } : {}),
          })
        ).json,
      ).map((r) => r.service_request_id);
    expect(await ids()).toEqual([done, open]);
    expect(await ids('open')).toEqual([open]);
    expect(await ids('closed')).toEqual([done]);
    expect(await ids('open,closed')).toEqual([done, open]);
    const [r] = RequestsJson.parse((await read(done, { extensions: 'true' })).json);
    expect(r!.status).toBe('closed');
    expect(r!.status_notes).toBe('Selesai / Resolved');
    const notes = r!.extended_attributes!.notes as {
      type: string;
      status?: string;
      description: string;
    }[];
    expect(notes.map((n) => n.type)).toEqual(['reported', 'status_changed', 'status_changed']);
    expect(notes[2]).toMatchObject({ status: 'resolved', description: 'now resolved' });
  });

  it('pages with page and page_size, newest first', async () => {
    const params = floodRequest(keys.ingest)
      .filter(([k]) => k !== 'service_code')
      .concat([['service_code', 'street_light']]);
    const filed: string[] = [];
    for (let i = 0; i < 5; i++) filed.push(await fileRequest(server, params));
    const page = async (n: number) =>
      RequestsJson.parse(
        (
          await get(server, 'requests.json', {
            api_key: keys.viewer,
            service_code: 'street_light',
            page_size: '2',
            page: String(n),
          })
        ).json,
      ).map((r) => r.service_request_id);
    const all = [...(await page(1)), ...(await page(2)), ...(await page(3))];
    expect(new Set(all)).toEqual(new Set(filed));
    expect(all).toHaveLength(5);
    expect(await page(4)).toEqual([]);
  });

  it.each([
    ['page_size', '1001', /page_size/],
    ['page', '0', /page:/],
    ['status', 'pending', /status: expected open or closed/],
    ['start_date', '2026-01-01T00:00:00', /start_date: expected a W3C datetime with a zone/],
    ['service_code', 'volcano', /service_code: no service 'volcano'/],
  ])('refuses %s=%s with 400', async (name, value, why) => {
    const res = await both('requests', 'errors', { api_key: keys.viewer, [name]: value });
    expect(res.status).toBe(400);
    expect(ErrorsJson.parse(res.json)[0]!.description).toMatch(why);
  });

  it('a wall display key reads requests without notes text', async () => {
    const id = await fileRequest(server, floodRequest(keys.ingest));
    expect(
      (await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, { note: 'petugas menuju lokasi' }))
        .status,
    ).toBe(200);
    const { secret } = await server.auth.createToken(
      { kind: 'display', role: 'display', label: 'Wall', createdBy: 'test' },
      new Date(),
    );
    const res = await get(
      server,
      `requests/${id}.json`,
      { extensions: 'true' },
      { authorization: `Bearer ${secret}` },
    );
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/petugas/);
    const staff = await read(id, { extensions: 'true' });
    expect(staff.text).toMatch(/petugas menuju lokasi/);
  });
});

describe('servicerequestupdates (mySociety extension)', () => {
  it('lists status changes in the window, oldest first, in both formats', async () => {
    const id = await fileRequest(server, floodRequest(keys.ingest));
    const [filed] = RequestsJson.parse((await read(id)).json);
    for (const status of ['dispatched', 'resolved'])
      expect(
        (
          await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, {
            status,
            note: `ke ${status}`,
          })
        ).status,
      ).toBe(200);
    const window = { api_key: keys.viewer, start_date: filed!.requested_datetime };
    const res = await both('servicerequestupdates', 'service_request_updates', window);
    const mine = UpdatesJson.parse(res.json).filter((u) => u.service_request_id === id);
    expect(mine.map((u) => [u.status, u.description])).toEqual([
      ['action_scheduled', 'ke dispatched'],
      ['fixed', 'ke resolved'],
    ]);
    expect(Number(mine[1]!.update_id)).toBeGreaterThan(Number(mine[0]!.update_id));
    const before = await get(server, 'servicerequestupdates.json', {
      ...window,
      start_date: '2020-01-01T00:00:00Z',
      end_date: '2020-01-02T00:00:00Z',
    });
    expect(before.json).toEqual([]);
    const ingest = await get(server, 'servicerequestupdates.json', { api_key: keys.ingest });
    expect(ingest.status).toBe(403);
  });
});

describe('dates and limits (own servers)', () => {
  it('defaults to the last 90 days; start_date/end_date choose the window', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    const dated = await startServer({ clock: () => now });
    try {
      const k = await mintKeys(dated);
      const old = (await postForm(dated, 'requests.json', floodRequest(k.ingest))).json[0]
        .service_request_id;
      now = new Date('2026-06-15T00:00:00Z');
      const recent = (await postForm(dated, 'requests.json', floodRequest(k.ingest))).json[0]
        .service_request_id;
      const ids = async (q: Record<string, string> = {}) =>
        RequestsJson.parse(
          (await get(dated, 'requests.json', { api_key: k.viewer, ...q })).json,
        ).map((r) => r.service_request_id);
      expect(await ids()).toEqual([recent]);
      expect(await ids({ start_date: '2026-01-01T00:00:00Z' })).toEqual([recent, old]);
      // A zone's '+' sent unencoded arrives as a space: still read as +07:00.
      expect(
        await ids({ start_date: '2026-02-28T00:00:00 07:00', end_date: '2026-03-02T00:00:00Z' }),
      ).toEqual([old]);
      expect(await ids({ end_date: '2026-03-01T00:00:00Z' })).toEqual([old]);
    } finally {
      await dated.dispose();
    }
  });

  it('spends the ingest rate limit of the key: over it, 429 and nothing stored', async () => {
    const limited = await startServer({ env: { RATE_INGEST_PER_MIN: '1' } });
    try {
      const k = await mintKeys(limited);
      expect((await postForm(limited, 'requests.json', floodRequest(k.ingest))).status).toBe(200);
      const over = await postForm(limited, 'requests.json', floodRequest(k.ingest));
      expect(over.status).toBe(429);
      const list = await get(limited, 'requests.json', { api_key: k.viewer });
      expect(list.json).toHaveLength(1);
    } finally {
      await limited.dispose();
    }
  });
});

describe('a client written by someone else (Python standard library)', () => {
  it('lists services, reads a definition, files and reads back, in XML and JSON', async () => {
    const { stdout } = await promisify(execFile)('python3', [
      'tests/support/open311_client.py',
      `${server.url}${OPEN311}`,
      keys.ingest,
      keys.viewer,
    ]);
    const seen = JSON.parse(stdout);
    for (const format of ['xml', 'json']) {
      const s = seen[format];
      expect(s.services).toEqual(JAKARTA.categories.map((c) => c.code));
      expect(s).toMatchObject({ attribute: 'water_depth', datatype: 'singlevaluelist' });
      expect(s.read_back).toMatchObject({
        service_request_id: s.id,
        service_code: 'flooding',
        status: 'open',
      });
      expect(s.read_back.description).toBe(`Banjir di jalan (${format.toUpperCase()} client)`);
    }
    const [xmlBack] = RequestsJson.parse((await read(seen.xml.id, { extensions: 'true' })).json);
    expect(xmlBack!.extended_attributes!.attributes).toEqual({ water_depth: 'chest' });
  });
});
