/**
 * The field-time rule as a table: how far back each kind of author may date a report or a
 * change, that a change never predates the incident's previous event, the incident's own
 * record of its log time and last field time, and the policy read from the environment.
 */
import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../../../shared/domain/access.ts';
import type { BackdatePolicy, FieldTimeAuthor } from '../../../../shared/domain/field-time.ts';
import {
  changeFieldTime,
  checkFieldTime,
  DEFAULT_BACKDATE_POLICY,
  describeSpan,
  lastFieldTime,
  maxBackdateMs,
} from '../../../../shared/domain/field-time.ts';
import { reduceIncident } from '../../../../shared/domain/reducer.ts';
import { backdatePolicy, loadConfig } from '../../../../server/config.ts';
import type { DomainEvent, Incident, Source } from '../../../../shared/domain/types.ts';
import { makeLog } from '../../../support/fixtures.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = new Date('2026-11-27T03:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const person = (role: Role, kind: Principal['kind'] = 'user'): Principal => ({
  kind,
  id: `${role}-id`,
  name: role,
  role,
  agency: role === 'agency' ? 'dsda' : null,
  source: null,
});
/** An agency user an admin marked as field crew. */
const crew: Principal = { ...person('agency'), fieldCrew: true };
const ingestKey = (source: Source): Principal => ({
  kind: 'token',
  id: `key-${source}`,
  name: `${source} feed`,
  role: 'ingest',
  agency: null,
  source,
});

const POLICY: BackdatePolicy = {
  deskMs: 10 * MIN,
  fieldMs: 12 * HOUR,
  ingestMs: 24 * HOUR,
  sourceMs: { simulator: 2400 * HOUR, call112: 1 * HOUR },
};

describe('maxBackdateMs', () => {
  const rows: [string, FieldTimeAuthor, Source, number][] = [
    ['an admin user', person('admin'), 'jaki', 10 * MIN],
    ['an admin API token', person('admin', 'token'), 'jaki', 10 * MIN],
    ['a supervisor', person('supervisor'), 'field', 10 * MIN],
    ['an agency operator', person('agency'), 'field', 10 * MIN],
    ['a field crew', crew, 'field', 12 * HOUR],
    ['a field crew on a citizen report', crew, 'jaki', 12 * HOUR],
    // Only an agency user can be crew: the flag on anything else buys nothing.
    [
      'a supervisor flagged as crew',
      { ...person('supervisor'), fieldCrew: true },
      'field',
      10 * MIN,
    ],
    [
      'an agency API token flagged as crew',
      { ...person('agency', 'token'), fieldCrew: true },
      'field',
      10 * MIN,
    ],
    [
      'an agency user marked not crew',
      { ...person('agency'), fieldCrew: false },
      'field',
      10 * MIN,
    ],
    ['an ingest key flagged as crew', { ...ingestKey('qlue'), fieldCrew: true }, 'qlue', 24 * HOUR],
    ['a viewer', person('viewer'), 'jaki', 10 * MIN],
    ['an ingest key without its own bound', ingestKey('qlue'), 'qlue', 24 * HOUR],
    ['the simulator source', ingestKey('simulator'), 'simulator', 2400 * HOUR],
    ['a stricter source', ingestKey('call112'), 'call112', 1 * HOUR],
    ['a desk user posting as an overridden source', person('admin'), 'simulator', 10 * MIN],
    ['the built-in simulator', 'system', 'jaki', Infinity],
  ];
  it.each(rows)('%s', (_name, author, source, expected) => {
    expect(maxBackdateMs(author, source, POLICY)).toBe(expected);
  });

  it('defaults to 10 min at the desk, 12 h for field crews and 24 h for ingest keys', () => {
    expect(maxBackdateMs(person('agency'), 'field', DEFAULT_BACKDATE_POLICY)).toBe(10 * MIN);
    expect(maxBackdateMs(crew, 'field', DEFAULT_BACKDATE_POLICY)).toBe(12 * HOUR);
    expect(maxBackdateMs(ingestKey('jaki'), 'jaki', DEFAULT_BACKDATE_POLICY)).toBe(24 * HOUR);
  });
});

