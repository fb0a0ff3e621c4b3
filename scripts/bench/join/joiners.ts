/**
 * Child process of the join benchmark: opens N socket.io clients at once against a server
 * and reports, per client, the bytes the server sent before its snapshot was ready and
 * how long from asking to connect until the snapshot was decoded into a live-window copy
 * (the same shared code a screen runs). Also reads the snapshot shape of the code before
 * the compact encoding (an `incidents` array), so the baseline server is measured alike.
 * A client not served within DEADLINE_MS counts as not served (the server may be stuck).
 * Usage: tsx joiners.ts URL TOKEN N DEADLINE_MS [receive-only] → prints one line `JOIN {...}`.
 */
import { io } from 'socket.io-client';
import type { Snapshot } from '../../../shared/contract.ts';
import { ownedProjection } from '../../../shared/domain/reducer.ts';
import { loadSnapshot } from '../../../shared/snapshot-load.ts';

const [url, token, countArg, deadlineArg, decodeArg] = process.argv.slice(2);
const count = Number(countArg ?? 1);
const deadlineMs = Number(deadlineArg ?? 60_000);
/** Many clients in one process would decode one after another: a storm only receives. */
const decode = decodeArg !== 'receive-only';

interface Joined {
  /** From asking to connect until the snapshot arrived (parsed by socket.io). */
  receivedMs: number;
  /** Until it was decoded into a live-window copy (equal to receivedMs for the old form). */
  ms: number;
  bytes: number;
  incidents: number;
}

function join(): Promise<Joined | { failed: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let bytes = 0;
    const socket = io(url as string, {
      transports: ['websocket'],
      auth: { token },
      forceNew: true,
      reconnection: false,
      timeout: deadlineMs,
    });
    const timer = setTimeout(() => {
      socket.disconnect();
      resolve({ failed: `not served within ${deadlineMs} ms` });
    }, deadlineMs);
    socket.io.on('open', () => {
      socket.io.engine.on('data', (d: string | ArrayBuffer | Buffer) => {
        bytes += typeof d === 'string' ? Buffer.byteLength(d) : d.byteLength;
      });
    });
    socket.on('connect_error', (err) => {
      clearTimeout(timer);
      resolve({ failed: err.message });
    });
    socket.once(
      'snapshot',
      (s: Snapshot | (Omit<Snapshot, 'incidents'> & { incidents: unknown[] })) => {
        const receivedMs = performance.now() - t0;
        let incidents: number;
        if (Array.isArray(s.incidents)) incidents = s.incidents.length;
        else if (!decode) incidents = (s as Snapshot).count;
        else {
          const copy = ownedProjection();
          loadSnapshot(copy, s as Snapshot);
          incidents = copy.incidents.size;
        }
        const ms = performance.now() - t0;
        clearTimeout(timer);
        socket.disconnect();
        resolve({ receivedMs, ms, bytes, incidents });
      },
    );
  });
}

const all = await Promise.all(Array.from({ length: count }, () => join()));
const results = all.filter((r): r is Joined => !('failed' in r));
const failed = all.filter((r): r is { failed: string } => 'failed' in r).map((r) => r.failed);
const allMs = Math.max(0, ...results.map((r) => r.receivedMs));
console.log(`JOIN ${JSON.stringify({ allMs, results, failed })}`);
process.exit(0);
