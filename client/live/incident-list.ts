/**
 * A stable array view of the incident map, for deck.gl: the same array instance for the
 * life of the store, each incident at a fixed index until it is removed, so a batch of
 * events costs an update per touched incident rather than a copy of the whole map.
 *
 * It also keeps a bounded log of which rows changed, numbered by a revision, so a reader
 * that remembers the revision it last saw (the pins layer) can redo only those rows:
 * `rowChangesOf(list.items)` finds the list behind an array without the store passing
 * anything new.
 */
import type { Incident } from '../../shared/domain/types.ts';

/** Enough for minutes of a fast stream between two frames; past it a reader redoes all. */
const MAX_LOGGED_CHANGES = 200_000;

export interface RowChanges {
  /** Bumped by every change to the list. */
  readonly revision: number;
  /**
   * Indexes of the rows changed after `since` (unsorted, maybe repeated), or null when the
   * list cannot say (replaced whole since then, or the log no longer reaches back).
   */
  changedSince(since: number): number[] | null;
}

const LISTS = new WeakMap<readonly Incident[], IncidentList>();

/** The change log behind an IncidentList's `items`; undefined for any other array. */
export function rowChangesOf(items: readonly unknown[]): RowChanges | undefined {
  return LISTS.get(items as readonly Incident[]);
}

export class IncidentList implements RowChanges {
  readonly items: Incident[] = [];
  private readonly indexById = new Map<string, number>();
  revision = 0;
  /** Readers before this revision must redo every row (a reset, or a trimmed log). */
  private floor = 0;
  private changedRows: number[] = [];
  /** The revision of each logged row, ascending. */
  private changedAt: number[] = [];

  constructor() {
    LISTS.set(this.items, this);
  }

  /** Replaces the whole list (after a snapshot). */
  reset(incidents: Iterable<Incident>): void {
    this.items.length = 0;
    this.indexById.clear();
    for (const incident of incidents) {
      const index = this.indexById.get(incident.id);
      if (index !== undefined) this.items[index] = incident;
      else this.indexById.set(incident.id, this.items.push(incident) - 1);
    }
    this.revision += 1;
    this.floor = this.revision;
    this.changedRows = [];
    this.changedAt = [];
  }

  upsert(incident: Incident): void {
    const index = this.indexById.get(incident.id);
    if (index === undefined) {
      this.indexById.set(incident.id, this.items.length);
      this.items.push(incident);
      this.logChange(this.items.length - 1);
    } else {
      this.items[index] = incident;
      this.logChange(index);
    }
  }

  /** Swap-removes, so only the last item moves. */
  remove(id: string): void {
    const index = this.indexById.get(id);
    if (index === undefined) return;
    const last = this.items.pop() as Incident;
    this.indexById.delete(id);
    if (index < this.items.length) {
      this.items[index] = last;
      this.indexById.set(last.id, index);
      this.logChange(index);
    } else {
      // The tail went: no row holds anything new, but readers must see the length change.
      this.revision += 1;
    }
  }

  changedSince(since: number): number[] | null {
    if (since < this.floor) return null;
    // changedAt ascends: find the first entry after `since`.
    let lo = 0;
    let hi = this.changedAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.changedAt[mid] as number) <= since) lo = mid + 1;
      else hi = mid;
    }
    return this.changedRows.slice(lo);
  }

  private logChange(row: number): void {
    this.revision += 1;
    this.changedRows.push(row);
    this.changedAt.push(this.revision);
    if (this.changedRows.length > MAX_LOGGED_CHANGES) {
      // Keep the newer half; a reader older than what was dropped redoes every row.
      const drop = this.changedRows.length >>> 1;
      this.floor = this.changedAt[drop - 1] as number;
      this.changedRows = this.changedRows.slice(drop);
      this.changedAt = this.changedAt.slice(drop);
    }
  }
}
