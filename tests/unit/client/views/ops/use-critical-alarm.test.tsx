// @vitest-environment jsdom
/**
 * The ops console's critical alarm: nothing for what the first snapshot holds, one for
 * each new open critical report or escalation to critical after it, the mute choice kept
 * per browser, and a note that sound is blocked when the browser gives no audio.
 */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../../../shared/domain/types.ts';
import type { LiveState } from '../../../../../client/live/live-store.ts';
import { useCriticalAlarm } from '../../../../../client/views/ops/use-critical-alarm.ts';
import { incident } from '../../../../support/ops-fixtures.ts';

function liveState(list: Incident[], recentIds: string[], dataVersion: number): LiveState {
  return {
    version: dataVersion,
    dataVersion,
    seq: dataVersion,
    incidents: new Map(list.map((i) => [i.id, i])),
    incidentList: list,
    alerts: new Map(),
    activeAlerts: [],
    alertsVersion: 0,
    recentIds,
    hasSnapshot: true,
    windowHours: 24,
    connection: 'live',
    lastMessageAt: 0,
    staleSince: null,
    serverTimeOffsetMs: 0,
  };
}

beforeEach(() => window.localStorage.clear());
afterEach(cleanup);

describe('useCriticalAlarm', () => {
  const old = incident({ id: 'old-fire', category: 'fire', severity: 'critical' });
  const garbage = incident({ id: 'new-garbage', category: 'garbage', severity: 'low' });
  const fire = incident({ id: 'new-fire', category: 'fire', severity: 'critical' });
  const doneFire = incident({ id: 'done-fire', severity: 'critical', status: 'rejected' });

  it('alerts only for open critical reports that arrive after the snapshot', () => {
    const { result, rerender } = renderHook(({ s }) => useCriticalAlarm(s), {
      initialProps: { s: liveState([old], ['old-fire'], 1) },
    });
    expect(result.current.alerts).toEqual([]);
    rerender({ s: liveState([old, garbage], ['new-garbage', 'old-fire'], 2) });
    expect(result.current.alerts).toEqual([]);
    rerender({
      s: liveState(
        [old, garbage, fire, doneFire],
        ['done-fire', 'new-fire', 'new-garbage', 'old-fire'],
        3,
      ),
    });
    expect(result.current.alerts.map((a) => a.incidentId)).toEqual(['new-fire']);
    // jsdom has no Web Audio: the console says sound is blocked rather than failing.
    expect(result.current.soundBlocked).toBe(true);
    act(() => result.current.dismiss('new-fire'));
    expect(result.current.alerts).toEqual([]);
  });

  it('alerts when a report already on screen is escalated to critical', () => {
    const high = incident({ id: 'flood', category: 'flooding', severity: 'high' });
    const { result, rerender } = renderHook(({ s }) => useCriticalAlarm(s), {
      initialProps: { s: liveState([high], ['flood'], 1) },
    });
    expect(result.current.alerts).toEqual([]);
    rerender({ s: liveState([{ ...high, severity: 'critical' }], ['flood'], 2) });
    expect(result.current.alerts.map((a) => a.incidentId)).toEqual(['flood']);
  });

  it('keeps the mute choice in localStorage', () => {
    const first = renderHook(() => useCriticalAlarm(liveState([], [], 1)));
    expect(first.result.current.muted).toBe(false);
    act(() => first.result.current.setMuted(true));
    expect(first.result.current.muted).toBe(true);
    expect(first.result.current.soundBlocked).toBe(false);
    first.unmount();
    const second = renderHook(() => useCriticalAlarm(liveState([], [], 1)));
    expect(second.result.current.muted).toBe(true);
  });
});
