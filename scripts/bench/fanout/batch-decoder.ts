/**
 * The Socket.IO parser the bench clients use: the stock one, with two changes for
 * `events:batch` packets only. It reports each batch's size as received, and in `scan`
 * mode it reads just what the bench checks (each event's seq and external id) with one
 * regular-expression pass instead of `JSON.parse`. A full parse of a 100-event batch
 * (~80 KB) takes ~0.7 ms on this machine, and 200 clients get ten a second: at 1,000
 * reports/s the load generator alone would need most of the two cores, and would measure
 * itself, not the server. A screen parses on its own machine; the bench's clients share
 * the server's. Everything else (handshake, snapshot, heartbeats) is decoded as usual.
 */
import { Decoder, Encoder, PacketType, protocol } from 'socket.io-parser';

export interface LightEvent {
  seq: number;
  type: string;
  data: { incident?: { externalId?: unknown } };
}

const BATCH_PREFIX = `${PacketType.EVENT}["events:batch",`;
const FIELDS = /"seq":(\d+)|"externalId":(?:"([^"]*)"|null)/g;

/**
 * Each event's seq and external id, or null when the batch is not one event per pair
 * (an event without an external id): the caller then parses it in full. Pairs by order
 * of appearance, so it holds whether an event's seq is written before its data or after.
 */
function scan(text: string): LightEvent[] | null {
  const seqs: number[] = [];
  const ids: (string | null)[] = [];
  FIELDS.lastIndex = 0;
  for (let m = FIELDS.exec(text); m; m = FIELDS.exec(text)) {
    if (m[1] !== undefined) seqs.push(Number(m[1]));
    else ids.push(m[2] ?? null);
  }
  if (seqs.length !== ids.length) return null;
  return seqs.map((seq, i) => ({
    seq,
    type: 'incident.reported',
    data: { incident: { externalId: ids[i] } },
  }));
}

/** A parser for socket.io-client's `parser` option; `onBatch` hears each batch's length. */
export function benchParser(mode: 'scan' | 'full', onBatch: (chars: number) => void) {
  class BatchDecoder extends Decoder {
    override add(obj: unknown): void {
      if (typeof obj === 'string' && obj.startsWith(BATCH_PREFIX)) {
        onBatch(obj.length);
        const events = mode === 'scan' ? scan(obj) : null;
        if (events) {
          this.emitReserved('decoded', {
            type: PacketType.EVENT,
            nsp: '/',
            data: ['events:batch', { events }],
          });
          return;
        }
      }
      super.add(obj);
    }
  }
  return { protocol, PacketType, Encoder, Decoder: BatchDecoder };
}
