/** Briefing periods in WIB: every boundary falls on local midnight (17:00Z the day before). */
import { describe, expect, it } from 'vitest';
import { zonedMidnight } from '../../../../../shared/domain/time.ts';
import {
  recentMonths,
  resolvePeriod,
  type PeriodChoice,
} from '../../../../../client/views/briefing/period.ts';
import {
  defaultReplayWindow,
  fromLocalInput,
  replayWindowError,
  toLocalInput,
} from '../../../../../client/views/briefing/replay-window.ts';

const WIB = 'Asia/Jakarta';
// 12:00 WIB on Thursday 10 December 2026.
const NOON = new Date('2026-12-10T05:00:00Z');

describe('resolvePeriod in WIB', () => {
  it.each<[string, PeriodChoice, Date, string, string]>([
    [
      'today runs from midnight to now',
      { preset: 'today' },
      NOON,
      '2026-12-09T17:00:00.000Z',
      '2026-12-10T05:00:00.000Z',
    ],
    [
      'today just after midnight',
      { preset: 'today' },
      new Date('2026-12-09T17:30:00Z'),
      '2026-12-09T17:00:00.000Z',
      '2026-12-09T17:30:00.000Z',
    ],
    [
      'today just before midnight',
      { preset: 'today' },
      new Date('2026-12-09T16:59:00Z'),
      '2026-12-08T17:00:00.000Z',
      '2026-12-09T16:59:00.000Z',
    ],
    [
      'today ends at the next whole minute',
      { preset: 'today' },
      new Date('2026-12-10T05:00:30Z'),
      '2026-12-09T17:00:00.000Z',
      '2026-12-10T05:01:00.000Z',
    ],
    [
      'yesterday',
      { preset: 'yesterday' },
      NOON,
      '2026-12-08T17:00:00.000Z',
      '2026-12-09T17:00:00.000Z',
    ],
    [
      'yesterday just after midnight WIB',
      { preset: 'yesterday' },
      new Date('2026-12-09T17:30:00Z'),
      '2026-12-08T17:00:00.000Z',
      '2026-12-09T17:00:00.000Z',
    ],
    [
      'last 7 whole days',
      { preset: '7d' },
      NOON,
      '2026-12-02T17:00:00.000Z',
      '2026-12-09T17:00:00.000Z',
    ],
    [
      'last 30 whole days',
      { preset: '30d' },
      NOON,
      '2026-11-09T17:00:00.000Z',
      '2026-12-09T17:00:00.000Z',
    ],
    [
      'a past month',
      { preset: 'month', month: '2026-11' },
      NOON,
      '2026-10-31T17:00:00.000Z',
      '2026-11-30T17:00:00.000Z',
    ],
    [
      'the current month, up to now',
      { preset: 'month', month: '2026-12' },
      NOON,
      '2026-11-30T17:00:00.000Z',
      '2026-12-10T05:00:00.000Z',
    ],
    [
      'a month without one: the current one',
      { preset: 'month' },
      NOON,
      '2026-11-30T17:00:00.000Z',
      '2026-12-10T05:00:00.000Z',
    ],
    [
      'January, across the year',
      { preset: 'month', month: '2026-01' },
      NOON,
      '2025-12-31T17:00:00.000Z',
      '2026-01-31T17:00:00.000Z',
    ],
    [
      'February of a leap year',
      { preset: 'month', month: '2028-02' },
      new Date('2028-06-01T00:00:00Z'),
      '2028-01-31T17:00:00.000Z',
      '2028-02-29T17:00:00.000Z',
    ],
    [
      'a custom range, end day included',
      { preset: 'custom', start: '2026-12-01', end: '2026-12-03' },
      NOON,
      '2026-11-30T17:00:00.000Z',
      '2026-12-03T17:00:00.000Z',
    ],
    [
      'a custom single day',
      { preset: 'custom', start: '2026-12-05', end: '2026-12-05' },
      NOON,
      '2026-12-04T17:00:00.000Z',
      '2026-12-05T17:00:00.000Z',
    ],
    [
      'a custom range ending today stops at now',
      { preset: 'custom', start: '2026-12-08', end: '2026-12-10' },
      NOON,
      '2026-12-07T17:00:00.000Z',
      '2026-12-10T05:00:00.000Z',
    ],
  ])('%s', (_name, choice, now, from, to) => {
    const r = resolvePeriod(choice, now, WIB);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.period.from.toISOString()).toBe(from);
    expect(r.period.to.toISOString()).toBe(to);
  });

  it.each<[string, PeriodChoice, string]>([
    [
      'an end before the start',
      { preset: 'custom', start: '2026-12-05', end: '2026-12-01' },
      'invalid',
    ],
    ['a missing date', { preset: 'custom', start: '2026-12-05' }, 'invalid'],
    ['an impossible date', { preset: 'custom', start: '2026-02-30', end: '2026-03-01' }, 'invalid'],
    [
      'a range that starts tomorrow',
      { preset: 'custom', start: '2026-12-11', end: '2026-12-12' },
      'future',
    ],
    ['a month still to come', { preset: 'month', month: '2027-01' }, 'future'],
    [
      'a range over 366 days',
      { preset: 'custom', start: '2025-01-01', end: '2026-12-01' },
      'too_long',
    ],
  ])('refuses %s', (_name, choice, reason) => {
    expect(resolvePeriod(choice, NOON, WIB)).toEqual({ ok: false, reason });
  });

  it.each([
    [2026, 12, 10, WIB, '2026-12-09T17:00:00.000Z'],
    [2026, 12, 32, WIB, '2026-12-31T17:00:00.000Z'],
    [2026, 13, 1, WIB, '2026-12-31T17:00:00.000Z'],
    [2026, 12, 10, 'UTC', '2026-12-10T00:00:00.000Z'],
    [2026, 12, 10, 'Pacific/Kiritimati', '2026-12-09T10:00:00.000Z'],
    [2026, 12, 10, 'America/New_York', '2026-12-10T05:00:00.000Z'],
    [2026, 7, 10, 'America/New_York', '2026-07-10T04:00:00.000Z'],
  ])('zonedMidnight(%i-%i-%i, %s) = %s', (y, m, d, tz, out) => {
    expect(zonedMidnight(y, m, d, tz).toISOString()).toBe(out);
  });

  it('lists the last 12 months, newest first, by the WIB calendar', () => {
    // 00:30 WIB on 1 January 2027 is still 31 December in UTC.
    const months = recentMonths(new Date('2026-12-31T17:30:00Z'), WIB);
    expect(months).toHaveLength(12);
    expect(months.slice(0, 3)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(months[11]).toBe('2026-02');
  });
});

