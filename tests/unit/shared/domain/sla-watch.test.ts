/**
 * The SLA watch's rules: when a clock's will-breach warning and its breach are raised,
 * when they are cleared and why, what a raised alert says, and the Jakarta leads.
 */
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import type { Alert, ClearReason } from '../../../../shared/domain/alerts.ts';
import {
  leadProblems,
  slaAlertId,
  slaDecisions,
  spanText,
  willBreachLeadMs,
  type AlertDecision,
} from '../../../../shared/domain/sla-watch.ts';
import type { Incident } from '../../../../shared/domain/types.ts';
import { MIN, T0, incident, iso } from '../../../support/ops-fixtures.ts';

const HOUR = 60 * MIN;
const NOW = new Date(T0);

/** An incident whose response is due `responseIn` ms from now, resolution in 3 days unless said. */
const due = (responseIn: number, more: Partial<Incident> = {}): Incident =>
  incident({
    id: 'i1',
    responseDueAt: iso(T0 + responseIn),
    resolveDueAt: iso(T0 + 72 * HOUR),
    ...more,
  });

const responded = { firstResponseAt: iso(T0 - 20 * MIN), status: 'verified' as const };

function slaAlert(
  kind: 'sla_will_breach' | 'sla_breached',
  more: Partial<Alert> = {},
  clock: 'response' | 'resolution' = 'response',
): Alert {
  return {
    id: slaAlertId(clock, kind, 'i1'),
    kind,
    severity: kind === 'sla_breached' ? 'critical' : 'warning',
    agency: 'bina_marga',
    category: 'road_damage',
    incidentIds: ['i1'],
    clock,
    area: null,
    summary: { id: '…', en: '…' },
    facts: { dueAt: iso(T0) },
    raisedAt: iso(T0 - 5 * MIN),
    status: 'open',
    level: 'desk',
    acknowledgedBy: null,
    acknowledgedAt: null,
    escalatedAt: null,
    clearedAt: null,
    clearReason: null,
    updatedAt: iso(T0 - 5 * MIN),
    lastSeq: 2,
    ...more,
  };
}

const cleared = (reason: ClearReason) => ({
  status: 'cleared' as const,
  clearReason: reason,
  clearedAt: iso(T0 - MIN),
});

/** A decision in a line: `raise <id>`, `clear <id> <reason>`, `escalate <id> <to>`. */
function brief(d: AlertDecision): string {
  if (d.type === 'raise') return `raise ${d.alert.id} ${d.alert.agency}`;
  if (d.type === 'clear') return `clear ${d.id} ${d.reason}`;
  if (d.type === 'update') return `update ${d.id}`;
  return `escalate ${d.id} ${d.to}`;
}

function decide(incidents: Incident[], alerts: Alert[] = []): string[] {
  return slaDecisions({
    incidents: new Map(incidents.map((i) => [i.id, i])),
    alerts: new Map(alerts.map((a) => [a.id, a])),
    now: NOW,
    pack: JAKARTA,
  }).map(brief);
}

const RW = slaAlertId('response', 'sla_will_breach', 'i1');
const RB = slaAlertId('response', 'sla_breached', 'i1');
const SW = slaAlertId('resolution', 'sla_will_breach', 'i1');
const SB = slaAlertId('resolution', 'sla_breached', 'i1');

describe('slaDecisions: raising', () => {
  // road_damage: 24 h response window, so its lead is capped at 2 h.
  it.each<[string, Incident[], string[]]>([
    ['response due in 2 h 1 min: nothing yet', [due(2 * HOUR + MIN)], []],
    [
      'response due in exactly the 2 h lead: will-breach',
      [due(2 * HOUR)],
      [`raise ${RW} bina_marga`],
    ],
    ['response due in 1 min: will-breach', [due(MIN)], [`raise ${RW} bina_marga`]],
    ['response due now: breached', [due(0)], [`raise ${RB} bina_marga`]],
    ['response 3 h late: breached, no warning first', [due(-3 * HOUR)], [`raise ${RB} bina_marga`]],
    ['response met: its clock raises nothing', [due(-3 * HOUR, responded)], []],
    [
      'both clocks running and near: one alert each',
      [due(MIN, { resolveDueAt: iso(T0 - MIN) })],
      [`raise ${RW} bina_marga`, `raise ${SB} bina_marga`],
    ],
    [
      'resolution late after a response: only the resolution clock',
      [due(-5 * HOUR, { ...responded, resolveDueAt: iso(T0 + HOUR) })],
      [`raise ${SW} bina_marga`],
    ],
    [
      'both clocks met: nothing',
      [
        due(-5 * HOUR, {
          ...responded,
          status: 'resolved',
          resolvedAt: iso(T0 - MIN),
          endedAt: iso(T0 - MIN),
          resolveDueAt: iso(T0 - 2 * MIN),
        }),
      ],
      [],
    ],
    ['a rejected report: nothing', [due(-HOUR, { status: 'rejected', endedAt: iso(T0) })], []],
    ['a duplicate: nothing', [due(-HOUR, { status: 'duplicate', endedAt: iso(T0) })], []],
    [
      'fire: the 15-min response clock warns 5 min ahead, not 6',
      [due(6 * MIN, { category: 'fire', agency: 'gulkarmat' })],
      [],
    ],
    [
      'fire: 5 min before the response deadline',
      [due(5 * MIN, { category: 'fire', agency: 'gulkarmat' })],
      [`raise ${RW} gulkarmat`],
    ],
    [
      'flooding: a quarter of its 60-min response window',
      [due(15 * MIN, { category: 'flooding', agency: 'dsda' })],
      [`raise ${RW} dsda`],
    ],
    [
      'a category the pack lacks: no warning, only its breach',
      [due(MIN, { category: 'gone' }), due(0, { id: 'i2', category: 'gone' })],
      [`raise ${slaAlertId('response', 'sla_breached', 'i2')} bina_marga`],
    ],
  ])('%s', (_name, incidents, expected) => {
    expect(decide(incidents)).toEqual(expected);
  });
});

