/**
 * The HTTP sink's side of the API contract, against a stand-in fetch: what it sends, how
 * it reads created vs already-there, and which refusals are fatal.
 */
import { describe, expect, it, vi } from 'vitest';
import { createHttpSink } from '../../../../../server/ingest/simulator/sink.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(respond: (req: Sent) => { status: number; body: unknown }) {
  const sent: Sent[] = [];
  const fn = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const req: Sent = {
      url: String(url),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: JSON.parse(String(init?.body ?? 'null')),
    };
    sent.push(req);
    const { status, body } = respond(req);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fn as unknown as typeof fetch, sent };
}

const REPORT = {
  source: 'jaki' as const,
  externalId: 'sim7-x-1',
  category: 'garbage',
  location: { lon: 106.85, lat: -6.2 },
};

describe('createHttpSink', () => {
  it('POSTs reports as JSON with the bearer token and reads created from the status', async () => {
    const { fetch, sent } = fakeFetch((req) => ({
      status: req.url.endsWith('/incidents') && sent.length === 1 ? 201 : 200,
      body: { incident: { id: 'abc' }, seq: 1 },
    }));
    const sink = createHttpSink({ baseUrl: 'http://sim.test/', token: 't0k', fetch });
    expect(await sink.report(REPORT)).toEqual({ id: 'abc', created: true });
    expect(await sink.report(REPORT)).toEqual({ id: 'abc', created: false });
    expect(sent[0]).toMatchObject({
      url: 'http://sim.test/api/v1/incidents',
      method: 'POST',
      headers: { authorization: 'Bearer t0k', 'content-type': 'application/json' },
      body: REPORT,
    });
  });

  it('sends no authorization header without a token', async () => {
    const { fetch, sent } = fakeFetch(() => ({ status: 201, body: { incident: { id: 'a' } } }));
    await createHttpSink({ baseUrl: 'http://sim.test', fetch }).report(REPORT);
    expect(sent[0]!.headers.authorization).toBeUndefined();
  });

  it('PATCHes updates to the incident', async () => {
    const { fetch, sent } = fakeFetch(() => ({ status: 200, body: { incident: {}, seq: 2 } }));
    await createHttpSink({ baseUrl: 'http://sim.test', fetch }).update('a/b', {
      status: 'verified',
    });
    expect(sent[0]).toMatchObject({
      url: 'http://sim.test/api/v1/incidents/a%2Fb',
      method: 'PATCH',
      body: { status: 'verified' },
    });
  });

  it.each([
    [
      422,
      { error: { code: 'invalid_field', message: 'location: outside Jakarta' } },
      /422.*location: outside Jakarta/,
    ],
    [
      401,
      { error: { code: 'unauthorized', message: 'a token is required' } },
      /401.*a token is required/,
    ],
    [502, '<html>Bad gateway</html>', /502.*Bad gateway/],
  ])('throws the server message on %i', async (status, body, message) => {
    const { fetch } = fakeFetch(() => ({ status, body }));
    const sink = createHttpSink({ baseUrl: 'http://sim.test', fetch });
    await expect(sink.report(REPORT)).rejects.toThrow(message);
    await expect(sink.update('a', { status: 'verified' })).rejects.toThrow(message);
  });

  it('logs and skips a 409 on an update: someone else moved the incident on', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 409,
      body: {
        error: {
          code: 'illegal_transition',
          message: "status: cannot go from 'closed' to 'verified'",
        },
      },
    }));
    const log = vi.fn();
    await expect(
      createHttpSink({ baseUrl: 'http://sim.test', fetch, log }).update('a', {
        status: 'verified',
      }),
    ).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining("cannot go from 'closed'"));
  });
});

describe('createHttpSink: rate limits', () => {
  it('waits out a 429 and retries, unless told not to', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const fetch = vi.fn(async () => {
        calls++;
        return calls === 1
          ? new Response(JSON.stringify({ error: { message: 'too many requests' } }), {
              status: 429,
              headers: { 'retry-after': '2' },
            })
          : new Response(JSON.stringify({ incident: { id: 'z' } }), { status: 201 });
      }) as unknown as typeof globalThis.fetch;
      const pending = createHttpSink({ baseUrl: 'http://sim.test', fetch }).report(REPORT);
      await vi.advanceTimersByTimeAsync(2_000);
      await expect(pending).resolves.toEqual({ id: 'z', created: true });
      expect(calls).toBe(2);

      calls = 0;
      const noRetry = createHttpSink({
        baseUrl: 'http://sim.test',
        fetch,
        retryRateLimited: false,
      });
      await expect(noRetry.report(REPORT)).rejects.toThrow(/429.*too many requests/);
      expect(calls).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
