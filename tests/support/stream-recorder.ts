/**
 * A screen's view of the live stream, for tests that kill and restart things under it:
 * a real socket.io-client that reconnects by itself, keeps its copy of the live window
 * the way the browser does (snapshot, then batches through the shared reducer; on a
 * reconnect or a gap it asks `stream:resume` from its last seq, and takes a snapshot only
 * if it does not go backwards), and writes down everything it saw, so a test can say
 * whether order, completeness and the final picture held.
 */
import { io } from 'socket.io-client';
import type { EventsBatch, Snapshot } from '../../shared/contract.ts';
import { ownedProjection } from '../../shared/domain/reducer.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import { applyToWindow, loadSnapshot } from '../../shared/snapshot-load.ts';
import { ADMIN_TOKEN, api, type TestSocket } from './harness.ts';

export interface StreamRecorder {
  socket: TestSocket;
  /** The seq the copy reflects (-1 before the first snapshot). */
  seq(): number;
  incidents(): ReadonlyMap<string, Incident>;
  /** The seq of the first snapshot taken. */
  firstSnapshotSeq: number | null;
  /** Seqs of the events applied one by one, in the order applied. */
  applied: number[];
  /** Snapshots taken (the first included), with the seq each jumped to. */
  snapshots: number[];
  /** A batch whose events were ahead of the copy (a gap it had to resume across). */
  gaps: { after: number; next: number }[];
  /** Every resume answer: its kind, or the refusal. */
  resumes: string[];
  /** How many times the socket connected (1 without any reconnect). */
  connects: number;
  disconnects: string[];
  /** Breaches of the contract itself: a batch that is not consecutive, a seq applied twice. */
  problems: string[];
  close(): void;
}

export interface RecorderOptions {
  token?: string;
  /** 'websocket' (default) or 'polling-first' (polls, then upgrades: needs sticky sessions). */
  transport?: 'websocket' | 'polling-first';
}

export function recordStream(url: string, opts: RecorderOptions = {}): StreamRecorder {
  const socket: TestSocket = io(url, {
    transports: opts.transport === 'polling-first' ? ['polling', 'websocket'] : ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 1000,
    auth: { token: opts.token ?? ADMIN_TOKEN },
  });
  const copy = ownedProjection();
  copy.seq = -1;
  let pending: EventsBatch[] = [];
  let resuming = false;
  let lastApplied = 0;
  const rec: StreamRecorder = {
    socket,
    seq: () => copy.seq,
    incidents: () => copy.incidents,
    firstSnapshotSeq: null,
    applied: [],
    snapshots: [],
    gaps: [],
    resumes: [],
    connects: 0,
    disconnects: [],
    problems: [],
    close: () => socket.disconnect(),
  };

  const applyOne = (event: DomainEvent) => {
    if (event.seq <= lastApplied) rec.problems.push(`seq ${event.seq} applied again`);
    lastApplied = event.seq;
    rec.applied.push(event.seq);
    applyToWindow(copy, event);
  };

  const takeSnapshot = (snapshot: Snapshot) => {
    if (copy.seq > snapshot.seq) return;
    loadSnapshot(copy, snapshot);
    lastApplied = Math.max(lastApplied, copy.seq);
    rec.firstSnapshotSeq ??= snapshot.seq;
    rec.snapshots.push(snapshot.seq);
  };

  /** Applies what follows on from the copy; returns false at a gap. */
  const ingest = (batch: EventsBatch): boolean => {
    const fresh = batch.events.filter((e) => e.seq > copy.seq);
    if (fresh.length === 0) return true;
    if (fresh[0]!.seq !== copy.seq + 1) {
      rec.gaps.push({ after: copy.seq, next: fresh[0]!.seq });
      return false;
    }
    fresh.forEach(applyOne);
    return true;
  };

  const drain = () => {
    const queued = pending;
    pending = [];
    for (const [i, batch] of queued.entries()) {
      if (!ingest(batch)) {
        pending = queued.slice(i);
        resume();
        return;
      }
    }
  };

  const resume = () => {
    if (resuming || !socket.connected || copy.seq < 0) return;
    resuming = true;
    socket.timeout(15_000).emit('stream:resume', { after: copy.seq }, (err, res) => {
      resuming = false;
      if (err || !res.ok) {
        rec.resumes.push(
          err ? `failed: ${err.message}` : `refused: ${res.ok ? '' : res.error.code}`,
        );
        setTimeout(resume, 500);
        return;
      }
      rec.resumes.push(res.data.kind);
      if (res.data.kind === 'snapshot') takeSnapshot(res.data.snapshot);
      else ingest(res.data.batch);
      drain();
    });
  };

  socket.on('connect', () => {
    rec.connects += 1;
    if (rec.connects > 1) resume();
  });
  socket.on('disconnect', (reason) => {
    rec.disconnects.push(reason);
    resuming = false;
  });
  socket.on('snapshot', (snapshot) => {
    takeSnapshot(snapshot);
    drain();
  });
  socket.on('events:batch', (batch) => {
    batch.events.forEach((e, i) => {
      if (e.seq !== batch.from + i)
        rec.problems.push(`batch ${batch.from}-${batch.to} skips at ${e.seq}`);
    });
    if (resuming || copy.seq < 0) pending.push(batch);
    else if (!ingest(batch)) {
      pending.push(batch);
      resume();
    }
  });
  return rec;
}

/** Every event in the log, read page by page from `base`. */
export async function logEvents(base: string, after = 0): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (let from = after; ;) {
    const res = await api(base, 'GET', `/api/v1/events?after=${from}&limit=10000`);
    if (res.status !== 200)
      throw new Error(`GET /api/v1/events: ${res.status} ${JSON.stringify(res.body)}`);
    const page = res.body.events as DomainEvent[];
    if (page.length === 0) return events;
    events.push(...page);
    from = page[page.length - 1]!.seq;
  }
}

/** The incidents the server holds (at most 5,000: tests stay below that). */
export async function storedIncidents(base: string): Promise<Map<string, Incident>> {
  const res = await api(base, 'GET', '/api/v1/incidents?limit=5000');
  if (res.status !== 200) throw new Error(`GET /api/v1/incidents: ${res.status}`);
  const items = res.body.items as Incident[];
  if (items.length >= 5000)
    throw new Error('more than 5,000 incidents: the comparison would be partial');
  return new Map(items.map((i) => [i.id, i]));
}
