/** Compact builders for domain fixtures in unit tests. */
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import type { BackdateContext } from '../../shared/domain/commands.ts';
import { decideReport } from '../../shared/domain/report-incident.ts';
import { decideUpdate } from '../../shared/domain/update-incident.ts';
import { DEFAULT_BACKDATE_POLICY } from '../../shared/domain/field-time.ts';
import { applyInPlace, ownedProjection } from '../../shared/domain/reducer.ts';
import type { UpdateIncidentInput } from '../../shared/domain/schemas.ts';
import type { DomainEvent, NewEvent } from '../../shared/domain/types.ts';

export const ACTOR = { kind: 'user', id: 'tester' } as const;
/** Fixtures write history as the trusted system does: field times may lie far back. */
const BACKDATE: BackdateContext = { author: 'system', policy: DEFAULT_BACKDATE_POLICY };

/** A tiny in-memory log driven by the real command rules and reducer. */
export function makeLog() {
  const state = ownedProjection();
  const events: DomainEvent[] = [];
  const append = (news: NewEvent[]) => {
    const stored = news.map((e, i) => ({ ...e, seq: state.seq + i + 1 }) as DomainEvent);
    events.push(...stored);
    applyInPlace(state, stored);
    return stored;
  };
  return {
    state,
    events,
    /** Appends events decided elsewhere (e.g. a link), as the store would. */
    append,
    report(id: string, at: string, overrides: Partial<Parameters<typeof decideReport>[0]> = {}) {
      const d = decideReport(
        {
          source: 'jaki',
          category: 'road_damage',
          location: { lon: 106.82, lat: -6.18 },
          reportedAt: at,
          ...overrides,
        },
        { pack: JAKARTA, now: new Date(at), id, actor: ACTOR, backdate: BACKDATE },
      );
      if (!d.ok) throw new Error(d.error.message);
      return append(d.data);
    },
    update(id: string, at: string, input: UpdateIncidentInput) {
      const d = decideUpdate(state.incidents.get(id), input, {
        pack: JAKARTA,
        now: new Date(at),
        actor: ACTOR,
        id,
        backdate: BACKDATE,
      });
      if (!d.ok) throw new Error(d.error.message);
      return append(d.data);
    },
  };
}