describe('slaDecisions: alerts already in the log', () => {
  it.each<[string, Incident[], Alert[], string[]]>([
    ['an active warning is not raised twice', [due(MIN)], [slaAlert('sla_will_breach')], []],
    ['an active breach is not raised twice', [due(-HOUR)], [slaAlert('sla_breached')], []],
    [
      'past due: the breach is raised, then its warning superseded',
      [due(0)],
      [slaAlert('sla_will_breach')],
      [`raise ${RB} bina_marga`, `clear ${RW} superseded`],
    ],
    [
      'a warning left beside an active breach is superseded',
      [due(-HOUR)],
      [slaAlert('sla_will_breach'), slaAlert('sla_breached')],
      [`clear ${RW} superseded`],
    ],
    [
      'the clock met: the warning is resolved',
      [due(MIN, responded)],
      [slaAlert('sla_will_breach')],
      [`clear ${RW} resolved`],
    ],
    [
      'met late: the breach is resolved (the chase is over)',
      [due(-HOUR, responded)],
      [slaAlert('sla_breached')],
      [`clear ${RB} resolved`],
    ],
    [
      'the incident resolved: both clocks’ alerts are resolved',
      [
        due(-HOUR, {
          status: 'resolved',
          resolvedAt: iso(T0),
          endedAt: iso(T0),
          firstResponseAt: iso(T0),
        }),
      ],
      [slaAlert('sla_breached'), slaAlert('sla_breached', {}, 'resolution')],
      [`clear ${RB} resolved`, `clear ${SB} resolved`],
    ],
    [
      'the incident rejected: resolved',
      [due(-HOUR, { status: 'rejected', endedAt: iso(T0), firstResponseAt: iso(T0) })],
      [slaAlert('sla_breached')],
      [`clear ${RB} resolved`],
    ],
    [
      'the incident left the projection: resolved',
      [],
      [slaAlert('sla_breached')],
      [`clear ${RB} resolved`],
    ],
    [
      'reassigned: cleared, then raised anew for the new agency',
      [due(-HOUR, { agency: 'dlh' })],
      [slaAlert('sla_breached', { level: 'head' })],
      [`clear ${RB} resolved`, `raise ${RB} dlh`],
    ],
    [
      'reassigned while warned: the warning moves too',
      [due(MIN, { agency: 'dlh' })],
      [slaAlert('sla_will_breach')],
      [`clear ${RW} resolved`, `raise ${RW} dlh`],
    ],
    [
      'a breach a person dismissed stays dismissed',
      [due(-HOUR)],
      [slaAlert('sla_breached', cleared('dismissed'))],
      [],
    ],
    [
      'a superseded warning does not come back',
      [due(MIN)],
      [slaAlert('sla_will_breach', cleared('superseded'))],
      [],
    ],
    [
      'a breach resolved, then the incident reopened and still late: raised again',
      [due(-HOUR)],
      [slaAlert('sla_breached', cleared('resolved'))],
      [`raise ${RB} bina_marga`],
    ],
    [
      'surges and other incidents’ alerts are left alone',
      [due(3 * HOUR)],
      [{ ...slaAlert('sla_breached'), id: 'alert-surge-x', kind: 'surge', clock: null }],
      [],
    ],
  ])('%s', (_name, incidents, alerts, expected) => {
    expect(decide(incidents, alerts)).toEqual(expected);
  });
});

