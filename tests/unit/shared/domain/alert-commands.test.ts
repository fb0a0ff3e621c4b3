/**
 * What people and the analyst may do to an alert, as decisions: the events that say so, or
 * the refusal that names why (404 unknown, 409 cleared / at the top / active, 400 a
 * dismissal without a note); and the alert API's bodies and query.
 */
import { describe, expect, it } from 'vitest';
import {
  AlertNoteBodySchema,
  AlertQuerySchema,
  decideAcknowledge,
  decideAlertUpdate,
  decideClear,
  decideEscalate,
  decideRaise,
  DismissAlertBodySchema,
} from '../../../../shared/domain/alert-commands.ts';
import {
  reduceAlert,
  type Alert,
  type AlertEvent,
  type EscalationLevel,
  type RaisedAlert,
} from '../../../../shared/domain/alerts.ts';
import type { NewEvent } from '../../../../shared/domain/types.ts';

const NOW = new Date('2026-12-01T03:00:00.000Z');
const ACTOR = { kind: 'user', id: 'sup' } as const;
const ID = 'alert-sla-1';
const ctx = (note: string | null = null) => ({ id: ID, now: NOW, actor: ACTOR, note });

const RAISED: RaisedAlert = {
  id: ID,
  kind: 'sla_breached',
  severity: 'critical',
  agency: 'dsda',
  category: 'flooding',
  incidentIds: ['inc-1'],
  clock: 'response',
  area: null,
  summary: { id: 'Batas respons terlewati', en: 'Response SLA breached' },
  facts: { dueAt: '2026-12-01T02:00:00.000Z' },
  raisedAt: '2026-12-01T02:00:00.000Z',
};

/** The alert after the given events, as the reducer builds it. */
function alertAfter(...events: NewEvent[]): Alert {
  let alert: Alert | undefined;
  events.forEach((e, i) => (alert = reduceAlert(alert, { ...e, seq: i + 1 } as AlertEvent)));
  return alert!;
}
const ok = (r: ReturnType<typeof decideRaise>) => {
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};
const raisedEvents = ok(decideRaise(undefined, RAISED, ctx()));
const open = alertAfter(...raisedEvents);
const acknowledged = alertAfter(...raisedEvents, ...ok(decideAcknowledge(open, ctx())));
const atLevel = (level: EscalationLevel): Alert => ({ ...open, level });
const cleared = alertAfter(...raisedEvents, ...ok(decideClear(open, 'resolved', ctx())));

