/**
 * The automatic link at report time: a report decided by `decideReport` gains the two
 * events that link it to its master (duplicates.ts `findMaster`, `linkEvents`) when its
 * category has a rule and an open incident is near enough — looked up among the live
 * projection's possible masters (duplicate-index.ts) and the reports decided earlier in
 * the same group commit, which the projection has not seen yet. The link is written in the
 * same transaction as the report, so no screen ever sees the report unlinked first.
 */
import type { CityPack } from '../../shared/city/types.ts';
import {
  duplicateRuleFor,
  findMaster,
  linkEvents,
  type MasterCandidate,
} from '../../shared/domain/duplicates.ts';
import type { Actor, IncidentReported, NewEvent } from '../../shared/domain/types.ts';
import type { DuplicateIndex } from './duplicate-index.ts';

/** Who links automatically, in the log. */
export const DUPLICATES_ACTOR: Actor = { kind: 'system', id: 'duplicates' };

/** The group's own reports that are masters so far, by id. */
export type GroupMasters = Map<string, MasterCandidate>;

export function linkIfDuplicate(
  events: NewEvent[],
  ctx: { pack: Pick<CityPack, 'analyst'>; index: DuplicateIndex; groupMasters: GroupMasters },
): NewEvent[] {
  const reported = events[0] as Omit<IncidentReported, 'seq'> | undefined;
  if (reported?.type !== 'incident.reported') return events;
  const report = reported.data.incident;
  const rule = duplicateRuleFor(ctx.pack, report.category);
  if (!rule) return events;
  const candidates = [
    ...ctx.index.near(report.category, report.location, rule.radiusM),
    ...ctx.groupMasters.values(),
  ];
  const found = findMaster(report, candidates, rule);
  const reportedMs = Date.parse(report.reportedAt);
  if (found === null) {
    // A master of its own: later reports of this group may join it.
    const incident = { ...report, updatedAt: reported.at, lastSeq: 0 };
    ctx.groupMasters.set(report.id, { incident, latestReportMs: reportedMs });
    return events;
  }
  const inGroup = ctx.groupMasters.get(found.master.id);
  if (inGroup && reportedMs > inGroup.latestReportMs) inGroup.latestReportMs = reportedMs;
  return [
    ...events,
    ...linkEvents(report, found, {
      at: reported.at,
      occurredAt: report.reportedAt,
      actor: DUPLICATES_ACTOR,
      auto: true,
      note: null,
    }),
  ];
}
