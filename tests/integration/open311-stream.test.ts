/**
 * Open311 live push (`GET /open311/v2/requests/stream`, Nakhoda's SSE extension): a real
 * server, read by a real HTTP client as an event stream. Requests filed through /api/v1
 * and through Open311 arrive in seq order with the shape of `requests/{id}.json`; a
 * client resuming with Last-Event-ID gets exactly what it missed; a client too far behind
 * is told to re-read; reporters never show; a revoked key's stream ends; idle streams
 * carry heartbeats; a key holds only a few streams at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTER, REPORTER_MARK } from '../support/principals.ts';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import { fileRequest, floodRequest, get, OPEN311 } from '../support/open311.ts';
import { openSse, type SseEvent, type SseStream } from '../support/sse.ts';
import { clientId, HERE, north, uploadPhoto } from '../support/field.ts';
import { jpegWithExif } from '../support/photos.ts';

const HEARTBEAT_MS = 200;
const MAX_BEHIND = 25;
const STREAMS_PER_KEY = 3;

let server: TestServer;
const open: SseStream[] = [];

beforeAll(async () => {
  server = await startServer({
    principalRecheckMs: 200,
    open311Stream: {
      heartbeatMs: HEARTBEAT_MS,
      maxBehind: MAX_BEHIND,
      concurrentPerPrincipal: STREAMS_PER_KEY,
    },
  });
});
afterAll(async () => {
  for (const s of open) s.close();
  await server.dispose();
});

/** A fresh key of `role` (streams per key are limited: each test has its own). */
async function key(role: 'viewer' | 'ingest' | 'admin' = 'viewer', on = server) {
  const { secret, token } = await on.auth.createToken(
    role === 'ingest'
      ? { kind: 'ingest', role, label: 'JAKI app', source: 'jaki', createdBy: 'test' }
      : { kind: 'api', role, label: `Civic app ${role}`, createdBy: 'test' },
    new Date(),
  );
  return { secret, id: token.id };
}

async function connect(
  apiKey: string | null,
  opts: { lastEventId?: string; query?: Record<string, string>; path?: string } = {},
  on = server,
) {
  const qs = new URLSearchParams({ ...(apiKey ? { api_key: apiKey } : {}), ...opts.query });
  const url = `${on.url}${OPEN311}/${opts.path ?? 'requests/stream'}?${qs}`;
  const s = await openSse(url, opts.lastEventId ? { 'last-event-id': opts.lastEventId } : {});
  open.push(s);
  return s;
}

/** A stream that has caught up (`ready`), and the seq it is live from. */
async function live(apiKey: string, opts: Parameters<typeof connect>[1] = {}) {
  const s = await connect(apiKey, opts);
  expect(s.status, s.text).toBe(200);
  const before = await s.eventsUntil('ready');
  const ready = before.at(-1)!;
  return { s, before: before.slice(0, -1), seq: Number(ready.id) };
}

/** Reads events until one of each of `count` request/update events has come. */
async function changes(s: SseStream, count: number): Promise<SseEvent[]> {
  const seen: SseEvent[] = [];
  while (seen.length < count) {
    const e = await s.nextEvent();
    if (e.event === 'request' || e.event === 'update') seen.push(e);
  }
  return seen;
}

