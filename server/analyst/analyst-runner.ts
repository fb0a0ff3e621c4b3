/**
 * The analyst's runner: every tick it catches the projection up to the log's head, asks the
 * shared rules (shared/domain/sla-watch.ts, escalation.ts) what is due at `clock()`, and
 * applies each decision through the alert service as the analyst, so each is an event in
 * the log with its note. Ticks never overlap; a refusal with 409 (the alert is already
 * active, cleared or at the top: another writer got there first) is expected and skipped;
 * anything else is logged and the tick goes on, or ends if the store itself failed. The next
 * tick decides again from the log. On several nodes only one runs it: `startAnalyst` takes
 * the same advisory-lock leadership as the simulator, under its own name.
 */
import type { CityPack } from '../../shared/city/types.ts';
import { ANALYST, systemPrincipal } from '../../shared/domain/access.ts';
import type { Alert } from '../../shared/domain/alerts.ts';
import { escalationDecisions, escalationProblems } from '../../shared/domain/escalation.ts';
import { leadProblems, slaDecisions, type AlertDecision } from '../../shared/domain/sla-watch.ts';
import { surgeDecisions, surgeProblems } from '../../shared/domain/surge.ts';
import {
  learnSurgeModel,
  type SurgeHistoryRow,
  type SurgeModel,
} from '../../shared/domain/surge-model.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import { leadRunner, type LedRunner, type NodeLeadership } from '../ingest/simulator-leader.ts';
import type { Store } from '../log/store.ts';
import type { AlertResult, AlertService } from './alert-service.ts';
import { ticker } from '../cluster/ticker.ts';

/** The analyst as the log records it: `system:analyst`. */
const ANALYST_PRINCIPAL = systemPrincipal(ANALYST);

/** Throws, listing every problem, when the pack's `analyst` section cannot be used. */
export function checkAnalystPack(pack: CityPack): void {
  const problems = [...leadProblems(pack), ...escalationProblems(pack), ...surgeProblems(pack)];
  if (problems.length > 0) {
    throw new Error(
      `city pack '${pack.code}': invalid analyst section:\n  ${problems.join('\n  ')}`,
    );
  }
}

export interface AnalystDeps {
  service: IncidentService;
  alerts: AlertService;
  store: Pick<Store, 'getAlert'>;
  pack: CityPack;
  clock: () => Date;
  log: (msg: string) => void;
  /** Between the end of one tick and the start of the next (ms); 0: only when asked. */
  tickMs: number;
  /**
   * The log's reports for the surge model (category, cell, when): the briefing's in-memory
   * facts on a node; read again each hour, when the model is relearned.
   */
  history: () => Iterable<SurgeHistoryRow>;
  /** How many rows `history` holds now (cheap to ask each tick). */
  historySize: () => number;
}

/** What one tick did. */
export interface TickReport {
  /** Decisions the rules made. */
  decided: number;
  /** Events appended. */
  applied: number;
  /** Refused as already done (409), or not raised again after a person's dismissal. */
  skipped: number;
  failed: number;
}

export interface AnalystRunner {
  /** Runs a tick now (after the one in progress, if any). */
  tick(): Promise<TickReport>;
  stop(): Promise<void>;
}

/**
 * Raises the rules would repeat but the log refuses in spirit: an SLA alert a person
 * dismissed stays dismissed even after it left the live projection (cleared alerts are
 * pruned with the window), so before raising an id the projection lacks, the store is
 * asked once; the answer is kept while the incident is live.
 */
function createRaiseGuard(store: Pick<Store, 'getAlert'>) {
  const barred = new Map<string, string>();
  return {
    async allows(alert: Alert['id'], incidentId: string, known: Alert | undefined) {
      if (barred.has(alert)) return false;
      if (known) return true;
      const stored = await store.getAlert(alert);
      if (stored && stored.status === 'cleared' && stored.clearReason !== 'resolved') {
        barred.set(alert, incidentId);
        return false;
      }
      return true;
    },
    /** Forgets ids whose incident has left the projection. */
    prune(live: (incidentId: string) => boolean) {
      for (const [id, incidentId] of barred) if (!live(incidentId)) barred.delete(id);
    },
  };
}

