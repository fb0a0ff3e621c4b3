/** Compact builders for domain fixtures in unit tests. */
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { decideReport, decideUpdate } from '../../shared/domain/commands.ts';
import { applyInPlace } from '../../shared/domain/reducer.ts';
import type { UpdateIncidentInput } from '../../shared/domain/schemas.ts';
import type { DomainEvent, Incident, NewEvent } from '../../shared/domain/types.ts';

export const ACTOR = { kind: 'user', id: 'tester' } as const;

/** A tiny in-memory log driven by the real command rules and reducer. */
export function makeLog() {
  const state = { seq: 0, incidents: new Map<string, Incident>() };
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
    report(id: string, at: string, overrides: Partial<Parameters<typeof decideReport>[0]> = {}) {
      const d = decideReport(
        {
          source: 'jaki',
          category: 'road_damage',
          location: { lon: 106.82, lat: -6.18 },
          reportedAt: at,
          ...overrides,
        },
        { pack: JAKARTA, now: new Date(at), id, actor: ACTOR },
      );
      if (!d.ok) throw new Error(d.error.message);
      return append(d.events);
    },
    update(id: string, at: string, input: UpdateIncidentInput) {
      const d = decideUpdate(state.incidents.get(id), input, {
        pack: JAKARTA,
        now: new Date(at),
        actor: ACTOR,
        id,
      });
      if (!d.ok) throw new Error(d.error.message);
      return append(d.events);
    },
  };
}