const v1Report = async (overrides: Record<string, unknown> = {}, on = server) => {
  const res = await api(on.url, 'POST', '/api/v1/incidents', report(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.incident.id as string, seq: res.body.seq as number };
};

const seqs = (events: SseEvent[]) => events.map((e) => Number(e.id));
const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

describe('GET /open311/v2/requests/stream', () => {
  it('answers an event stream: headers for proxies, no compression, retry hint, ready', async () => {
    const { secret } = await key();
    const res = await fetch(`${server.url}${OPEN311}/requests/stream?api_key=${secret}`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('content-encoding')).toBeNull();
    // The first frames arrive at once, not when a compressor's buffer fills.
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: ready')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toMatch(/^retry: \d+\n\n/);
    expect(text).toMatch(/id: \d+\nevent: ready\ndata: \{"seq":\d+\}\n\n/);
  });

  it('pushes requests filed via /api/v1 and via Open311, in seq order, shaped as requests/{id}.json', async () => {
    const viewer = await key();
    const ingest = await key('ingest');
    const { s, seq: from } = await live(viewer.secret);
    const a = await v1Report({ description: 'Lubang besar' });
    const b = await fileRequest(server, floodRequest(ingest.secret));
    const c = await v1Report({ description: 'Lubang kecil' });
    const got = await changes(s, 3);
    expect(got.map((e) => e.event)).toEqual(['request', 'request', 'request']);
    expect(got.map((e) => JSON.parse(e.data).service_request_id)).toEqual([a.id, b, c.id]);
    expect(seqs(got)[0]).toBe(a.seq);
    expect(seqs(got)[0]).toBeGreaterThan(from);
    expect(ascending(seqs(got))).toBe(true);
    for (const e of got) {
      const data = JSON.parse(e.data);
      const read = await get(server, `requests/${data.service_request_id}.json`, {
        api_key: viewer.secret,
      });
      expect(data).toEqual(read.json[0]);
    }
  });

  it('pushes each change of a request as an update, as it stood after that change', async () => {
    const viewer = await key();
    const { id } = await v1Report({ category: 'flooding', description: 'Banjir' });
    const { s } = await live(viewer.secret);
    // One command, two events in one batch: the stream must not show the end state twice.
    const patched = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, {
      status: 'verified',
      agency: 'bina_marga',
      note: 'dicek',
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const rejected = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, {
      status: 'rejected',
    });
    expect(rejected.status).toBe(200);
    const log = (await server.store.eventsForIncident(id)).slice(1);
    const got = await changes(s, log.length);
    expect(seqs(got)).toEqual(log.map((e) => e.seq));
    expect(got.every((e) => e.event === 'update')).toBe(true);
    const datas = got.map((e) => JSON.parse(e.data));
    const agencyAt = log.findIndex((e) => e.type === 'incident.assigned');
    const statusAt = log.findIndex((e) => e.type === 'incident.status_changed');
    expect(agencyAt).toBeGreaterThanOrEqual(0);
    expect(statusAt).toBeGreaterThan(agencyAt);
    // Each frame is the request after its own event: the assignment's frame still says
    // Received, and only frames from the assignment on name Bina Marga.
    for (const [i, d] of datas.entries()) {
      expect(d.agency_responsible.includes('Bina Marga')).toBe(i >= agencyAt);
      const status = i < statusAt ? /Received/ : i < datas.length - 1 ? /Verified/ : /Rejected/;
      expect(d.status_notes).toMatch(status);
    }
    expect(datas.at(-1)!.status).toBe('closed');
    const read = await get(server, `requests/${id}.json`, { api_key: viewer.secret });
    expect(datas.at(-1)).toEqual(read.json[0]);
  });

  it('resumes from Last-Event-ID with exactly the missed changes, then goes on live', async () => {
    const viewer = await key();
    const first = await live(viewer.secret);
    first.s.close();
    const missed = [await v1Report(), await v1Report(), await v1Report()];
    await api(server.url, 'PATCH', `/api/v1/incidents/${missed[0]!.id}`, { status: 'verified' });
    const resumed = await live(viewer.secret, { lastEventId: String(first.seq) });
    const log = await server.store.eventsAfter(first.seq, 1000);
    expect(seqs(resumed.before)).toEqual(log.map((e) => e.seq));
    expect(resumed.before.map((e) => e.event)).toEqual(['request', 'request', 'request', 'update']);
    expect(resumed.seq).toBe(log.at(-1)!.seq);
    const next = await v1Report();
    const [after] = await changes(resumed.s, 1);
    expect(Number(after!.id)).toBe(next.seq);
    expect(JSON.parse(after!.data).service_request_id).toBe(next.id);
  });

  it('resumes while requests keep arriving: every seq once, in order, none missed', async () => {
    // Its own server: the catch-up bound stays at its default, far above what is written here.
    const busy = await startServer();
    try {
      const viewer = await key('viewer', busy);
      const from = (await v1Report({}, busy)).seq;
      const long = 'Genangan setinggi lutut di jalan. '.repeat(100);
      const post = (n: number, tag: string) =>
        api(
          busy.url,
          'POST',
          '/api/v1/incidents/batch',
          Array.from({ length: n }, (_, i) =>
            report({ externalId: `race-${tag}-${i}`, description: long }),
          ),
        );
      // Megabytes behind: the catch-up outgrows the sockets' buffers of a client not reading
      // yet, and waits for it, so the changes written meanwhile meet it mid-way.
      for (const tag of ['a1', 'a2', 'a3']) expect((await post(500, tag)).status).toBe(200);
      const s = await openSse(
        `${busy.url}${OPEN311}/requests/stream?api_key=${viewer.secret}`,
        { 'last-event-id': String(from) },
        { paused: true },
      );
      open.push(s);
      for (const tag of ['b', 'c', 'd']) expect((await post(20, tag)).status).toBe(200);
      s.resume();
      const log = await busy.store.eventsAfter(from, 10_000);
      expect(log).toHaveLength(1560);
      expect(seqs(await changes(s, log.length))).toEqual(log.map((e) => e.seq));
      // Nothing repeated after them: the next change is the next one written.
      const next = await v1Report({}, busy);
      expect(Number((await changes(s, 1))[0]!.id)).toBe(next.seq);
      s.close();
    } finally {
      await busy.dispose();
    }
  });

  it('cuts off a client that stops reading, which then resumes where it was', async () => {
    const capped = await startServer({ open311Stream: { bufferCapBytes: 256 * 1024 } });
    try {
      const viewer = await key('viewer', capped);
      const from = (await v1Report({}, capped)).seq;
      const s = await openSse(
        `${capped.url}${OPEN311}/requests/stream?api_key=${viewer.secret}`,
        { 'last-event-id': String(from) },
        { paused: true },
      );
      open.push(s);
      // Megabytes of live changes for a client taking none: past the sockets' buffers and the cap.
      const long = 'Pohon tumbang menutup jalan. '.repeat(120);
      for (const tag of ['a', 'b', 'c']) {
        const batch = Array.from({ length: 500 }, (_, i) =>
          report({ externalId: `stall-${tag}-${i}`, description: long }),
        );
        expect((await api(capped.url, 'POST', '/api/v1/incidents/batch', batch)).status).toBe(200);
      }
      const log = await capped.store.eventsAfter(from, 10_000);
      s.resume();
      const got: SseEvent[] = [];
      let item = await s.next();
      for (; item.kind !== 'end'; item = await s.next()) {
        if (item.kind === 'event' && item.event === 'request') got.push(item);
      }
      // Cut off, not ended: what it had been sent is whole and in order, and it is not all.
      expect(item.error).toBeDefined();
      expect(got.length).toBeLessThan(log.length);
      expect(seqs(got)).toEqual(log.slice(0, got.length).map((e) => e.seq));
      const resumed = await openSse(
        `${capped.url}${OPEN311}/requests/stream?api_key=${viewer.secret}`,
        { 'last-event-id': got.at(-1)?.id ?? String(from) },
      );
      open.push(resumed);
      const rest = await changes(resumed, log.length - got.length);
      expect(seqs(rest)).toEqual(log.slice(got.length).map((e) => e.seq));
      resumed.close();
    } finally {
      await capped.dispose();
    }
  });

  it('ends open streams when the server shuts down, so shutdown does not wait on them', async () => {
    const closing = await startServer();
    const viewer = await key('viewer', closing);
    const s = await connect(viewer.secret, {}, closing);
    expect((await s.eventsUntil('ready')).at(-1)!.event).toBe('ready');
    const disposed = closing.dispose();
    const last = await s.nextEvent();
    expect(last.event).toBe('ended');
    expect(JSON.parse(last.data).reason).toMatch(/shutting down/);
    await disposed;
  });

  it('takes the position as ?last_event_id= too, and refuses one that is not a seq', async () => {
    const viewer = await key();
    const before = await v1Report();
    const mine = await v1Report();
    const resumed = await live(viewer.secret, { query: { last_event_id: String(before.seq) } });
    expect(seqs(resumed.before)[0]).toBe(mine.seq);
    const bad = await connect(viewer.secret, { lastEventId: 'abc' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)[0].description).toMatch(/^Last-Event-ID/);
  });

  it('tells a client too far behind to re-read requests.json, then goes on live', async () => {
    const viewer = await key();
    const { seq: from } = await live(viewer.secret);
    const many = Array.from({ length: MAX_BEHIND + 5 }, (_, i) =>
      report({ externalId: `behind-${from}-${i}` }),
    );
    expect((await api(server.url, 'POST', '/api/v1/incidents/batch', many)).status).toBe(200);
    const s = await connect(viewer.secret, { lastEventId: String(from) });
    const first = await s.nextEvent();
    expect(first.event).toBe('reset');
    const reset = JSON.parse(first.data);
    expect(reset.reread).toBe(`${OPEN311}/requests.json`);
    expect(Number(first.id)).toBeGreaterThanOrEqual(from + MAX_BEHIND + 5);
    expect((await s.nextEvent()).event).toBe('ready');
    const next = await v1Report();
    expect(Number((await changes(s, 1))[0]!.id)).toBe(next.seq);
    // Ahead of the log (another server's position): the same answer.
    const ahead = await connect(viewer.secret, { lastEventId: '999999999' });
    expect((await ahead.nextEvent()).event).toBe('reset');
  });

  it('never carries the reporter, for a viewer key or any other', async () => {
    const viewer = await key();
    const admin = await key('admin');
    const forViewer = await live(viewer.secret);
    const forAdmin = await live(admin.secret);
    const { id } = await v1Report({ reporter: REPORTER });
    for (const { s } of [forViewer, forAdmin]) {
      const [e] = await changes(s, 1);
      expect(JSON.parse(e!.data).service_request_id).toBe(id);
      expect(e!.data).not.toContain(REPORTER_MARK);
      expect(e!.data).not.toContain(REPORTER.name);
    }
  });

  it('ends the stream of a key revoked while it streams, and refuses it afterwards', async () => {
    const viewer = await key();
    const { s } = await live(viewer.secret);
    const revoked = await api(server.url, 'DELETE', `/api/v1/admin/tokens/${viewer.id}`);
    expect(revoked.status).toBeLessThan(300);
    const last = await s.nextEvent();
    expect(last.event).toBe('ended');
    expect(JSON.parse(last.data).reason).toMatch(/^api_key/);
    expect(await s.next()).toEqual({ kind: 'end' });
    const again = await connect(viewer.secret);
    expect(again.status).toBe(403);
  });

  it('sends heartbeat comments on an idle stream', async () => {
    const viewer = await key();
    const { s } = await live(viewer.secret);
    let item = await s.next();
    while (item.kind !== 'comment') item = await s.next();
    expect(item.text).toBe('ping');
  });

  it('holds a few streams per key and frees a slot when one closes', async () => {
    const viewer = await key();
    const streams = [];
    for (let i = 0; i < STREAMS_PER_KEY; i++) streams.push((await live(viewer.secret)).s);
    const refused = await connect(viewer.secret);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(JSON.parse(refused.text)[0].description).toMatch(/^api_key: at most 3 streams/);
    // Another key is not held back by this one.
    expect((await live((await key()).secret)).s.status).toBe(200);
    streams[0]!.close();
    // The server learns of the close when its socket does: ask until it has.
    let again = await connect(viewer.secret);
    for (let i = 0; again.status === 429 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await connect(viewer.secret);
    }
    expect(again.status).toBe(200);
  });

  it('refuses without a reading key, and in XML', async () => {
    expect((await connect(null)).status).toBe(403);
    const ingest = await key('ingest');
    const byIngest = await connect(ingest.secret);
    expect(byIngest.status).toBe(403);
    expect(JSON.parse(byIngest.text)[0].description).toMatch(/^api_key/);
    const viewer = await key();
    const xml = await connect(viewer.secret, { path: 'requests/stream.xml' });
    expect(xml.status).toBe(404);
    expect(xml.headers.get('content-type')).toContain('text/xml');
    const json = await connect(viewer.secret, { path: 'requests/stream.json' });
    expect(json.status).toBe(200);
    const bearer = await openSse(`${server.url}${OPEN311}/requests/stream`, {
      authorization: `Bearer ${viewer.secret}`,
    });
    open.push(bearer);
    expect(bearer.status).toBe(200);
  });
});

describe('photos in the stream', () => {
  it('a photo reaches live and resumed streams as the media_url GET requests gives: a served copy without EXIF', async () => {
    const viewer = await key();
    const { s, seq: from } = await live(viewer.secret);
    const { id } = await v1Report({ category: 'flooding', location: HERE });
    const up = await uploadPhoto(server.url, id, await jpegWithExif({ at: north(5) }), {
      kind: 'before',
      clientId: clientId(),
    });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const url = `${server.url}/api/v1/media/${up.body.photo.photoId}.jpg`;
    const [, photoFrame] = await changes(s, 2);
    expect(photoFrame!.event).toBe('update');
    const pushed = JSON.parse(photoFrame!.data);
    expect(pushed.media_url).toBe(url);
    const read = await get(server, `requests/${id}.json`, { api_key: viewer.secret });
    expect(read.json[0].media_url).toBe(url);
    expect(pushed).toEqual(read.json[0]);
    // A stream resumed from before the photo says the same as the live one did.
    const resumed = await connect(viewer.secret, { lastEventId: String(from) });
    const replayed = (await resumed.eventsUntil('ready')).filter((e) => e.id === photoFrame!.id);
    expect(JSON.parse(replayed[0]!.data).media_url).toBe(url);
    // The URL names the served copy; fetching it takes a reader's credentials.
    const served = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
  });
});
