import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKDATE_POLICY } from '../../../../shared/domain/field-time.ts';
import { decideClaim, decideUnclaim, decideWaiver } from '../../../../shared/domain/field-claim.ts';
import { eventsOfClientId } from '../../../../shared/domain/field-client-id.ts';
import type { Actor, Incident } from '../../../../shared/domain/types.ts';
import { makeLog } from '../../../support/fixtures.ts';

const T0 = '2026-11-30T01:00:00.000Z';
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();
const CREW: Actor = { kind: 'user', id: 'sda' };
const OTHER: Actor = { kind: 'user', id: 'sda2' };

function logWith(...statuses: ('dispatched' | 'in_progress' | 'resolved')[]) {
  const log = makeLog();
  log.report('f', T0, { category: 'flooding' });
  statuses.forEach((status, i) => log.update('f', at(i + 1), { status }));
  return log;
}
const ctx = (actor: Actor = CREW, min = 30) => ({
  now: new Date(at(min)),
  actor,
  id: 'f',
  backdate: { author: 'system' as const, policy: DEFAULT_BACKDATE_POLICY },
});

describe('decideClaim', () => {
  const claimed = (by: string | null): Incident => ({
    ...logWith('dispatched').state.incidents.get('f')!,
    assignee: by,
  });
  it.each<[string, Incident | undefined, Actor, number | null, string | null]>([
    ['an open incident nobody holds', claimed(null), CREW, null, null],
    ['an unknown incident', undefined, CREW, 404, 'not_found'],
    [
      'one already ended',
      logWith('dispatched', 'resolved').state.incidents.get('f')!,
      CREW,
      409,
      'not_open',
    ],
    ['one I already hold', claimed('sda'), CREW, 409, 'no_change'],
    ['one another holds', claimed('sda2'), CREW, 409, 'claimed'],
    ['a linked duplicate', { ...claimed(null), duplicateOf: 'm' }, CREW, 409, 'not_open'],
  ])('%s', (_name, incident, actor, status, code) => {
    const d = decideClaim(incident, { note: 'otw' }, ctx(actor));
    if (status === null) {
      expect(d.ok).toBe(true);
      if (d.ok)
        expect(d.data[0]).toMatchObject({
          type: 'incident.claimed',
          data: { assignee: 'sda', note: 'otw' },
        });
    } else {
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.error).toMatchObject({ status, code });
    }
  });

  it('records the position and client id, and the reducer the assignee', () => {
    const log = logWith('dispatched');
    const position = { lon: 106.8, lat: -6.2, accuracyM: 12 };
    const d = decideClaim(
      log.state.incidents.get('f'),
      { position, clientId: 'phone-0001' },
      ctx(),
    );
    if (!d.ok) throw new Error(d.error.message);
    const [claim] = log.append(d.data);
    expect(claim!.type === 'incident.claimed' && claim!.data).toMatchObject({
      position,
      clientId: 'phone-0001',
    });
    expect(log.state.incidents.get('f')!.assignee).toBe('sda');
    expect(eventsOfClientId(log.events, 'phone-0001', CREW)).toHaveLength(1);
    expect(eventsOfClientId(log.events, 'phone-0001', OTHER)).toHaveLength(0);
  });

  it('refuses a field time in the future, naming occurredAt', () => {
    const d = decideClaim(
      logWith('dispatched').state.incidents.get('f'),
      { occurredAt: at(31 + 10) },
      ctx(),
    );
    expect(!d.ok && d.error.fields).toHaveProperty('occurredAt');
  });
});

describe('decideUnclaim', () => {
  const held = () => ({ ...logWith('dispatched').state.incidents.get('f')!, assignee: 'sda' });
  it.each<[string, Incident, Actor, boolean, number | null]>([
    ['by its holder', held(), CREW, false, null],
    ['by another crew member', held(), OTHER, false, 409],
    ['by a supervisor', held(), OTHER, true, null],
    ['when nobody holds it', { ...held(), assignee: null }, CREW, true, 409],
  ])('%s', (_name, incident, actor, mayTakeBack, status) => {
    const d = decideUnclaim(incident, {}, { ...ctx(actor), mayTakeBack });
    expect(d.ok).toBe(status === null);
    if (d.ok)
      expect(d.data[0]).toMatchObject({ type: 'incident.unclaimed', data: { assignee: 'sda' } });
    else expect(d.error.status).toBe(status);
  });
});

describe('decideWaiver and the reducer', () => {
  it('waives once, and a reopening takes the waiver back', () => {
    const log = logWith('dispatched');
    const d = decideWaiver(log.state.incidents.get('f'), { note: 'photo lost' }, ctx());
    if (!d.ok) throw new Error(d.error.message);
    log.append(d.data);
    expect(log.state.incidents.get('f')!.proofWaived).toEqual({ by: 'sda', note: 'photo lost' });
    const again = decideWaiver(log.state.incidents.get('f'), { note: 'x' }, ctx());
    expect(!again.ok && again.error.code).toBe('no_change');
    log.update('f', at(40), { status: 'resolved' });
    log.update('f', at(41), { status: 'in_progress' });
    expect(log.state.incidents.get('f')!.proofWaived).toBeNull();
  });

  it('refuses a waiver on an ended incident', () => {
    const d = decideWaiver(
      logWith('dispatched', 'resolved').state.incidents.get('f'),
      { note: 'x' },
      ctx(),
    );
    expect(!d.ok && d.error.code).toBe('not_open');
  });

  it('keeps the dispatch time and drops the claim when the agency changes', () => {
    const log = logWith('dispatched');
    expect(log.state.incidents.get('f')!.dispatchedAt).toBe(at(1));
    const d = decideClaim(log.state.incidents.get('f'), {}, ctx());
    if (!d.ok) throw new Error(d.error.message);
    log.append(d.data);
    log.update('f', at(31), { agency: 'command_center' });
    expect(log.state.incidents.get('f')!.assignee).toBeNull();
  });
});