describe('alert decisions', () => {
  it('raises an alert at the desk, dated now unless the analyst says when, with its note', () => {
    const events = ok(
      decideRaise(undefined, RAISED, { ...ctx('why'), occurredAt: RAISED.raisedAt }),
    );
    expect(events).toStrictEqual([
      {
        type: 'alert.raised',
        incidentId: ID,
        at: NOW.toISOString(),
        actor: ACTOR,
        data: { alert: RAISED, occurredAt: RAISED.raisedAt, note: 'why' },
      },
    ]);
    expect(alertAfter(...events)).toMatchObject({ status: 'open', level: 'desk' });
  });

  it('acknowledges, escalates one step, and clears with the reason, each event with its actor', () => {
    const [ack] = ok(decideAcknowledge(open, ctx('on it')));
    expect(ack).toMatchObject({
      type: 'alert.acknowledged',
      actor: ACTOR,
      data: { note: 'on it' },
    });
    const [up] = ok(decideEscalate(open, ctx()));
    expect(up).toMatchObject({ type: 'alert.escalated', data: { from: 'desk', to: 'head' } });
    const [jump] = ok(decideEscalate(open, { ...ctx(), to: 'supervisor' }));
    expect(jump).toMatchObject({ data: { from: 'desk', to: 'supervisor' } });
    const [gone] = ok(decideClear(open, 'dismissed', ctx('false alarm')));
    expect(gone).toMatchObject({
      type: 'alert.cleared',
      data: { reason: 'dismissed', note: 'false alarm', occurredAt: NOW.toISOString() },
    });
    const [grown] = ok(decideAlertUpdate(open, { severity: 'warning' }, ctx()));
    expect(grown).toMatchObject({
      type: 'alert.updated',
      data: { changes: { severity: 'warning' } },
    });
  });

  type Row = [string, () => ReturnType<typeof decideRaise>, number, string];
  it.each<Row>([
    ['raising an active id', () => decideRaise(open, RAISED, ctx()), 409, 'alert_active'],
    [
      'raising an id without the prefix',
      () => decideRaise(undefined, { ...RAISED, id: 'sla-1' }, ctx()),
      422,
      'invalid_field',
    ],
    [
      'raising with a bad field time',
      () => decideRaise(undefined, RAISED, { ...ctx(), occurredAt: 'soon' }),
      422,
      'invalid_field',
    ],
    ['acknowledging an unknown alert', () => decideAcknowledge(undefined, ctx()), 404, 'not_found'],
    [
      'acknowledging a cleared alert',
      () => decideAcknowledge(cleared, ctx()),
      409,
      'alert_cleared',
    ],
    [
      'acknowledging an acknowledged alert',
      () => decideAcknowledge(acknowledged, ctx()),
      409,
      'already_acknowledged',
    ],
    ['escalating an unknown alert', () => decideEscalate(undefined, ctx()), 404, 'not_found'],
    ['escalating a cleared alert', () => decideEscalate(cleared, ctx()), 409, 'alert_cleared'],
    [
      'escalating past the supervisor',
      () => decideEscalate(atLevel('supervisor'), ctx()),
      409,
      'escalation_top',
    ],
    [
      'escalating to the level it is at',
      () => decideEscalate(atLevel('head'), { ...ctx(), to: 'head' }),
      409,
      'escalation_not_up',
    ],
    [
      'escalating down',
      () => decideEscalate(atLevel('head'), { ...ctx(), to: 'desk' }),
      409,
      'escalation_not_up',
    ],
    [
      'clearing an unknown alert',
      () => decideClear(undefined, 'resolved', ctx()),
      404,
      'not_found',
    ],
    [
      'clearing a cleared alert',
      () => decideClear(cleared, 'resolved', ctx()),
      409,
      'alert_cleared',
    ],
    [
      'dismissing without a note',
      () => decideClear(open, 'dismissed', ctx()),
      400,
      'invalid_request',
    ],
    [
      'dismissing with a blank note',
      () => decideClear(open, 'dismissed', ctx('  ')),
      400,
      'invalid_request',
    ],
    [
      'updating a cleared alert',
      () => decideAlertUpdate(cleared, { severity: 'warning' }, ctx()),
      409,
      'alert_cleared',
    ],
    ['updating with no change', () => decideAlertUpdate(open, {}, ctx()), 422, 'invalid_field'],
  ])('refuses %s', (_name, decide, status, code) => {
    const result = decide();
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.error.status, result.error.code]).toStrictEqual([status, code]);
  });

  it('names the note when a dismissal lacks one', () => {
    const result = decideClear(open, 'dismissed', ctx());
    expect(!result.ok && result.error.fields).toStrictEqual({
      note: 'say why the alert is dismissed',
    });
  });

  it('raises again an alert that was cleared (an SLA alert reuses its id)', () => {
    const again = ok(decideRaise(cleared, RAISED, ctx()));
    expect(reduceAlert(cleared, { ...again[0]!, seq: 9 } as AlertEvent).status).toBe('open');
  });
});

describe('alert API bodies and query', () => {
  const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
    r.error?.issues.map((i) => i.path.join('.'));

  it.each([
    ['an empty body', {}, true],
    ['a note', { note: 'on it' }, true],
    ['a null note', { note: null }, true],
    ['a note that is not text', { note: 5 }, false],
    ['an unknown field', { level: 'head' }, false],
    ['a note past 2,000 characters', { note: 'x'.repeat(2001) }, false],
  ])('takes %s for acknowledge and escalate: %s', (_name, body, valid) => {
    expect(AlertNoteBodySchema.safeParse(body).success).toBe(valid);
  });

  it('strips control characters from a note', () => {
    expect(AlertNoteBodySchema.parse({ note: ' ok\u202Egpj ' })).toStrictEqual({ note: 'okgpj' });
  });

  it.each([
    ['no note', {}],
    ['an empty note', { note: '' }],
    ['a note of spaces and controls', { note: ' \u0007 ' }],
  ])('refuses a dismissal with %s, naming note', (_name, body) => {
    expect(fieldsOf(DismissAlertBodySchema.safeParse(body))).toStrictEqual(['note']);
  });

  it('lists the active alerts by default, newest 200', () => {
    expect(AlertQuerySchema.parse({})).toStrictEqual({
      status: ['open', 'acknowledged'],
      limit: 200,
    });
  });

  it('reads comma-separated statuses and kinds, an agency and a limit', () => {
    expect(
      AlertQuerySchema.parse({ status: 'cleared,open', kind: 'surge', agency: 'dsda', limit: '5' }),
    ).toStrictEqual({ status: ['cleared', 'open'], kind: ['surge'], agency: 'dsda', limit: 5 });
  });

  it.each([
    ['status', { status: 'closed' }],
    ['status', { status: ',' }],
    ['kind', { kind: 'fire' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: 'many' }],
    ['limit', { limit: '1001' }],
    ['agency', { agency: '' }],
    ['', { colour: 'red' }],
  ])('refuses a bad %s', (field, query) => {
    const result = AlertQuerySchema.safeParse(query);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    // The first segment names the query parameter (`status.0` is the first value of status).
    expect(String(issue.path[0] ?? (issue as { keys?: string[] }).keys?.join())).toBe(
      field || 'colour',
    );
  });
});