export function createAnalystRunner(deps: AnalystDeps): AnalystRunner {
  const { service, alerts, clock, log, pack } = deps;
  const guard = createRaiseGuard(deps.store);

  const apply = (d: AlertDecision): Promise<AlertResult> => {
    switch (d.type) {
      case 'raise':
        return alerts.raise(d.alert, ANALYST_PRINCIPAL, {
          note: d.note,
          occurredAt: d.alert.raisedAt,
        });
      case 'clear':
        return alerts.clear(d.id, d.reason, ANALYST_PRINCIPAL, d.note);
      case 'escalate':
        return alerts.escalate(d.id, ANALYST_PRINCIPAL, { to: d.to, note: d.note });
      case 'update':
        return alerts.update(d.id, d.changes, ANALYST_PRINCIPAL, d.note);
    }
  };

  /**
   * The surge model, relearned from the history once an hour (a pass over its rows), and
   * sooner while the history is still arriving: too short to be ready, or grown by more
   * than a twentieth since (a node loading its backlog, the simulator's back-fill).
   */
  let model: SurgeModel | null = null;
  let learnedFrom = 0;
  const surgeModel = (nowMs: number): SurgeModel => {
    const size = deps.historySize();
    if (
      !model ||
      !model.ready ||
      size > learnedFrom * 1.05 ||
      nowMs - model.builtAtMs >= HOUR_MS ||
      nowMs < model.builtAtMs
    ) {
      model = learnSurgeModel(deps.history(), nowMs, pack);
      learnedFrom = size;
    }
    return model;
  };

  const decide = (): AlertDecision[] => {
    const now = clock();
    const { incidents, alerts: known } = service.projection;
    const sla = slaDecisions({ incidents, alerts: known, now, pack });
    const clearing = new Set(sla.flatMap((d) => (d.type === 'clear' ? [d.id] : [])));
    const surges = surgeDecisions({
      incidents,
      alerts: known,
      now,
      model: surgeModel(now.getTime()),
      pack,
    });
    return [...sla, ...escalationDecisions(known.values(), pack, now, clearing), ...surges];
  };

  const run = async (): Promise<TickReport> => {
    const report: TickReport = { decided: 0, applied: 0, skipped: 0, failed: 0 };
    try {
      await service.catchUp();
      const decisions = decide();
      report.decided = decisions.length;
      const { incidents, alerts: known } = service.projection;
      guard.prune((id) => incidents.has(id));
      for (const d of decisions) {
        if (heartbeat.stopped()) break;
        if (d.type === 'raise') {
          const incidentId = d.alert.incidentIds[0] ?? '';
          if (!(await guard.allows(d.alert.id, incidentId, known.get(d.alert.id)))) {
            report.skipped += 1;
            continue;
          }
        }
        const result = await apply(d);
        if (result.ok) report.applied += 1;
        else if (result.error.status === 409) report.skipped += 1;
        else {
          report.failed += 1;
          log(
            `analyst: cannot ${d.type} ${d.type === 'raise' ? d.alert.id : d.id}: ${result.error.message}`,
          );
        }
      }
    } catch (error) {
      // The store or the log is away: the next tick decides again from the log.
      report.failed += 1;
      log(`analyst: tick failed: ${String(error)}`);
    }
    return report;
  };

  const heartbeat = ticker(run, deps.tickMs);
  return { tick: heartbeat.tick, stop: heartbeat.stop };
}

/** How this node may lead the analyst: alone (SQLite), or by a PostgreSQL advisory lock. */
export type AnalystLeadership = NodeLeadership;
export type RunningAnalyst = LedRunner<AnalystRunner>;

/** Starts the analyst on the one node that leads it; another takes over if that node goes. */
export async function startAnalyst(
  deps: AnalystDeps & { leadership: AnalystLeadership },
): Promise<RunningAnalyst> {
  checkAnalystPack(deps.pack);
  return leadRunner({
    name: 'analyst',
    leadership: deps.leadership,
    service: deps.service,
    create: () => createAnalystRunner(deps),
    log: deps.log,
  });
}
