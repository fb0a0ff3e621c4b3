/**
 * The one rule for "a new critical incident", shared by the wall's alert card and the
 * ops console's alarm: open and critical now, not critical at the previous look (a new
 * report or an escalation), nothing on the first look, and (for the wall) nothing whose
 * last change is older than the limit.
 */
import { describe, expect, it } from 'vitest';
import { newCriticalIncidents } from '../../../../shared/domain/new-critical.ts';
import type { Incident } from '../../../../shared/domain/types.ts';
import { MIN, T0, incident, iso } from '../../../support/ops-fixtures.ts';

const changed = (min: number) => ({ updatedAt: iso(T0 + min * MIN) });
const fire = (id: string, more: Partial<Incident> = {}) =>
  incident({ id, severity: 'critical', ...changed(-1), ...more });

describe('newCriticalIncidents', () => {
  it.each<[string, string[] | null, Incident[], string[]]>([
    ['first look: nothing is news', null, [fire('f1')], []],
    ['a new critical report is news', [], [fire('f1')], ['f1']],
    ['a critical report already seen is not', ['f1'], [fire('f1')], []],
    ['a new report below critical is not', [], [incident({ id: 'h1', severity: 'high' })], []],
    ['a critical report that arrives ended is not', [], [fire('f1', { status: 'rejected' })], []],
    [
      'a critical incident seen ended, now reopened, is not',
      ['f1'],
      [fire('f1', { status: 'in_progress' })],
      [],
    ],
    [
      'several at once come oldest change first',
      [],
      [fire('late', changed(-1)), fire('early', changed(-3)), fire('mid', changed(-2))],
      ['early', 'mid', 'late'],
    ],
  ])('%s', (_name, prev, next, expected) => {
    const news = newCriticalIncidents(prev && new Set(prev), next);
    expect(news.fresh.map((i) => i.id)).toEqual(expected);
  });

  it('counts a report escalated to critical after it was seen as news', () => {
    const high = incident({ id: 'h1', severity: 'high', ...changed(-10) });
    const first = newCriticalIncidents(null, [high]);
    const escalated = { ...high, severity: 'critical' as const, ...changed(-1) };
    const second = newCriticalIncidents(first.picture, [escalated]);
    expect(second.fresh.map((i) => i.id)).toEqual(['h1']);
    expect(newCriticalIncidents(second.picture, [escalated]).fresh).toEqual([]);
  });

  it('remembers every critical incident, open or not, and forgets the downgraded', () => {
    const first = newCriticalIncidents(null, [
      fire('f1'),
      fire('done', { status: 'closed' }),
      incident({ id: 'h1', severity: 'high' }),
    ]);
    expect([...first.picture].sort()).toEqual(['done', 'f1']);
    // f1 downgraded, then upgraded again: critical once more is news once more.
    const second = newCriticalIncidents(first.picture, [fire('f1', { severity: 'high' })]);
    expect([...second.picture]).toEqual([]);
    const third = newCriticalIncidents(second.picture, [fire('f1')]);
    expect(third.fresh.map((i) => i.id)).toEqual(['f1']);
  });

  it.each([
    ['changed within the limit', -29, ['f1']],
    ['changed exactly at the limit', -30, ['f1']],
    ['changed before the limit', -31, []],
  ])('with an age limit, news %s is kept or dropped', (_name, min, expected) => {
    const news = newCriticalIncidents(new Set(), [fire('f1', changed(min))], {
      nowMs: T0,
      maxAgeMs: 30 * MIN,
    });
    expect(news.fresh.map((i) => i.id)).toEqual(expected);
    // Dropped or not, it is in the picture: it will not turn up as news later.
    expect(news.picture.has('f1')).toBe(true);
  });
});
