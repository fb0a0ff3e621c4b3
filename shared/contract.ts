/**
 * The one Socket.IO contract between server and browser. Event names are `domain:verb`:
 * commands from clients imperative, facts from the server past tense. Every payload
 * carries the protocol version, so an old wall display fails clearly on a new server.
 */
import type { Principal } from './domain/access.ts';
import type { DomainEvent, Incident } from './domain/types.ts';
import type { Stats } from './domain/stats.ts';
import type { UpdateIncidentInput } from './domain/schemas.ts';

export const PROTOCOL_VERSION = 1;

export interface Snapshot {
  protocol: typeof PROTOCOL_VERSION;
  /** Every event up to and including this seq is reflected in `incidents`. */
  seq: number;
  serverTime: string;
  /** Open incidents plus those that ended within `windowHours`. */
  incidents: Incident[];
  windowHours: number;
  stats: Stats;
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

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

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
}