describe('checkFieldTime', () => {
  // [name, author, source, field time, previous field time, null or a piece of the refusal]
  const rows: [string, FieldTimeAuthor, Source, string, string | undefined, string | null][] = [
    ['now, at the desk', person('agency'), 'field', ago(0), undefined, null],
    ['9 min back at the desk', person('supervisor'), 'jaki', ago(9 * MIN), undefined, null],
    [
      '11 min back at the desk',
      person('supervisor'),
      'jaki',
      ago(11 * MIN),
      undefined,
      'is 11 min before now; desk users and API tokens may date at most 10 min back',
    ],
    [
      "a minute after a 2-hour-old report's time, by an agency operator",
      person('agency'),
      'jaki',
      ago(119 * MIN),
      ago(120 * MIN),
      'is 1 h 59 min before now; desk users and API tokens may date at most 10 min back',
    ],
    [
      '3 h back by a field crew (a shift queued offline)',
      crew,
      'field',
      ago(3 * HOUR),
      undefined,
      null,
    ],
    ['11 h 59 min back by a field crew', crew, 'field', ago(719 * MIN), undefined, null],
    [
      '13 h back by a field crew',
      crew,
      'field',
      ago(13 * HOUR),
      undefined,
      'is 13 h before now; field crews may date at most 12 h back',
    ],
    [
      '3 h back by a desk agency operator',
      person('agency'),
      'field',
      ago(3 * HOUR),
      undefined,
      'is 3 h before now; desk users and API tokens may date at most 10 min back',
    ],
    [
      'a field crew, 3 h back but before the previous event',
      crew,
      'field',
      ago(3 * HOUR),
      ago(2 * HOUR),
      `is before the incident's previous event (${ago(2 * HOUR)})`,
    ],
    ['23 h back by an ingest key', ingestKey('jaki'), 'jaki', ago(23 * HOUR), undefined, null],
    [
      '1970 by an ingest key',
      ingestKey('jaki'),
      'jaki',
      '1970-01-01T00:00:00.000Z',
      undefined,
      "ingest keys for 'jaki' may date at most 24 h back",
    ],
    [
      '50 days back by the simulator source',
      ingestKey('simulator'),
      'simulator',
      ago(1200 * HOUR),
      undefined,
      null,
    ],
    [
      '2 h back by call112',
      ingestKey('call112'),
      'call112',
      ago(2 * HOUR),
      undefined,
      "is 2 h before now; ingest keys for 'call112' may date at most 1 h back",
    ],
    [
      '1970 by the built-in simulator',
      'system',
      'jaki',
      '1970-01-01T00:00:00.000Z',
      undefined,
      null,
    ],
    ['4 min ahead (clock skew)', person('admin'), 'jaki', ago(-4 * MIN), undefined, null],
    ['6 min ahead', person('admin'), 'jaki', ago(-6 * MIN), undefined, 'is in the future'],
    ['ahead, even for the system', 'system', 'jaki', ago(-6 * MIN), undefined, 'is in the future'],
    ['at the previous event', person('agency'), 'jaki', ago(5 * MIN), ago(5 * MIN), null],
    [
      'before the previous event',
      person('agency'),
      'jaki',
      ago(6 * MIN),
      ago(5 * MIN),
      `is before the incident's previous event (${ago(5 * MIN)})`,
    ],
    [
      'before the previous event, even for the system',
      'system',
      'jaki',
      ago(3 * HOUR),
      ago(2 * HOUR),
      "is before the incident's previous event",
    ],
  ];
  it.each(rows)('%s', (_name, author, source, iso, notBefore, refusal) => {
    const got = checkFieldTime(iso, {
      now: NOW,
      author,
      source,
      policy: POLICY,
      ...(notBefore === undefined ? {} : { notBefore }),
    });
    if (refusal === null) expect(got).toBeNull();
    else expect(got).toContain(refusal);
  });
});

describe('changeFieldTime: a field crew’s late change is placed after what happened meanwhile', () => {
  const rows: [
    string,
    FieldTimeAuthor,
    string | undefined,
    string,
    ReturnType<typeof changeFieldTime>,
  ][] = [
    [
      'now, when none is given',
      crew,
      undefined,
      ago(HOUR),
      { ok: true, occurredAt: NOW.toISOString() },
    ],
    [
      'a crew’s time after the previous event, kept',
      crew,
      ago(HOUR),
      ago(2 * HOUR),
      { ok: true, occurredAt: ago(HOUR) },
    ],
    [
      'a crew’s time before the previous event, placed at it',
      crew,
      ago(3 * HOUR),
      ago(2 * HOUR),
      { ok: true, occurredAt: ago(2 * HOUR) },
    ],
    [
      'a crew’s time past its bound, refused even before the previous event',
      crew,
      ago(13 * HOUR),
      ago(2 * HOUR),
      { ok: false, why: 'is 13 h before now; field crews may date at most 12 h back' },
    ],
    [
      'a crew’s time in the future, refused',
      crew,
      new Date(NOW.getTime() + HOUR).toISOString(),
      ago(HOUR),
      { ok: false, why: 'is in the future' },
    ],
    [
      'a desk operator’s time before the previous event, refused',
      person('agency'),
      ago(5 * MIN),
      ago(2 * MIN),
      { ok: false, why: `is before the incident's previous event (${ago(2 * MIN)})` },
    ],
  ];
  it.each(rows)('%s', (_name, author, given, notBefore, want) => {
    expect(
      changeFieldTime(given, { now: NOW, author, source: 'field', policy: POLICY, notBefore }),
    ).toEqual(want);
  });
});

