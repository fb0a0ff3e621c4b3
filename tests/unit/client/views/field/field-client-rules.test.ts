/**
 * The field page's own rules, in tables: what an answer means for a queued command, how
 * waiting commands change the work shown, and how times left and distances read.
 */
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../../../client/auth/api-request.ts';
import { formatDistance, formatLeft } from '../../../../../client/views/field/field-format.ts';
import { FIELD_MESSAGES } from '../../../../../client/views/field/field.messages.ts';
import type { FieldCommand, OutboxEntry } from '../../../../../client/views/field/outbox-db.ts';
import { outcomeOf } from '../../../../../client/views/field/outbox-send.ts';
import { waitingPhotos } from '../../../../../client/views/field/photo-facts.ts';
import { withWaiting, allWithWaiting } from '../../../../../client/views/field/waiting-overlay.ts';
import type { Incident, Status } from '../../../../../shared/domain/types.ts';

const fail = (status: number): ApiResult<unknown> => ({
  ok: false,
  status,
  code: 'x',
  message: 'x',
  fields: {},
  retryAfterS: null,
});

describe('what an answer means for a queued command', () => {
  it.each([
    ['201 created', { ok: true, status: 201, data: {} } as ApiResult<unknown>, 'sent'],
    [
      '200 resend the server already had',
      { ok: true, status: 200, data: { duplicate: true } } as ApiResult<unknown>,
      'sent',
    ],
    ['no answer (no signal)', fail(0), 'later'],
    ['server error', fail(503), 'later'],
    ['rate limited', fail(429), 'later'],
    ['session gone (log in again, then resend)', fail(401), 'later'],
    ['refused: lifecycle', fail(409), 'refused'],
    ['refused: bad field', fail(422), 'refused'],
    ['refused: not yours', fail(403), 'refused'],
    ['refused: too large', fail(413), 'refused'],
    ['refused: gone', fail(404), 'refused'],
  ] as const)('%s → %s', (_name, res, outcome) => {
    expect(outcomeOf(res)).toBe(outcome);
  });
});

const incident = (status: Status, assignee: string | null = null) =>
  ({ id: 'inc-1', status, assignee }) as unknown as Incident;

let made = 0;
const entry = (
  command: FieldCommand,
  o: Partial<Pick<OutboxEntry, 'state' | 'incidentId' | 'madeAt'>> = {},
): OutboxEntry => ({
  clientId: `c-${++made}`,
  userId: 'me',
  incidentId: o.incidentId ?? 'inc-1',
  madeAt: o.madeAt ?? made,
  command,
  state: o.state ?? 'waiting',
  problem: null,
  attempts: 0,
});
const body = { occurredAt: '2026-12-02T01:00:00.000Z', clientId: 'c' };
const claim = (): FieldCommand => ({ kind: 'claim', body });
const unclaim = (): FieldCommand => ({ kind: 'unclaim', body });
const to = (status: 'in_progress' | 'resolved'): FieldCommand => ({
  kind: 'update',
  body: { ...body, status },
});
const note = (): FieldCommand => ({ kind: 'update', body: { ...body, note: 'x' } });

describe('the work as it will be once the waiting commands are sent', () => {
  it.each([
    ['nothing waiting', incident('dispatched'), [], 'dispatched', null],
    ['a claim makes it mine', incident('dispatched'), [entry(claim())], 'dispatched', 'me'],
    [
      'claim then let go',
      incident('dispatched'),
      [entry(claim()), entry(unclaim())],
      'dispatched',
      null,
    ],
    [
      'start work',
      incident('dispatched'),
      [entry(claim()), entry(to('in_progress'))],
      'in_progress',
      'me',
    ],
    [
      'start then resolve',
      incident('dispatched'),
      [entry(to('in_progress')), entry(to('resolved'))],
      'resolved',
      null,
    ],
    [
      'applied in the order made, not stored',
      incident('dispatched'),
      [entry(to('resolved'), { madeAt: 9 }), entry(to('in_progress'), { madeAt: 1 })],
      'resolved',
      null,
    ],
    [
      'a move the lifecycle forbids changes nothing',
      incident('received'),
      [entry(to('resolved'))],
      'received',
      null,
    ],
    ['a note changes no status', incident('in_progress'), [entry(note())], 'in_progress', null],
    [
      'nothing is applied behind a refused command (the rest is held)',
      incident('dispatched'),
      [entry(claim(), { state: 'refused' }), entry(to('in_progress'))],
      'dispatched',
      null,
    ],
    [
      'a refused command is not applied',
      incident('dispatched'),
      [entry(claim(), { state: 'refused' })],
      'dispatched',
      null,
    ],
    [
      'another incident’s command is not applied',
      incident('dispatched'),
      [entry(claim(), { incidentId: 'inc-2' })],
      'dispatched',
      null,
    ],
  ] as const)('%s', (_name, inc, entries, status, assignee) => {
    const out = withWaiting(inc, entries, 'me');
    expect(out.status).toBe(status);
    expect(out.assignee ?? null).toBe(assignee);
  });

  it('leaves incidents with nothing waiting as the same objects', () => {
    const a = incident('dispatched');
    const b = { ...incident('dispatched'), id: 'inc-2' } as Incident;
    const out = allWithWaiting([a, b], [entry(claim())], 'me');
    expect(out[1]).toBe(b);
    expect(out[0]).not.toBe(a);
    expect(out[0]!.assignee).toBe('me');
  });
});

