/**
 * `npm run bench:projection`: the CPU cost, on one core, of what a screen does with the
 * stream: applying a batch of events to 100,000 live incidents with the shared reducer,
 * computing the live KPIs over them, and aggregating H3 hexagons.
 */
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import type { BackdateContext } from '../../shared/domain/commands.ts';
import { decideReport } from '../../shared/domain/report-incident.ts';
import { decideUpdate } from '../../shared/domain/update-incident.ts';
import { DEFAULT_BACKDATE_POLICY } from '../../shared/domain/field-time.ts';
import { applyInPlace, ownedProjection } from '../../shared/domain/reducer.ts';
import { computeStats } from '../../shared/domain/stats.ts';
import type { DomainEvent, NewEvent } from '../../shared/domain/types.ts';
import { aggregateCells } from '../../client/map/hexagon.layer.ts';
import { summary, timeIt } from './synthetic.ts';

const ACTOR = { kind: 'system', id: 'bench' } as const;
/** Benchmarks write history as the built-in simulator does: field times days back. */
const BACKDATE: BackdateContext = { author: 'system', policy: DEFAULT_BACKDATE_POLICY };
const now = new Date();
const state = ownedProjection();
const seqd = (events: NewEvent[]) => events.map((e) => ({ ...e, seq: ++seq }) as DomainEvent);
let seq = 0;

for (const size of [10_000, 100_000]) {
  while (state.incidents.size < size) {
    const i = state.incidents.size;
    const d = decideReport(
      {
        source: 'jaki',
        category: JAKARTA.categories[i % 11]!.code,
        location: { lon: 106.72 + (i % 300) * 0.0008, lat: -6.35 + (i % 280) * 0.0008 },
      },
      { pack: JAKARTA, now, id: `i${i}`, actor: ACTOR, backdate: BACKDATE },
    );
    if (d.ok) applyInPlace(state, seqd(d.data));
  }
  const ids = [...state.incidents.keys()];
  const applyTimes: number[] = [];
  for (let round = 0; round < 20; round++) {
    const batch: DomainEvent[] = [];
    for (let k = 0; k < 1000; k++) {
      const id = ids[(round * 1000 + k) % ids.length]!;
      const u = decideUpdate(
        state.incidents.get(id),
        { note: 'cek lapangan' },
        { pack: JAKARTA, now, actor: ACTOR, id, backdate: BACKDATE },
      );
      if (u.ok) batch.push(...seqd(u.data));
    }
    applyTimes.push(timeIt(() => applyInPlace(state, batch)).ms);
  }
  const groups = {
    agencies: JAKARTA.agencies.map((a) => a.code),
    categories: JAKARTA.categories.map((c) => c.code),
  };
  const stats = Array.from(
    { length: 10 },
    () => timeIt(() => computeStats(state.incidents.values(), now, JAKARTA.timeZone, groups)).ms,
  );
  const list = [...state.incidents.values()];
  const hex = Array.from(
    { length: 10 },
    () => timeIt(() => aggregateCells(list, 'backlog', now.getTime())).ms,
  );
  console.log(
    `${size.toLocaleString('en')} incidents: apply a batch of 1,000 events median ${summary(applyTimes).median.toFixed(1)} ms;` +
      ` live KPIs median ${summary(stats).median.toFixed(1)} ms; H3 backlog aggregation median ${summary(hex).median.toFixed(1)} ms`,
  );
}