describe('describeSpan', () => {
  it.each([
    [0, '0 min'],
    [10 * MIN, '10 min'],
    [119 * MIN + 59_000, '1 h 59 min'],
    [24 * HOUR, '24 h'],
    [2400 * HOUR, '100 d'],
    [76 * HOUR, '3 d 4 h'],
  ])('%i ms is "%s"', (ms, text) => {
    expect(describeSpan(ms)).toBe(text);
  });
});

describe('the incident keeps its log time and last field time', () => {
  const T = '2026-11-27T01:00:00.000Z';
  const at = (min: number) => new Date(Date.parse(T) + min * 60_000).toISOString();

  it('loggedAt is when the report was logged; lastFieldAt follows the latest field time', () => {
    const log = makeLog();
    log.report('a', at(0), { reportedAt: at(-90) });
    const reported = log.state.incidents.get('a')!;
    expect(reported.loggedAt).toBe(at(0));
    expect(reported.lastFieldAt).toBe(at(-90));
    log.update('a', at(10), { status: 'verified', occurredAt: at(-30) });
    log.update('a', at(20), { note: 'cek', occurredAt: at(-30) });
    const updated = log.state.incidents.get('a')!;
    expect(updated.lastFieldAt).toBe(at(-30));
    expect(updated.loggedAt).toBe(at(0));
  });

  it('an incident stored before these were kept falls back to its latest recorded field time', () => {
    const log = makeLog();
    log.report('a', at(0));
    log.update('a', at(5), { status: 'verified' });
    log.update('a', at(50), { status: 'rejected', occurredAt: at(40) });
    const { lastFieldAt: _l, loggedAt: _g, ...old } = log.state.incidents.get('a')!;
    expect(lastFieldTime(old as Incident)).toBe(at(40));
    const noted: DomainEvent = {
      seq: 9,
      type: 'incident.noted',
      incidentId: 'a',
      at: at(60),
      actor: { kind: 'user', id: 'x' },
      data: { note: 'late note', occurredAt: at(45) },
    };
    expect(reduceIncident(old as Incident, noted).lastFieldAt).toBe(at(45));
  });

  it('a change dated before the previous event is refused by the command rules', () => {
    const log = makeLog();
    log.report('a', at(0), { reportedAt: at(-60) });
    log.update('a', at(1), { status: 'verified', occurredAt: at(-20) });
    expect(() => log.update('a', at(2), { status: 'dispatched', occurredAt: at(-40) })).toThrow(
      /occurredAt: is before the incident's previous event/,
    );
  });
});

describe('configuration', () => {
  it('builds the policy from the environment, defaults strict', () => {
    expect(backdatePolicy(loadConfig({}))).toEqual(DEFAULT_BACKDATE_POLICY);
    expect(
      backdatePolicy(
        loadConfig({
          BACKDATE_DESK_MINUTES: '30',
          FIELD_BACKDATE_HOURS: '8',
          BACKDATE_INGEST_HOURS: '6',
          BACKDATE_SOURCE_HOURS: 'simulator=2400, call112=0.5',
        }),
      ),
    ).toEqual({
      deskMs: 30 * MIN,
      fieldMs: 8 * HOUR,
      ingestMs: 6 * HOUR,
      sourceMs: { simulator: 2400 * HOUR, call112: 30 * MIN },
    });
  });

  it.each([
    ['BACKDATE_DESK_MINUTES', '-1'],
    ['BACKDATE_INGEST_HOURS', 'a day'],
    ['FIELD_BACKDATE_HOURS', '-2'],
    ['FIELD_BACKDATE_HOURS', '9000'],
    ['BACKDATE_SOURCE_HOURS', 'simulator'],
    ['BACKDATE_SOURCE_HOURS', 'nope=2'],
    ['BACKDATE_SOURCE_HOURS', 'call112=-1'],
    ['BACKDATE_SOURCE_HOURS', 'call112=1=2'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});