const labels = (locale: 'id' | 'en') => ({
  locale,
  t: (key: keyof (typeof FIELD_MESSAGES)['id'], vars: Record<string, string | number> = {}) =>
    FIELD_MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k])),
});

describe('times left and distances as a crew reads them', () => {
  it.each([
    [850, 'id', '850 m'],
    [999.4, 'en', '999 m'],
    [1_234, 'en', '1.2 km'],
    [1_234, 'id', '1,2 km'],
    [12_600, 'en', '13 km'],
  ] as const)('%d m in %s → %s', (m, locale, text) => {
    expect(formatDistance(m, locale)).toBe(text);
  });

  it.each([
    [45 * 60_000, 'en', '45 min left'],
    [-(3 * 60 + 20) * 60_000, 'en', '3 h 20 min overdue'],
    [90 * 60_000, 'id', 'sisa 1 j 30 mnt'],
    [-5 * 60_000, 'id', 'lewat 5 mnt'],
  ] as const)('%d ms in %s → %s', (ms, locale, text) => {
    expect(formatLeft(ms, labels(locale))).toBe(text);
  });
});

describe('a waiting photo judged on the phone as the server will judge it', () => {
  const place = { lon: 106.8272, lat: -6.1754 };
  const northOf = (m: number) => ({ lon: place.lon, lat: place.lat + m / 111_195 });
  const flood = {
    location: place,
    dispatchedAt: '2026-12-02T01:00:00.000Z',
    firstResponseAt: null,
    reportedAt: '2026-12-02T00:30:00.000Z',
  };
  const photo = (
    exif: { takenAt: string | null; lon: number | null; lat: number | null },
    device: { takenAt: string; position?: { lon: number; lat: number } },
  ) =>
    entry({
      kind: 'photo',
      fields: {
        kind: 'after',
        clientId: 'c',
        occurredAt: device.takenAt,
        takenAt: device.takenAt,
        ...(device.position ? { position: { ...device.position, accuracyM: 8 } } : {}),
      },
      photo: new Blob([]),
      exif,
    });
  const none = { takenAt: null, lon: null, lat: null };
  it.each([
    [
      'EXIF GPS before the phone’s position',
      photo(
        { ...none, ...northOf(900) },
        { takenAt: '2026-12-02T02:00:00.000Z', position: northOf(10) },
      ),
      { takenAt: '2026-12-02T02:00:00.000Z', distanceM: 900 },
    ],
    [
      'the phone’s position without EXIF GPS',
      photo(none, { takenAt: '2026-12-02T02:00:00.000Z', position: northOf(10) }),
      { takenAt: '2026-12-02T02:00:00.000Z', distanceM: 10 },
    ],
    [
      'EXIF time before the phone’s',
      photo(
        { ...none, takenAt: '2026-12-02T00:45:00.000Z' },
        { takenAt: '2026-12-02T02:00:00.000Z' },
      ),
      { takenAt: '2026-12-02T00:45:00.000Z', distanceM: null },
    ],
  ] as const)('%s', (_name, e, want) => {
    expect(waitingPhotos([e], flood)).toEqual([{ photoId: e.clientId, kind: 'after', ...want }]);
  });

  it('leaves out refused photos and other commands', () => {
    const refused = {
      ...photo(none, { takenAt: '2026-12-02T02:00:00.000Z' }),
      state: 'refused' as const,
    };
    expect(waitingPhotos([refused, entry(claim())], flood)).toEqual([]);
  });
});
