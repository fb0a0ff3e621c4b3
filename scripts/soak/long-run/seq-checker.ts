/**
 * One soak client's bookkeeping of the log it has received: the last seq it holds without
 * a hole, and what happened on the way. A batch or a heartbeat ahead of that seq is a gap,
 * closed by asking `stream:resume` (the caller sends it; this class says when and from
 * where). A seq that the resume answer should have held and did not is lost: that is the
 * failure the long soak looks for. Pure: no socket, so its rules can be read in one place.
 */
import type { EventsBatch, ResumeResult } from '../../../shared/contract.ts';

export interface SeqCounts {
  /** The last seq held with every seq before it (-1 before the first snapshot). */
  seq: number;
  batches: number;
  /** Events taken in order from live batches and resume answers. */
  events: number;
  /** Events at or below the held seq (a batch that overlaps a snapshot): ignored. */
  repeated: number;
  /** Holes noticed in live batches or heartbeats (or a reconnect snapshot ahead). */
  gaps: number;
  /** Seqs that arrived through `stream:resume` after a gap. */
  resumedEvents: number;
  /** Seqs a resume answered with a snapshot instead of events (too far behind). */
  bySnapshot: number;
  /** Seqs never received, even after resume. */
  lost: number;
  /** Resume calls that failed or timed out (retried). */
  resumeFailures: number;
  /** Batches whose from/to do not match their events. */
  malformed: number;
}

type Seqd = { seq: number };

export class SeqChecker {
  readonly counts: SeqCounts = {
    seq: -1,
    batches: 0,
    events: 0,
    repeated: 0,
    gaps: 0,
    resumedEvents: 0,
    bySnapshot: 0,
    lost: 0,
    resumeFailures: 0,
    malformed: 0,
  };
  /** Live events that arrived while a resume was out: applied after its answer. */
  private queue: Seqd[] = [];
  private resuming = false;

  get resumeInFlight(): boolean {
    return this.resuming;
  }

  /**
   * The first snapshot sets the starting seq. A later one (after a reconnect) that is
   * ahead is a gap: the events in between are asked for, not taken on trust.
   * Returns the seq to resume after, or null.
   */
  onSnapshot(seq: number): number | null {
    const c = this.counts;
    if (c.seq < 0) {
      c.seq = seq;
      return null;
    }
    if (seq <= c.seq || this.resuming) return null;
    c.gaps++;
    return this.startResume();
  }

  /** Returns the seq to resume after when the batch shows a gap, else null. */
  onBatch(batch: EventsBatch): number | null {
    const c = this.counts;
    c.batches++;
    const consistent =
      batch.events.length === batch.to - batch.from + 1 &&
      batch.events.every((e, i) => e.seq === batch.from + i);
    if (!consistent) c.malformed++;
    if (c.seq < 0) return null; // before the snapshot: the snapshot will cover it
    if (this.resuming) {
      for (const e of batch.events) this.queue.push(e);
      return null;
    }
    return this.take(batch.events);
  }

  /** A heartbeat announces the server's seq after a flush: behind it means a lost tail. */
  onHeartbeat(seq: number): number | null {
    const c = this.counts;
    if (c.seq < 0 || this.resuming || seq <= c.seq) return null;
    c.gaps++;
    return this.startResume();
  }

  /**
   * The answer to `stream:resume { after: seq }`. Events must run from seq+1 to the batch's
   * `to` without a hole; each missing one is lost. Then the queued live events are taken.
   * Returns the seq to resume after if the queue shows a further gap.
   */
  onResumed(result: ResumeResult): number | null {
    const c = this.counts;
    this.resuming = false;
    if (result.kind === 'snapshot') {
      if (result.snapshot.seq > c.seq) {
        c.bySnapshot += result.snapshot.seq - c.seq;
        c.seq = result.snapshot.seq;
      }
    } else {
      for (const e of result.batch.events) {
        if (e.seq <= c.seq) continue;
        if (e.seq > c.seq + 1) c.lost += e.seq - c.seq - 1;
        c.seq = e.seq;
        c.events++;
        c.resumedEvents++;
      }
      // The server answered "everything up to `to`": any seq short of it never came.
      if (result.batch.to > c.seq) {
        c.lost += result.batch.to - c.seq;
        c.seq = result.batch.to;
      }
    }
    const queued = this.queue;
    this.queue = [];
    return this.take(queued);
  }

  /** A failed resume is asked again from the same seq; the queue keeps growing meanwhile. */
  onResumeFailed(): number {
    this.counts.resumeFailures++;
    return this.counts.seq;
  }

  private take(events: readonly Seqd[]): number | null {
    const c = this.counts;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.seq <= c.seq) {
        c.repeated++;
        continue;
      }
      if (e.seq > c.seq + 1) {
        c.gaps++;
        this.queue = events.slice(i);
        return this.startResume();
      }
      c.seq = e.seq;
      c.events++;
    }
    return null;
  }

  private startResume(): number {
    this.resuming = true;
    return this.counts.seq;
  }
}
