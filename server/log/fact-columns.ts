/**
 * The briefing's facts as both stores select them: the same columns, read as raw tuples
 * (turning 450,000 rows into objects is the cost to avoid), then made into facts here.
 */
import type { IncidentFacts } from '../../shared/domain/briefing.ts';

export const FACT_COLUMNS = `id, category, agency, kelurahan_code, h3, status, reported_at,
  first_response_at, resolved_at, ended_at, response_due_at, resolve_due_at, duplicate_of`;

export type FactsTuple = [
  string,
  string,
  string,
  string | null,
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  string,
  string,
  string | null,
];

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export function toFacts(r: FactsTuple): IncidentFacts {
  return {
    id: r[0],
    category: r[1],
    agency: r[2],
    kelurahanCode: r[3],
    h3: r[4],
    status: r[5],
    reportedAt: Date.parse(r[6]),
    firstResponseAt: ms(r[7]),
    resolvedAt: ms(r[8]),
    endedAt: ms(r[9]),
    responseDueAt: Date.parse(r[10]),
    resolveDueAt: Date.parse(r[11]),
    linked: r[12] !== null,
  };
}
