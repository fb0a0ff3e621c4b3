/**
 * Overdue items for a league row or the whole briefing: incidents still open now that
 * were past a deadline at the moment asked (the period's end, or now if it is earlier),
 * most overdue first. Incidents resolved since are no longer anyone's backlog.
 */
import { inArea } from '../city/lookup.ts';
import { isOverdue, timeLeftMs } from '../domain/sla.ts';
import type { Incident } from '../domain/types.ts';

export type UnitKind = 'agency' | 'kelurahan' | 'kecamatan';

export interface UnitRef {
  kind: UnitKind;
  key: string;
}

export function belongsTo(unit: UnitRef, i: Incident): boolean {
  if (unit.kind === 'agency') return i.agency === unit.key;
  return inArea(i.kelurahanCode, unit.key);
}

export function overdueItems(
  incidents: readonly Incident[],
  at: Date,
  unit: UnitRef | null,
): Incident[] {
  return incidents
    .filter(
      (i) =>
        Date.parse(i.reportedAt) < at.getTime() &&
        isOverdue(i, at) &&
        (!unit || belongsTo(unit, i)),
    )
    .sort((a, b) => timeLeftMs(a, at) - timeLeftMs(b, at) || a.id.localeCompare(b.id));
}
