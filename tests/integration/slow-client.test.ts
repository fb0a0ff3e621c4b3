/**
 * A screen that stops reading while events stream (a frozen tab, a dead link TCP has not
 * noticed) is cut off once what the server has queued for it passes the send-buffer cap,
 * instead of holding every batch in server memory; a screen beside it that reads
 * normally keeps receiving every event. The stalled screen is a raw websocket over TCP
 * that completes the Socket.IO handshake and then pauses its socket, so the kernel's
 * buffers fill and the server's queue grows exactly as for a real one.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket as TcpSocket } from 'node:net';
import type { Socket as ServerSocket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventsBatch } from '../../shared/contract.ts';
import { queuedBytes } from '../../server/stream/backpressure.ts';
import {
  ADMIN_TOKEN,
  api,
  connectClient,
  nextEvent,
  report,
  startServer,
  waitFor,
  type TestServer,
  type TestSocket,
} from '../support/harness.ts';

/** The cap under test, small so a few MB of events pass it beyond the kernel's buffers. */
const CAP_MB = 1;
/** Reports a bulk post carries (about 0.8 MB of events). */
const PER_POST = 1000;
/** Posts at most, about 40 MB of events: far past the cap and any kernel buffer. */
const MAX_POSTS = 50;

/** A client-to-server websocket text frame (clients must mask theirs). */
function maskedText(text: string): Buffer {
  const payload = Buffer.from(text);
  const len = payload.length;
  const header =
    len < 126
      ? Buffer.from([0x81, 0x80 | len])
      : Buffer.from([0x81, 0x80 | 126, len >> 8, len & 255]);
  const mask = randomBytes(4);
  return Buffer.concat([header, mask, payload.map((b, i) => b ^ mask[i % 4]!)]);
}

/**
 * Opens a Socket.IO connection by hand (engine.io v4 over websocket), joins with the admin
 * token, then stops reading: the socket is paused, so nothing more is taken from the kernel.
 */
async function stalledClient(port: number): Promise<TcpSocket> {
  const tcp = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    tcp.once('connect', resolve);
    tcp.once('error', reject);
  });
  tcp.write(
    [
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  let head = '';
  await new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      tcp.off('data', onData);
      resolve();
    };
    tcp.on('data', onData);
  });
  expect(head.startsWith('HTTP/1.1 101')).toBe(true);
  // engine.io "message" (4) carrying a Socket.IO CONNECT (0) with the handshake's auth.
  tcp.write(maskedText(`40${JSON.stringify({ token: ADMIN_TOKEN })}`));
  tcp.pause();
  return tcp;
}

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { SOCKET_SEND_BUFFER_MB: String(CAP_MB) } });
});
afterAll(async () => {
  await server?.dispose();
});

describe('a client that stops reading', () => {
  it('is cut off past the send-buffer cap while a reading client gets every event', async () => {
    const reader: TestSocket = connectClient(server.url);
    const snapshot = await nextEvent(reader, 'snapshot');
    let expectedSeq = snapshot.seq + 1;
    let gaps = 0;
    const received = new Set<string>();
    reader.on('events:batch', (b: EventsBatch) => {
      for (const e of b.events) {
        if (e.seq < expectedSeq) continue;
        if (e.seq !== expectedSeq) gaps++;
        expectedSeq = e.seq + 1;
        if (e.type === 'incident.reported' && e.data.incident.externalId)
          received.add(e.data.incident.externalId);
      }
    });

    const joined = new Promise<ServerSocket>((resolve) =>
      server.app.io.once('connection', (s) => resolve(s as ServerSocket)),
    );
    const tcp = await stalledClient(server.port);
    const stalled = await joined;
    const gone = new Promise<string>((resolve) => stalled.once('disconnect', resolve));
    let cut = false;
    void gone.then(() => (cut = true));
    let largestQueue = 0;

    let sent = 0;
    for (let post = 0; post < MAX_POSTS && !cut; post++) {
      const items = Array.from({ length: PER_POST }, (_, i) =>
        report({
          externalId: `slow-${post}-${i}`,
          description: `Pohon tumbang menutup jalan, laporan ${post}-${i}. `.repeat(6),
        }),
      );
      const res = await api(server.url, 'POST', '/api/v1/incidents/batch', items);
      expect(res.status).toBe(200);
      sent += items.length;
      // Let the broadcaster flush, then note how much the server holds for the stalled socket.
      await new Promise((r) => setTimeout(r, 150));
      if (!cut) largestQueue = Math.max(largestQueue, queuedBytes(stalled));
    }

    // Dropped by the server (its connection destroyed, mid-write), not by engine.io's ping
    // timeout (what ends a stalled socket without the cap, after 45 s).
    expect(cut).toBe(true);
    expect(await gone).toMatch(/^transport (error|close)$/);
    expect(server.app.io.of('/').sockets.has(stalled.id)).toBe(false);
    // The server had been queueing for it (measured after flushes, before the cut).
    expect(largestQueue).toBeGreaterThan(0);
    // The reading client is still connected and has every event, in order.
    await waitFor(() => received.size === sent, { timeout: 30_000 });
    expect(gaps).toBe(0);
    expect(reader.connected).toBe(true);
    reader.disconnect();
    tcp.destroy();
  }, 120_000);
});
