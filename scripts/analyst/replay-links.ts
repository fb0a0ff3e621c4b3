/**
 * The simulator's plan replayed in time order through the server's own duplicate linking:
 * each report decided by `decideReport` and linked by `linkIfDuplicate` over a
 * `createDuplicateIndex` of the projection as the server keeps it, and every planned
 * workflow step applied by `decideUpdate` when it falls due — so an incident resolved
 * before a repeat report arrives takes no more reports, as on the server. Both analyst
 * evaluations read it: the duplicate links' precision and recall, and surges that count
 * incidents, not the reports linked to them.
 */
import type { CityPack } from '../../shared/city/types.ts';
import { DEFAULT_BACKDATE_POLICY } from '../../shared/domain/field-time.ts';
import { applyInPlace, ownedProjection } from '../../shared/domain/reducer.ts';
import { decideReport } from '../../shared/domain/report-incident.ts';
import type { DomainEvent, NewEvent } from '../../shared/domain/types.ts';
import { decideUpdate } from '../../shared/domain/update-incident.ts';
import { createDuplicateIndex } from '../../server/ingest/duplicate-index.ts';
import { linkIfDuplicate } from '../../server/ingest/link-duplicates.ts';
import type { PlannedIncident } from '../../server/ingest/simulator/plan.ts';

export interface ReplayedLinks {
  /** Per planned report (by index): the index of the report it was linked to, or null. */
  masterOf: (number | null)[];
  /** Per planned report: the metres to its master when linked. */
  distanceM: (number | null)[];
  /** Workflow steps refused: a report linked in error is not worked as its own (409 linked). */
  refusedSteps: number;
}

type Action =
  | { atMs: number; kind: 'report'; k: number }
  | { atMs: number; kind: 'step'; k: number; s: number };

export function replayLinks(planned: readonly PlannedIncident[], pack: CityPack): ReplayedLinks {
  const actions: Action[] = [];
  planned.forEach((inc, k) => {
    const t = inc.reportAt.getTime();
    actions.push({ atMs: t, kind: 'report', k });
    inc.steps.forEach((step, s) => actions.push({ atMs: t + step.afterMs, kind: 'step', k, s }));
  });
  // Reports before the steps of the same instant, then in plan order: as the runner sends them.
  actions.sort(
    (a, b) => a.atMs - b.atMs || (a.kind === b.kind ? a.k - b.k : a.kind === 'report' ? -1 : 1),
  );

  const state = ownedProjection();
  const index = createDuplicateIndex(pack, state);
  let seq = 0;
  const append = (events: NewEvent[]) => {
    const stored = events.map((e) => ({ ...e, seq: ++seq }) as DomainEvent);
    applyInPlace(state, stored);
    index.applied(stored);
  };
  const actor = { kind: 'system', id: 'simulator' } as const;
  const backdate = { author: 'system', policy: DEFAULT_BACKDATE_POLICY } as const;
  const id = (k: number) => `p${k}`;
  const out: ReplayedLinks = {
    masterOf: planned.map(() => null),
    distanceM: planned.map(() => null),
    refusedSteps: 0,
  };

  for (const action of actions) {
    const inc = planned[action.k]!;
    const now = new Date(action.atMs);
    if (action.kind === 'report') {
      const input = { ...inc.report, reportedAt: now.toISOString() };
      const ctx = { pack, now, id: id(action.k), actor, backdate };
      const decided = decideReport(input, ctx);
      if (!decided.ok) throw new Error(`${inc.report.externalId}: ${decided.error.message}`);
      const events = linkIfDuplicate(decided.data, { pack, index, groupMasters: new Map() });
      append(events);
      const link = events.find((e) => e.type === 'incident.linked');
      if (link?.type === 'incident.linked') {
        out.masterOf[action.k] = Number(link.data.masterId.slice(1));
        out.distanceM[action.k] = link.data.distanceM;
      }
    } else {
      const step = inc.steps[action.s]!;
      const change = { ...step.change, occurredAt: now.toISOString() };
      const ctx = { pack, now, actor, id: id(action.k), backdate };
      const decided = decideUpdate(state.incidents.get(id(action.k)), change, ctx);
      if (decided.ok) append(decided.data);
      else out.refusedSteps++;
    }
  }
  return out;
}
