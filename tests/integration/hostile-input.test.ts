/**
 * Hostile input against the real server: thousands of random and malformed bodies and
 * socket payloads (fast-check) each get a 4xx or an ack error, the server stays up,
 * and the log holds only valid events. Also headers, CORS and rate limits.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { applyEvents, EMPTY_STATE } from '../../shared/domain/reducer.ts';
import { ReportIncidentSchema, UpdateIncidentSchema } from '../../shared/domain/schemas.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import {
  api,
  connectClient,
  nextEvent,
  report,
  startServer,
  type TestServer,
} from '../support/harness.ts';

let server: TestServer;
let target: string;
beforeAll(async () => {
  server = await startServer();
  target = (await api(server.url, 'POST', '/api/v1/incidents', report())).body.incident.id;
});
afterAll(async () => {
  await server.dispose();
});

/** Valid reports with some fields replaced by anything at all. */
const mutatedReport = fc
  .record(
    {
      source: fc.oneof(fc.constantFrom('jaki', 'qlue', 'nope', ''), fc.anything()),
      category: fc.oneof(
        fc.constantFrom(...JAKARTA.categories.map((c) => c.code), 'x'),
        fc.anything(),
      ),
      description: fc.oneof(
        fc.string(),
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.anything(),
      ),
      location: fc.oneof(
        fc.record({
          lon: fc.double({ min: 106.7, max: 106.95 }),
          lat: fc.double({ min: -6.35, max: -6.1 }),
        }),
        fc.record({ lon: fc.double(), lat: fc.double() }),
        fc.anything(),
      ),
      severity: fc.oneof(fc.constantFrom('low', 'critical', 'meh'), fc.anything()),
      reportedAt: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
      ),
      kelurahanCode: fc.oneof(fc.constantFrom('31.75.03.1001', '99.99.99.9999'), fc.string()),
      externalId: fc.oneof(fc.uuid(), fc.string({ maxLength: 200 })),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  )
  .map((r) => ({ ...report(), ...r }));

const anyBody = fc.oneof(
  { weight: 3, arbitrary: mutatedReport },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

async function validLog(): Promise<void> {
  const events: DomainEvent[] = [];
  for (let after = 0; ;) {
    const page = (await api(server.url, 'GET', `/api/v1/events?after=${after}&limit=10000`)).body
      .events as DomainEvent[];
    if (page.length === 0) break;
    events.push(...page);
    after = page[page.length - 1]!.seq;
  }
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const state = applyEvents(EMPTY_STATE, events);
  const [w, s, e, n] = JAKARTA.bbox;
  const stored = (await api(server.url, 'GET', '/api/v1/incidents?limit=5000')).body
    .items as Incident[];
  expect(stored).toHaveLength(state.incidents.size);
  for (const inc of stored) {
    expect(state.incidents.get(inc.id)).toEqual(inc);
    expect(JAKARTA.categories.some((c) => c.code === inc.category)).toBe(true);
    expect(
      inc.location.lon >= w &&
        inc.location.lon <= e &&
        inc.location.lat >= s &&
        inc.location.lat <= n,
    ).toBe(true);
    expect(Date.parse(inc.reportedAt)).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
  }
}

describe('property: random bodies never break ingest', () => {
  it('POST: each body is a 2xx only when valid, else a 4xx naming something; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const res = await api(
          server.url,
          'POST',
          '/api/v1/incidents',
          typeof body === 'string' ? body : JSON.stringify(body),
        );
        expect(res.status).toBeLessThan(500);
        if (res.status < 300) expect(ReportIncidentSchema.safeParse(body).success).toBe(true);
        else expect(res.body.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
    await validLog();
  });

  it('PATCH: random changes are refused cleanly or applied when valid', async () => {
    const change = fc.record(
      {
        status: fc.oneof(fc.constantFrom('verified', 'dispatched', 'closed', 'zzz'), fc.anything()),
        agency: fc.oneof(fc.constantFrom('dsda', 'nasa'), fc.anything()),
        note: fc.oneof(fc.string({ maxLength: 3000 }), fc.anything()),
        severity: fc.anything(),
        occurredAt: fc.oneof(
          fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'bad' : d.toISOString())),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(change, fc.jsonValue()), async (body) => {
        const res = await api(
          server.url,
          'PATCH',
          `/api/v1/incidents/${target}`,
          JSON.stringify(body),
        );
        expect(res.status).toBeLessThan(500);
        if (res.status < 300) expect(UpdateIncidentSchema.safeParse(body).success).toBe(true);
      }),
      { numRuns: 700 },
    );
    await validLog();
  });

  it('GET: random query strings get 200 or a 400, never a 5xx', async () => {
    const key = fc.constantFrom(
      'status',
      'category',
      'agency',
      'source',
      'bbox',
      'since',
      'until',
      'q',
      'limit',
      'cursor',
      'x',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, fc.string({ maxLength: 60 })), { maxLength: 4 }),
        async (pairs) => {
          const qs = new URLSearchParams(pairs).toString();
          const res = await api(server.url, 'GET', `/api/v1/incidents?${qs}`);
          expect([200, 400]).toContain(res.status);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('socket: random payloads get an ack error (or a valid answer), and the connection stays usable', async () => {
    const socket = connectClient(server.url);
    await nextEvent(socket, 'snapshot');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('stream:resume', 'incident:update'),
        fc.anything(),
        async (event, payload) => {
          const res = (await socket
            .timeout(5000)
            .emitWithAck(event as 'stream:resume', payload as never)) as { ok: boolean };
          expect(typeof res.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
    // Events nobody listens for, and acks left out, must not hurt either.
    socket.emit('no:such:event' as 'stream:resume', { after: 1 } as never, () => undefined);
    socket.emit(
      'incident:update',
      { id: target, changes: { note: 'tanpa ack' } } as never,
      undefined as never,
    );
    const still = await socket.timeout(5000).emitWithAck('stream:resume', { after: 0 });
    expect(still.ok).toBe(true);
    socket.disconnect();
    expect((await api(server.url, 'GET', '/healthz')).status).toBe(200);
    await validLog();
  });
});

describe('control characters', () => {
  it('strips NUL, ESC and CR/LF from an externalId, and refuses one with nothing else', async () => {
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ externalId: 'lapor-\u0000\u001b[2J7\r\nX-Injected: 1\t' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.incident.externalId).toBe('lapor-[2J7X-Injected: 1');
    const empty = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ externalId: '\u0000\r\n\u202e' }),
    );
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.error.fields)).toEqual(['externalId']);
  });

  it('strips bidi overrides, embeddings, isolates and marks from citizen text', async () => {
    const bidi = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({
        description: `Banjir \u202egpj.exe${bidi}\nlutut`,
        address: `Jl. \u2067Merdeka\u2069`,
        reporter: { name: `Siti\u200f` },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.incident.description).toBe('Banjir gpj.exe\nlutut');
    expect(res.body.incident.address).toBe('Jl. Merdeka');
    expect(res.body.incident.reporter.name).toBe('Siti');
  });
});

