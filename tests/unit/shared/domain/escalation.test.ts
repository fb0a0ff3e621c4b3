/**
 * Escalation's rules: which chain an alert climbs, when its next step falls due (an
 * acknowledgement buys one step's time), what the analyst decides at `now`, and the check
 * every city pack's chains pass at load.
 */
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import type { CityPack, EscalationStep } from '../../../../shared/city/types.ts';
import type { Alert } from '../../../../shared/domain/alerts.ts';
import { ESCALATION_LEVELS } from '../../../../shared/domain/alerts.ts';
import {
  chainProblems,
  escalationChain,
  escalationDecisions,
  escalationProblems,
  nextStep,
  stepDueMs,
} from '../../../../shared/domain/escalation.ts';
import { MIN, T0, iso } from '../../../support/ops-fixtures.ts';

const at = (min: number) => iso(T0 + min * MIN);

function breach(more: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-sla-response-breach-i1',
    kind: 'sla_breached',
    severity: 'critical',
    agency: 'bina_marga',
    category: 'road_damage',
    incidentIds: ['i1'],
    clock: 'response',
    area: null,
    summary: { id: '…', en: '…' },
    facts: { dueAt: at(-1) },
    raisedAt: at(0),
    status: 'open',
    level: 'desk',
    acknowledgedBy: null,
    acknowledgedAt: null,
    escalatedAt: null,
    clearedAt: null,
    clearReason: null,
    updatedAt: at(0),
    lastSeq: 5,
    ...more,
  };
}

const levels = (steps: readonly EscalationStep[]) =>
  steps.map((s) => `${s.level}+${s.afterMinutes}`).join(' ');

describe('escalationChain (Jakarta)', () => {
  it.each([
    ['road_damage', 'bina_marga', 'head+60 supervisor+120'],
    ['fire', 'gulkarmat', 'head+5 supervisor+10'],
    ['flooding', 'dsda', 'head+15 supervisor+30'],
    ['other', 'command_center', 'supervisor+60'],
    [
      'fire handed to the command center: the category wins',
      'command_center',
      'head+5 supervisor+10',
    ],
    ['garbage handed to the command center', 'command_center', 'supervisor+60'],
    ['an unknown category', 'dlh', 'head+60 supervisor+120'],
  ])('%s at %s: %s', (category, agency, expected) => {
    const code = category.split(' ')[0]!;
    expect(levels(escalationChain(JAKARTA, code, agency))).toBe(expected);
  });

  it('a category-and-agency override beats a category one, which beats an agency one', () => {
    const pack = {
      analyst: {
        ...JAKARTA.analyst,
        escalation: {
          default: [{ level: 'head' as const, afterMinutes: 60 }],
          overrides: [
            { agency: 'dsda', steps: [{ level: 'head' as const, afterMinutes: 1 }] },
            { category: 'flooding', steps: [{ level: 'head' as const, afterMinutes: 2 }] },
            {
              category: 'flooding',
              agency: 'dsda',
              steps: [{ level: 'head' as const, afterMinutes: 3 }],
            },
          ],
        },
      },
    };
    expect(levels(escalationChain(pack, 'flooding', 'dsda'))).toBe('head+3');
    expect(levels(escalationChain(pack, 'flooding', 'dlh'))).toBe('head+2');
    expect(levels(escalationChain(pack, 'garbage', 'dsda'))).toBe('head+1');
    expect(levels(escalationChain(pack, 'garbage', 'dlh'))).toBe('head+60');
  });
});

describe('when the next step falls due', () => {
  const chain = escalationChain(JAKARTA, 'road_damage', 'bina_marga');
  it.each<[string, Partial<Alert>, string | null, number | null]>([
    ['at the desk: head an hour after the raise', {}, 'head', 60],
    ['acknowledged 30 min in: head an hour after that', { acknowledgedAt: at(30) }, 'head', 90],
    [
      'at head: supervisor two hours after the escalation',
      { level: 'head', escalatedAt: at(60) },
      'supervisor',
      180,
    ],
    [
      'acknowledged before the escalation: the escalation counts',
      { level: 'head', escalatedAt: at(60), acknowledgedAt: at(10) },
      'supervisor',
      180,
    ],
    [
      'acknowledged at head: supervisor two hours after the acknowledgement',
      { level: 'head', escalatedAt: at(60), acknowledgedAt: at(100) },
      'supervisor',
      220,
    ],
    ['at the top: nothing', { level: 'supervisor', escalatedAt: at(180) }, null, null],
  ])('%s', (_name, more, level, dueMin) => {
    const alert = breach(more);
    const step = nextStep(alert, chain);
    expect(step?.level ?? null).toBe(level);
    expect(step ? stepDueMs(alert, step) : null).toBe(dueMin === null ? null : T0 + dueMin * MIN);
  });

  it('a chain that skips head goes from desk to supervisor', () => {
    const step = nextStep(breach(), escalationChain(JAKARTA, 'other', 'command_center'));
    expect(step).toEqual({ level: 'supervisor', afterMinutes: 60 });
  });
});