describe('replay window', () => {
  it.each([
    ['2026-12-09T17:00:00.000Z', '2026-12-10T00:00'],
    ['2026-12-10T14:35:00.000Z', '2026-12-10T21:35'],
    ['2026-12-31T16:59:00.000Z', '2026-12-31T23:59'],
  ])('%s reads %s in WIB and back', (iso, local) => {
    expect(toLocalInput(iso, WIB)).toBe(local);
    expect(fromLocalInput(local, WIB)).toBe(iso);
  });

  it('defaults to the period, or its last 31 days', () => {
    const week = { from: new Date('2026-12-02T17:00:00Z'), to: new Date('2026-12-09T17:00:00Z') };
    expect(defaultReplayWindow(week)).toEqual({
      from: week.from.toISOString(),
      to: week.to.toISOString(),
    });
    const quarter = {
      from: new Date('2026-09-01T17:00:00Z'),
      to: new Date('2026-12-09T17:00:00Z'),
    };
    expect(defaultReplayWindow(quarter)).toEqual({
      from: '2026-11-08T17:00:00.000Z',
      to: quarter.to.toISOString(),
    });
  });

  it.each([
    ['2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', null],
    ['2026-12-02T00:00:00Z', '2026-12-01T00:00:00Z', 'invalid'],
    ['2026-11-01T00:00:00Z', '2026-12-02T00:00:01Z', 'too_long'],
  ])('%s – %s: %s', (from, to, error) => {
    expect(replayWindowError({ from, to })).toBe(error);
  });
});
