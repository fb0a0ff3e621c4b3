/**
 * The one Socket.IO contract between server and browser. Event names are `domain:verb`:
 * commands from clients imperative, facts from the server past tense. Every payload
 * carries the protocol version, so an old wall display fails clearly on a new server.
 * Also what both sides of the HTTP API agree on: the error body, the one result shape,
 * and the limits the server enforces and the pages check before asking.
 */
import type { Principal } from './domain/access.ts';
import type { Alert } from './domain/alerts.ts';
import type { DomainEvent, Incident } from './domain/types.ts';
import type { UpdateIncidentInput } from './domain/schemas.ts';

export const PROTOCOL_VERSION = 1;

/**
 * What a joining screen starts from: the live window as it stood at `pictureSeq`, in the
 * compact columnar encoding of incident-codec.ts (built once and shared by every socket
 * that joins while it is current), with the alerts of the window at that seq, then
 * `tail`, the events after it up to `seq`.
 */
export interface Snapshot {
  protocol: typeof PROTOCOL_VERSION;
  /** Every event up to and including this seq is reflected once `tail` is applied. */
  seq: number;
  serverTime: string;
  /** The seq the encoded picture reflects; `tail` holds pictureSeq+1..seq, in order. */
  pictureSeq: number;
  /** Open incidents plus those that ended within `windowHours`: gzip-compressed columns. */
  incidents: Uint8Array | ArrayBuffer;
  /** How many incidents `incidents` holds. */
  count: number;
  /** Active alerts plus those cleared within `windowHours`, at `pictureSeq`. */
  alerts: Alert[];
  tail: DomainEvent[];
  windowHours: number;
}

export interface EventsBatch {
  protocol: typeof PROTOCOL_VERSION;
  /** Seqs from..to, consecutive, in order. */
  from: number;
  to: number;
  events: DomainEvent[];
}

export interface Heartbeat {
  protocol: typeof PROTOCOL_VERSION;
  seq: number;
  serverTime: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  /** Field path (dotted) → what is wrong with it. */
  fields?: Record<string, string>;
}

/**
 * The one ok-or-error shape: socket acks, the write path and command decisions all answer
 * with it. An error may carry more than goes on the wire (a command's HTTP `status`).
 */
export type Result<T, E extends ApiErrorBody = ApiErrorBody> =
  { ok: true; data: T } | { ok: false; error: E };

/** What a socket command's ack carries. */
export type Ack<T> = Result<T>;

/** GET /api/v1/briefing covers at most this many days. */
export const MAX_BRIEFING_DAYS = 366;

/** GET /api/v1/replay covers at most this many days. */
export const MAX_REPLAY_DAYS = 31;

export type ResumeResult =
  { kind: 'events'; batch: EventsBatch } | { kind: 'snapshot'; snapshot: Snapshot };

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  'events:batch': (batch: EventsBatch) => void;
  heartbeat: (beat: Heartbeat) => void;
}

export interface ClientToServerEvents {
  /** Asks for everything after `after`; answered with the events, or a fresh snapshot if too far behind. */
  'stream:resume': (payload: { after: number }, ack: (res: Ack<ResumeResult>) => void) => void;
  'incident:update': (
    payload: { id: string; changes: UpdateIncidentInput },
    ack: (res: Ack<{ incident: Incident; seq: number }>) => void,
  ) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  principal: Principal;
  /** What the handshake presented (hashed), asked again to keep the socket's rights current. */
  credential: { kind: 'token' | 'session'; hash: string };
}