describe('escalationDecisions', () => {
  const decide = (alerts: Alert[], nowMin: number, skip?: Set<string>) =>
    escalationDecisions(alerts, JAKARTA, new Date(T0 + nowMin * MIN), skip).map(
      (d) => `${d.type} ${d.type === 'escalate' ? d.to : ''}`,
    );

  it.each<[string, Alert[], number, string[]]>([
    ['a minute before head is due: nothing', [breach()], 59, []],
    ['head due: escalate to head', [breach()], 60, ['escalate head']],
    ['long overdue: one step at a time', [breach()], 600, ['escalate head']],
    [
      'acknowledged: the next step waits',
      [breach({ status: 'acknowledged', acknowledgedAt: at(30) })],
      60,
      [],
    ],
    [
      'acknowledged, and its time spent: escalate',
      [breach({ status: 'acknowledged', acknowledgedAt: at(30) })],
      90,
      ['escalate head'],
    ],
    [
      'at head, supervisor due',
      [breach({ level: 'head', escalatedAt: at(60) })],
      180,
      ['escalate supervisor'],
    ],
    ['at the top: nothing', [breach({ level: 'supervisor', escalatedAt: at(60) })], 999, []],
    [
      'cleared: nothing',
      [breach({ status: 'cleared', clearedAt: at(1), clearReason: 'resolved' })],
      999,
      [],
    ],
    [
      'a warning never escalates',
      [breach({ kind: 'sla_will_breach', severity: 'warning' })],
      999,
      [],
    ],
    [
      'fire climbs in minutes',
      [breach({ category: 'fire', agency: 'gulkarmat' })],
      5,
      ['escalate head'],
    ],
  ])('%s', (_name, alerts, nowMin, expected) => {
    expect(decide(alerts, nowMin)).toEqual(expected);
  });

  it('skips the alerts this tick clears', () => {
    expect(decide([breach()], 60, new Set([breach().id]))).toEqual([]);
  });

  it('says why in both languages, and whether it had been acknowledged', () => {
    const [plain] = escalationDecisions([breach()], JAKARTA, new Date(T0 + 60 * MIN));
    expect(plain).toEqual({
      type: 'escalate',
      id: 'alert-sla-response-breach-i1',
      to: 'head',
      note:
        'Pelanggaran SLA tidak ditanggapi dalam 1 jam; dinaikkan ke kepala dinas. / ' +
        'SLA breach not acted on within 1 h; escalated to the agency head.',
    });
    const [acked] = escalationDecisions(
      [breach({ level: 'head', escalatedAt: at(60), acknowledgedAt: at(70) })],
      JAKARTA,
      new Date(T0 + 190 * MIN),
    );
    expect(acked?.note).toMatch(/^Sudah diakui, .* \/ Acknowledged, .*command center supervisor/);
  });
});

describe('the pack check', () => {
  it('every Jakarta category, at any agency, resolves a chain in level order with positive minutes', () => {
    expect(escalationProblems(JAKARTA)).toEqual([]);
    for (const category of JAKARTA.categories) {
      for (const agency of JAKARTA.agencies) {
        const chain = escalationChain(JAKARTA, category.code, agency.code);
        const where = `${category.code}@${agency.code}`;
        expect(chain.length, where).toBeGreaterThan(0);
        const order = chain.map((s) => ESCALATION_LEVELS.indexOf(s.level));
        expect(order[0], where).toBeGreaterThan(0);
        expect([...order].sort(), where).toEqual(order);
        expect(new Set(order).size, where).toBe(order.length);
        for (const s of chain) expect(s.afterMinutes, where).toBeGreaterThan(0);
      }
    }
  });

  it.each<[string, EscalationStep[], string[]]>([
    [
      'in order',
      [
        { level: 'head', afterMinutes: 1 },
        { level: 'supervisor', afterMinutes: 1 },
      ],
      [],
    ],
    [
      'desk again',
      [{ level: 'desk', afterMinutes: 5 }],
      ["c[0].level: 'desk' must come after 'desk' (order desk → head → supervisor)"],
    ],
    [
      'out of order',
      [
        { level: 'supervisor', afterMinutes: 5 },
        { level: 'head', afterMinutes: 5 },
      ],
      ["c[1].level: 'head' must come after 'supervisor' (order desk → head → supervisor)"],
    ],
    [
      'zero minutes',
      [{ level: 'head', afterMinutes: 0 }],
      ['c[0].afterMinutes: must be a positive number of minutes'],
    ],
    [
      'not a number',
      [{ level: 'head', afterMinutes: NaN }],
      ['c[0].afterMinutes: must be a positive number of minutes'],
    ],
    [
      'an unknown level',
      [{ level: 'mayor' as 'head', afterMinutes: 5 }],
      ["c[0].level: 'mayor' is not an escalation level"],
    ],
  ])('a chain %s', (_name, steps, expected) => {
    expect(chainProblems(steps, 'c')).toEqual(expected);
  });

  it.each<[string, CityPack['analyst']['escalation']['overrides'], string]>([
    [
      'an unknown category',
      [{ category: 'lava', steps: [] }],
      "overrides[0].category: no category 'lava'",
    ],
    ['an unknown agency', [{ agency: 'nasa', steps: [] }], "overrides[0].agency: no agency 'nasa'"],
    ['naming neither', [{ steps: [] }], 'overrides[0]: names neither a category nor an agency'],
    [
      'two for the same pair',
      [
        { category: 'fire', steps: [] },
        { category: 'fire', steps: [] },
      ],
      'overrides[1]: a second override for the same category and agency',
    ],
    [
      'a bad chain',
      [{ agency: 'dlh', steps: [{ level: 'head', afterMinutes: -5 }] }],
      'overrides[0].steps[0].afterMinutes',
    ],
  ])('refuses an override with %s, naming it', (_name, overrides, message) => {
    const pack = {
      ...JAKARTA,
      analyst: { ...JAKARTA.analyst, escalation: { ...JAKARTA.analyst.escalation, overrides } },
    };
    const problems = escalationProblems(pack);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`analyst.escalation.${message}`);
  });
});
