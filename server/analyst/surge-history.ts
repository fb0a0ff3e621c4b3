/**
 * The surge model's history on a node: every incident in the briefing's in-memory facts
 * (category, H3 cell, reported at), read row by row out of its columns without copying them.
 * Reports linked to another incident are left out, as the surge counts leave them out.
 */
import type { SurgeHistoryRow } from '../../shared/domain/surge-model.ts';
import type { BriefingFacts } from '../briefing/briefing-facts.ts';

export function* surgeHistory(facts: BriefingFacts): Generator<SurgeHistoryRow> {
  const c = facts.columns;
  const row: SurgeHistoryRow = { category: '', h3: '', reportedAtMs: 0 };
  for (let i = 0; i < c.length; i++) {
    if (c.linked[i] === 1) continue;
    // One object, refilled: the model reads each row before asking for the next.
    row.category = c.categories[c.category[i]!]!;
    row.h3 = c.h3Cells[c.h3[i]!]!;
    row.reportedAtMs = c.reportedAt[i]!;
    yield row;
  }
}
