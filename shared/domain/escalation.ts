/**
 * Escalation: who is chased about a breached SLA, and when. A breach starts at the
 * agency's desk; its chain (city pack `analyst.escalation`) names the steps after it and
 * the minutes each waits. The next step is due that many minutes after the later of the
 * last step (or the raise) and the last acknowledgement: acknowledging buys the agency one
 * step's time, not a pardon. One step per decision: the one after it waits its own
 * minutes from then. Pure rules and the pack's check; the runner (server/analyst/) applies
 * the decisions through the alert service.
 */
import type { CityPack, EscalationOverride, EscalationStep } from '../city/types.ts';
import type { Alert, AlertText, EscalationLevel } from './alerts.ts';
import { ESCALATION_LEVELS, isActiveAlert } from './alerts.ts';
import type { AlertDecision } from './sla-watch.ts';
import { spanText } from './sla-watch.ts';
import { MINUTE_MS } from './time.ts';

/** Who each level is, for notes and screens. */
export const ESCALATION_LEVEL_NAMES: Record<EscalationLevel, AlertText> = {
  desk: { id: 'meja dinas', en: 'the agency desk' },
  head: { id: 'kepala dinas', en: 'the agency head' },
  supervisor: { id: 'supervisor pusat komando', en: 'the command center supervisor' },
};

const levelIndex = (level: EscalationLevel): number => ESCALATION_LEVELS.indexOf(level);

/** How closely an override fits: 3 category and agency, 2 category, 1 agency, -1 not at all. */
function fit(o: EscalationOverride, category: string | null, agency: string | null): number {
  if (o.category !== undefined && o.category !== category) return -1;
  if (o.agency !== undefined && o.agency !== agency) return -1;
  return (o.category !== undefined ? 2 : 0) + (o.agency !== undefined ? 1 : 0);
}

/** The steps after the desk for an alert about `category` at `agency`: the closest override, else the default. */
export function escalationChain(
  pack: Pick<CityPack, 'analyst'>,
  category: string | null,
  agency: string | null,
): readonly EscalationStep[] {
  let best: EscalationOverride | null = null;
  let bestFit = 0;
  for (const o of pack.analyst.escalation.overrides) {
    const f = fit(o, category, agency);
    if (f > bestFit) {
      best = o;
      bestFit = f;
    }
  }
  return best ? best.steps : pack.analyst.escalation.default;
}

/** The step after the alert's level on `chain`, or null at the top. */
export function nextStep(
  alert: Pick<Alert, 'level'>,
  chain: readonly EscalationStep[],
): EscalationStep | null {
  const at = levelIndex(alert.level);
  return chain.find((s) => levelIndex(s.level) > at) ?? null;
}

/** When `step` falls due (epoch ms): its minutes after the later of the last step (or raise) and the last acknowledgement. */
export function stepDueMs(
  alert: Pick<Alert, 'raisedAt' | 'escalatedAt' | 'acknowledgedAt'>,
  step: EscalationStep,
): number {
  const moved = Date.parse(alert.escalatedAt ?? alert.raisedAt);
  const acked = alert.acknowledgedAt === null ? moved : Date.parse(alert.acknowledgedAt);
  return Math.max(moved, acked) + step.afterMinutes * MINUTE_MS;
}

function escalationNote(step: EscalationStep, acknowledged: boolean): string {
  const span = spanText(step.afterMinutes * MINUTE_MS);
  const to = ESCALATION_LEVEL_NAMES[step.level];
  const id = acknowledged
    ? `Sudah diakui, tetapi pelanggaran SLA belum tertangani ${span.id} kemudian; dinaikkan ke ${to.id}.`
    : `Pelanggaran SLA tidak ditanggapi dalam ${span.id}; dinaikkan ke ${to.id}.`;
  const en = acknowledged
    ? `Acknowledged, but the SLA breach was still unhandled ${span.en} later; escalated to ${to.en}.`
    : `SLA breach not acted on within ${span.en}; escalated to ${to.en}.`;
  return `${id} / ${en}`;
}

/**
 * The escalations due at `now`: one step for each active `sla_breached` alert whose next
 * step's time has come, skipping the ids in `skip` (alerts this tick is clearing).
 */
export function escalationDecisions(
  alerts: Iterable<Alert>,
  pack: Pick<CityPack, 'analyst'>,
  now: Date,
  skip: ReadonlySet<string> = new Set(),
): AlertDecision[] {
  const nowMs = now.getTime();
  const out: AlertDecision[] = [];
  for (const alert of alerts) {
    if (alert.kind !== 'sla_breached' || !isActiveAlert(alert) || skip.has(alert.id)) continue;
    const step = nextStep(alert, escalationChain(pack, alert.category, alert.agency));
    if (!step || nowMs < stepDueMs(alert, step)) continue;
    const acknowledged =
      alert.acknowledgedAt !== null &&
      Date.parse(alert.acknowledgedAt) >= Date.parse(alert.escalatedAt ?? alert.raisedAt);
    out.push({
      type: 'escalate',
      id: alert.id,
      to: step.level,
      note: escalationNote(step, acknowledged),
    });
  }
  return out;
}

/** What is wrong with one chain, each line naming where (empty when sound). */
export function chainProblems(steps: readonly EscalationStep[], where: string): string[] {
  const problems: string[] = [];
  let previous = levelIndex('desk');
  steps.forEach((step, k) => {
    const at = `${where}[${k}]`;
    const index = levelIndex(step.level);
    if (index < 0) problems.push(`${at}.level: '${step.level}' is not an escalation level`);
    else if (index <= previous) {
      problems.push(
        `${at}.level: '${step.level}' must come after '${ESCALATION_LEVELS[previous]}' (order ${ESCALATION_LEVELS.join(' → ')})`,
      );
    } else previous = index;
    if (!Number.isFinite(step.afterMinutes) || step.afterMinutes <= 0) {
      problems.push(`${at}.afterMinutes: must be a positive number of minutes`);
    }
  });
  return problems;
}

/** What is wrong with the pack's escalation chains (empty when sound). */
export function escalationProblems(
  pack: Pick<CityPack, 'analyst' | 'categories' | 'agencies'>,
): string[] {
  const { escalation } = pack.analyst;
  const categories = new Set(pack.categories.map((c) => c.code));
  const agencies = new Set(pack.agencies.map((a) => a.code));
  const problems = chainProblems(escalation.default, 'analyst.escalation.default');
  const seen = new Set<string>();
  escalation.overrides.forEach((o, k) => {
    const at = `analyst.escalation.overrides[${k}]`;
    if (o.category === undefined && o.agency === undefined) {
      problems.push(`${at}: names neither a category nor an agency`);
    }
    if (o.category !== undefined && !categories.has(o.category)) {
      problems.push(`${at}.category: no category '${o.category}' in this pack`);
    }
    if (o.agency !== undefined && !agencies.has(o.agency)) {
      problems.push(`${at}.agency: no agency '${o.agency}' in this pack`);
    }
    const key = `${o.category ?? '*'}|${o.agency ?? '*'}`;
    if (seen.has(key)) problems.push(`${at}: a second override for the same category and agency`);
    seen.add(key);
    problems.push(...chainProblems(o.steps, `${at}.steps`));
  });
  return problems;
}
