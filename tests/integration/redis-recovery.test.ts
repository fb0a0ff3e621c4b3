/**
 * Socket.IO connection-state recovery across nodes: a socket whose transport dropped on
 * node A comes back on node B (as nginx would send it) with its old id, gets what a new
 * socket gets, and is asked for its credential again, so a revoked token stays out.
 */
import type { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  api,
  connectClient,
  disconnected,
  handshake,
  nextEvent,
  waitFor,
  type TestServer,
  type TestSocket,
} from '../support/harness.ts';
import {
  PROBE,
  newApiToken,
  probeThrough,
  startNodePair,
  type NodePair,
} from '../support/redis.ts';

let pair: NodePair | null = null;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await pair?.close();
  pair = null;
});

function track(s: TestSocket): TestSocket {
  sockets.push(s);
  return s;
}

interface Dropped {
  id: string;
  pid: string;
  offset: string;
}

/**
 * A socket on `from` with `secret` that has received something through the adapter (so
 * it holds a stream offset), then loses its transport; resolves once its session is saved.
 */
async function dropAfterBroadcast(p: NodePair, from: TestServer, secret: string): Promise<Dropped> {
  const other = from === p.a ? p.b : p.a;
  const socket = track(connectClient(from.url, { token: secret }));
  await nextEvent(socket, 'snapshot');
  await probeThrough(other, socket);
  const state = socket as unknown as { _pid?: string; _lastOffset?: string };
  const dropped = { id: socket.id!, pid: state._pid!, offset: state._lastOffset! };
  expect(dropped).toMatchObject({ pid: expect.any(String), offset: expect.any(String) });
  const gone = disconnected(socket);
  // Only the connection drops (as when a node dies): the server keeps the session.
  socket.io.engine.close();
  await gone;
  const key = `${p.prefix}:sio:session:${dropped.pid}`;
  let saved = false;
  const check = () =>
    void p.redisA.exists(key).then((n) => {
      saved = n === 1;
    });
  await waitFor(() => (check(), saved));
  return dropped;
}

/** What socket.io-client sends when it reconnects with a session to recover. */
function reconnectTo(url: string, secret: string, d: Dropped): TestSocket {
  return track(
    io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { token: secret, pid: d.pid, offset: d.offset },
    }),
  );
}

const roomsOf = (server: TestServer, id: string) => {
  const socket = server.app.io.of('/').sockets.get(id);
  return socket && [...socket.rooms].filter((r) => r !== id).sort();
};

describe('connection-state recovery through Redis', () => {
  it('a socket dropped on node A recovers on node B with its id, rights asked again, and a snapshot', async () => {
    pair = await startNodePair({ sharedDb: true });
    const { a, b } = pair;
    const token = await newApiToken(a);
    const dropped = await dropAfterBroadcast(pair, a, token.secret);
    // Broadcast while it is away: recovery must not replay it, since Socket.IO would write
    // it before the credential is checked again (the app's data never goes this way).
    (a.app.io as unknown as Server).emit(PROBE);

    const back = reconnectTo(b.url, token.secret, dropped);
    const replayed: unknown[] = [];
    back.on(PROBE as never, (...args: unknown[]) => {
      replayed.push(args);
    });
    const snapshot = nextEvent(back, 'snapshot');
    expect(await handshake(back)).toBe('connected');
    // Replayed packets would have been handed over before 'connect'.
    expect(replayed).toEqual([]);
    expect(back.id).toBe(dropped.id);
    expect(b.app.io.of('/').sockets.get(dropped.id)?.recovered).toBe(true);
    await snapshot;

    // The same rooms as a socket that never left, joined for the rights it has now.
    const fresh = track(connectClient(b.url, { token: token.secret }));
    await nextEvent(fresh, 'snapshot');
    expect(roomsOf(b, dropped.id)).toEqual(roomsOf(b, fresh.id!));
  });

  it('a token revoked while its socket was away does not come back through recovery', async () => {
    pair = await startNodePair({ sharedDb: true });
    const { a, b } = pair;
    const token = await newApiToken(a);
    const dropped = await dropAfterBroadcast(pair, a, token.secret);
    expect((await api(a.url, 'DELETE', `/api/v1/admin/tokens/${token.id}`)).status).toBe(200);

    expect(await handshake(reconnectTo(b.url, token.secret, dropped))).toBe('unauthenticated');
    expect(b.app.io.of('/').sockets.get(dropped.id)).toBeUndefined();
  });
});
