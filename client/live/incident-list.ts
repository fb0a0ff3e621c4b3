/**
 * A stable array view of the incident map, for deck.gl: the same array instance for the
 * life of the store, each incident at a fixed index until it is removed, so a batch of
 * events costs an update per touched incident rather than a copy of the whole map.
 */
import type { Incident } from '../../shared/domain/types.ts';

export class IncidentList {
  readonly items: Incident[] = [];
  private readonly indexById = new Map<string, number>();

  /** Replaces the whole list (after a snapshot). */
  reset(incidents: Iterable<Incident>): void {
    this.items.length = 0;
    this.indexById.clear();
    for (const incident of incidents) this.upsert(incident);
  }

  upsert(incident: Incident): void {
    const index = this.indexById.get(incident.id);
    if (index === undefined) {
      this.indexById.set(incident.id, this.items.length);
      this.items.push(incident);
    } else {
      this.items[index] = incident;
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
    }
  }
}