describe('transport hardening', () => {
  it('sends security headers with a CSP that allows our worker and nothing foreign', async () => {
    const res = await fetch(`${server.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps CORS closed: no allow-origin for a foreign origin, also on preflight', async () => {
    const get = await fetch(`${server.url}/api/v1/stats`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${server.url}/api/v1/incidents`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limits', () => {
  it('a flood from one ingest key is cut off with 429 while another key still gets through', async () => {
    const limited = await startServer({ env: { RATE_INGEST_PER_MIN: '20' } });
    try {
      const mk = async (source: string) =>
        (
          await api(limited.url, 'POST', '/api/v1/admin/tokens', {
            kind: 'ingest',
            label: source,
            source,
          })
        ).body.secret as string;
      const qlue = await mk('qlue');
      const jaki = await mk('jaki');
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        statuses.push(
          (
            await api(limited.url, 'POST', '/api/v1/incidents', report({ source: 'qlue' }), {
              authorization: `Bearer ${qlue}`,
            })
          ).status,
        );
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      const other = await api(
        limited.url,
        'POST',
        '/api/v1/incidents',
        report({ source: 'jaki' }),
        { authorization: `Bearer ${jaki}` },
      );
      expect(other.status).toBe(201);
    } finally {
      await limited.dispose();
    }
  });

  it('limits login attempts per address', async () => {
    const limited = await startServer({ env: { RATE_LOGIN_PER_MIN: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (
            await api(
              limited.url,
              'POST',
              '/api/v1/auth/login',
              { username: 'admin', password: 'wrong-guess' },
              { authorization: '' },
            )
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.dispose();
    }
  });

  it('limits commands per socket with an ack error', async () => {
    const limited = await startServer({ env: { SOCKET_COMMANDS_PER_SEC: '5' } });
    try {
      const s = connectClient(limited.url);
      await nextEvent(s, 'snapshot');
      const acks = await Promise.all(
        Array.from({ length: 12 }, () =>
          s.timeout(5000).emitWithAck('stream:resume', { after: 0 }),
        ),
      );
      expect(
        acks.filter((a) => !a.ok && a.error.code === 'rate_limited').length,
      ).toBeGreaterThanOrEqual(5);
      s.disconnect();
    } finally {
      await limited.dispose();
    }
  });
});
