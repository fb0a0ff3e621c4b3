/**
 * The last few thousand appended events, in seq order, in memory: what a joining screen
 * needs after the shared snapshot picture it is given (see snapshot.ts), read in the same
 * tick as the picture so no event can fall between the two.
 */
import type { DomainEvent } from '../../shared/domain/types.ts';

export class RecentEvents {
  private readonly ring: (DomainEvent | undefined)[];
  private head = 0; // seq of the newest event held; 0 when none yet
  private size = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Array<DomainEvent | undefined>(capacity);
  }

  /** Appended events, in seq order (as the service reports them). */
  push(events: readonly DomainEvent[]): void {
    for (const event of events) {
      if (this.size > 0 && event.seq !== this.head + 1) this.size = 0; // a jump: start again
      this.ring[event.seq % this.capacity] = event;
      this.head = event.seq;
      this.size = Math.min(this.size + 1, this.capacity);
    }
  }

  /**
   * Events after `seq` up to and including `to`, or null when some of them are no longer
   * (or not yet) held.
   */
  between(seq: number, to: number): DomainEvent[] | null {
    if (to <= seq) return [];
    const oldest = this.head - this.size + 1;
    if (this.size === 0 || seq + 1 < oldest || to > this.head) return null;
    const out = new Array<DomainEvent>(to - seq);
    for (let s = seq + 1; s <= to; s++)
      out[s - seq - 1] = this.ring[s % this.capacity] as DomainEvent;
    return out;
  }
}