describe('what a raised SLA alert says', () => {
  const [decision] = slaDecisions({
    incidents: new Map([
      [
        'i1',
        due(-(2 * HOUR + 3 * MIN), {
          category: 'flooding',
          agency: 'dsda',
          kelurahanCode: '31.72.01.1001',
        }),
      ],
    ]),
    alerts: new Map(),
    now: NOW,
    pack: JAKARTA,
  });

  it('a breach: critical, the incident’s agency and category, its deadline, in both languages', () => {
    expect(decision?.type).toBe('raise');
    if (decision?.type !== 'raise') return;
    const { summary, ...rest } = decision.alert;
    expect(rest).toEqual({
      id: 'alert-sla-response-breach-i1',
      kind: 'sla_breached',
      severity: 'critical',
      agency: 'dsda',
      category: 'flooding',
      incidentIds: ['i1'],
      clock: 'response',
      area: null,
      facts: { dueAt: iso(T0 - 123 * MIN) },
      raisedAt: iso(T0),
    });
    // T0 is 03:00 UTC: due 00:57 UTC is 07.57 WIB.
    expect(summary.id).toBe(
      'Batas waktu respons terlewati: Banjir/Genangan di Penjaringan, terlambat 2 jam 3 menit (jatuh tempo 27 Nov, 07.57 WIB)',
    );
    expect(summary.en).toBe(
      'Response deadline missed: Flooding in Penjaringan, 2 h 3 min late (due 27 Nov, 07:57 WIB)',
    );
  });

  it('a warning: a warning, with the time left, and the address when no kelurahan is known', () => {
    const [warning] = slaDecisions({
      incidents: new Map([
        ['i1', due(12 * MIN, { kelurahanCode: null, address: 'Jl. Merdeka Barat' })],
      ]),
      alerts: new Map(),
      now: NOW,
      pack: JAKARTA,
    });
    if (warning?.type !== 'raise') throw new Error('expected a raise');
    expect(warning.alert.severity).toBe('warning');
    expect(warning.alert.summary.id).toContain('Jalan Rusak di Jl. Merdeka Barat, sisa 12 menit');
    expect(warning.alert.summary.en).toContain('Road damage in Jl. Merdeka Barat, 12 min left');
  });
});

describe('spanText', () => {
  it.each([
    [30_000, 'kurang dari 1 menit', 'under a minute'],
    [12 * MIN, '12 menit', '12 min'],
    [2 * HOUR, '2 jam', '2 h'],
    [3 * HOUR + 5 * MIN, '3 jam 5 menit', '3 h 5 min'],
    [52 * HOUR, '2 hari 4 jam', '2 d 4 h'],
    [-12 * MIN, '12 menit', '12 min'],
  ])('%d ms', (ms, id, en) => {
    expect(spanText(ms)).toEqual({ id, en });
  });
});

describe('Jakarta will-breach leads', () => {
  it.each([
    ['fire', 'response', 5],
    ['fire', 'resolution', 120],
    ['flooding', 'response', 15],
    ['flooding', 'resolution', 120],
    ['fallen_tree', 'response', 30],
    ['traffic_jam', 'response', 15],
    ['road_damage', 'response', 120],
    ['garbage', 'resolution', 120],
  ] as const)('%s %s: %d min', (category, clock, minutes) => {
    expect(willBreachLeadMs(JAKARTA, category, clock)).toBe(minutes * MIN);
  });

  it('every category’s leads are positive and shorter than its clocks', () => {
    expect(leadProblems(JAKARTA)).toEqual([]);
    for (const c of JAKARTA.categories) {
      const response = willBreachLeadMs(JAKARTA, c.code, 'response');
      const resolution = willBreachLeadMs(JAKARTA, c.code, 'resolution');
      expect(response, c.code).toBeGreaterThan(0);
      expect(response, c.code).toBeLessThan(c.sla.responseMinutes * MIN);
      expect(resolution, c.code).toBeGreaterThan(0);
      expect(resolution, c.code).toBeLessThan(c.sla.resolveMinutes * MIN);
    }
  });

  it.each<[string, Partial<(typeof JAKARTA)['analyst']['willBreachLead']>, string]>([
    ['a fraction of 1', { fraction: 1 }, 'analyst.willBreachLead.fraction'],
    ['no cap', { maxMinutes: 0 }, 'analyst.willBreachLead.maxMinutes'],
    [
      'an unknown category',
      { categories: { lava: { response: 5 } } },
      'analyst.willBreachLead.categories.lava',
    ],
    [
      'a lead as long as the clock',
      { categories: { fire: { response: 15 } } },
      'analyst.willBreachLead.categories.fire.response',
    ],
    [
      'a negative lead',
      { categories: { fire: { resolution: -1 } } },
      'analyst.willBreachLead.categories.fire.resolution',
    ],
  ])('refuses %s, naming it', (_name, change, field) => {
    const pack = {
      ...JAKARTA,
      analyst: {
        ...JAKARTA.analyst,
        willBreachLead: { ...JAKARTA.analyst.willBreachLead, ...change },
      },
    };
    const problems = leadProblems(pack);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}[:.]?`));
  });
});
