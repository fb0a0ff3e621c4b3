import { describe, expect, it } from 'vitest';
import { redactorFor, type Principal } from '../../../../shared/domain/access.ts';
import type { DomainEvent, Incident } from '../../../../shared/domain/types.ts';
import { makeLog } from '../../../support/fixtures.ts';

const T0 = '2026-11-30T01:00:00.000Z';
const position = { lon: 106.8, lat: -6.2, accuracyM: 9 };
const who = (role: Principal['role']): Principal => ({
  kind: role === 'display' ? 'token' : 'user',
  id: role,
  name: role,
  role,
  agency: null,
  source: null,
});

const base = { incidentId: 'f', at: T0, actor: { kind: 'user' as const, id: 'sda' } };
const events: DomainEvent[] = [
  {
    ...base,
    seq: 2,
    type: 'incident.claimed',
    data: { assignee: 'sda', occurredAt: T0, note: 'otw', position, clientId: 'phone-0001' },
  },
  {
    ...base,
    seq: 3,
    type: 'incident.photo_added',
    data: {
      photoId: 'a'.repeat(64),
      kind: 'after',
      mime: 'image/jpeg',
      bytes: 10,
      width: 4,
      height: 3,
      exif: { takenAt: T0, lon: 106.8, lat: -6.2 },
      device: { takenAt: T0, position },
      checks: { distanceM: 12, afterDispatch: true },
      occurredAt: T0,
      note: null,
      position,
    },
  },
  { ...base, seq: 4, type: 'incident.noted', data: { note: 'ok', occurredAt: T0, position } },
  {
    ...base,
    seq: 5,
    type: 'incident.proof_waived',
    data: { by: 'sup', note: 'x', occurredAt: T0 },
  },
];

describe('what a wall display gets of field crews', () => {
  it.each(events.map((e) => [e.type, e] as const))(
    '%s: no position, holder or waiver author',
    (_type, e) => {
      const shown = JSON.stringify(redactorFor(who('display')).event(e, 'dsda'));
      expect(shown).not.toContain('106.8');
      expect(shown).not.toContain('"sda"');
      expect(shown).not.toContain('"sup"');
      // A viewer reads the log: it sees them all.
      expect(redactorFor(who('viewer')).event(e, 'dsda')).toEqual(e);
    },
  );

  it('an incident: the holder and the waiver author left out', () => {
    const log = makeLog();
    log.report('f', T0);
    const inc: Incident = {
      ...log.state.incidents.get('f')!,
      assignee: 'sda',
      proofWaived: { by: 'sup', note: 'x' },
    };
    expect(redactorFor(who('display')).incident(inc)).toMatchObject({
      assignee: '',
      proofWaived: { by: '', note: 'x' },
    });
    expect(redactorFor(who('viewer')).incident(inc)).toMatchObject({ assignee: 'sda' });
  });
});
