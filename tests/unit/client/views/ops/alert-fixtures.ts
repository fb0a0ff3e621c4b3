/** Compact analyst alerts for the /ops queue's and the wall's tests. */
import type { Alert, RaisedAlert } from '../../../../../shared/domain/alerts.ts';

/** 10:00 WIB. */
export const NOW = Date.parse('2026-11-27T03:00:00.000Z');
export const MIN = 60_000;
export const iso = (ms: number) => new Date(ms).toISOString();

/** An alert as `alert.raised` carries it: a critical SLA breach of DSDA's, 25 min old. */
export function raised(over: Partial<RaisedAlert> & { id: string }): RaisedAlert {
  return {
    kind: 'sla_breached',
    severity: 'critical',
    agency: 'dsda',
    category: 'flooding',
    incidentIds: [`inc-of-${over.id}`],
    clock: 'response',
    area: null,
    summary: { id: `Ringkasan ${over.id}`, en: `Summary ${over.id}` },
    facts: {},
    raisedAt: iso(NOW - 25 * MIN),
    ...over,
  };
}

export function alert(over: Partial<Alert> & { id: string }): Alert {
  return {
    ...raised(over),
    status: 'open',
    level: 'desk',
    acknowledgedBy: null,
    acknowledgedAt: null,
    escalatedAt: null,
    clearedAt: null,
    clearReason: null,
    updatedAt: iso(NOW - 25 * MIN),
    lastSeq: 1,
    ...over,
  };
}
