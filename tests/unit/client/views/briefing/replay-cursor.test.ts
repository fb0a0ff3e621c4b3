/**
 * The replay cursor shows, at any t, what replaying every event up to t from an empty
 * city shows, whether the slider moves forward, backward or jumps.
 */
import { describe, expect, it } from 'vitest';
import { createReplayCursor } from '../../../../../client/views/briefing/replay-cursor.ts';
import { fieldTime, replayInPlace, visibleAt } from '../../../../../shared/domain/replay.ts';
import type { DomainEvent, Incident } from '../../../../../shared/domain/types.ts';
import { makeLog } from '../../../../support/fixtures.ts';

const WINDOW_H = 2;
const at = (hhmm: string) => `2026-12-05T${hhmm}:00.000Z`;

function history(): DomainEvent[] {
  const log = makeLog();
  // Ended long before the window, then closed inside it: never on screen.
  log.report('old', at('01:00'));
  log.update('old', at('01:05'), { status: 'dispatched' });
  log.update('old', at('01:10'), { status: 'resolved' });
  // Open across the window's start, resolved inside it; closed with a late-synced time.
  log.report('a', at('09:30'), { category: 'flooding' });
  log.update('a', at('10:40'), { status: 'verified' });
  log.update('a', at('11:20'), { status: 'dispatched' });
  log.update('a', at('12:30'), { status: 'resolved', occurredAt: at('12:05') });
  // Reported inside the window.
  log.report('b', at('10:15'));
  log.update('b', at('10:50'), { status: 'rejected' });
  log.report('c', at('11:45'), { category: 'garbage' });
  log.update('c', at('12:10'), { status: 'verified' });
  log.update('old', at('11:00'), { status: 'closed' });
  return [...log.events].sort((x, y) => fieldTime(x).localeCompare(fieldTime(y)) || x.seq - y.seq);
}

function expectedAt(events: DomainEvent[], t: number): Map<string, Incident> {
  const state = new Map<string, Incident>();
  replayInPlace(
    state,
    events.filter((e) => Date.parse(fieldTime(e)) <= t),
  );
  return new Map(visibleAt(state.values(), new Date(t), WINDOW_H).map((i) => [i.id, i]));
}

describe('replay cursor', () => {
  const events = history();
  const from = Date.parse(at('10:00'));
  const to = Date.parse(at('13:00'));
  const before = events.filter((e) => Date.parse(fieldTime(e)) <= from);
  const startState = new Map<string, Incident>();
  replayInPlace(startState, before);
  const data = {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    windowHours: WINDOW_H,
    initial: visibleAt(startState.values(), new Date(from), WINDOW_H),
    events: events.filter((e) => {
      const ft = Date.parse(fieldTime(e));
      return ft > from && ft <= to;
    }),
  };

  it.each([
    ['forward', ['10:00', '10:20', '10:45', '11:30', '12:06', '13:00']],
    ['backward', ['13:00', '12:06', '11:30', '10:45', '10:20', '10:00']],
    ['jumping', ['12:31', '10:16', '12:59', '11:00', '10:00', '12:10']],
  ])('matches a replay from scratch moving %s', (_name, times) => {
    const cursor = createReplayCursor(data);
    for (const hhmm of times) {
      const t = Date.parse(at(hhmm));
      cursor.seek(t);
      expect(cursor.time()).toBe(t);
      const shown = new Map(cursor.visible().map((i) => [i.id, i]));
      expect(shown, hhmm).toEqual(expectedAt(events, t));
    }
  });

  it('shows the resolved incident at the time it was resolved in the field, not when synced', () => {
    const cursor = createReplayCursor(data);
    cursor.seek(Date.parse(at('12:06')));
    expect(cursor.visible().find((i) => i.id === 'a')?.status).toBe('resolved');
    cursor.seek(Date.parse(at('12:04')));
    expect(cursor.visible().find((i) => i.id === 'a')?.status).toBe('dispatched');
  });

  it('never shows what had left the screens before the window', () => {
    const cursor = createReplayCursor(data);
    cursor.seek(to);
    expect(cursor.visible().map((i) => i.id)).not.toContain('old');
  });
});
