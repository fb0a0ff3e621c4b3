// @vitest-environment jsdom
/**
 * The wall's panels and hooks in a DOM: raw numbers on the board and tiles, the alert and
 * stale texts, the scene cycle with its pause, and the alert queue's timing.
 */
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import { liveWindow } from '../../../../../shared/domain/live-window.ts';
import { statsFor } from '../../../../../shared/domain/stats.ts';
import type { Incident } from '../../../../../shared/domain/types.ts';
import { LocaleProvider } from '../../../../../client/i18n/locale.tsx';
import { AgencyBoard } from '../../../../../client/views/wall/agency-board.tsx';
import { KpiTiles } from '../../../../../client/views/wall/kpi-tiles.tsx';
import {
  ALERT_SHOW_MS,
  useAlertCardQueue,
} from '../../../../../client/views/wall/use-alert-card-queue.ts';
import { useSceneCycle } from '../../../../../client/views/wall/use-scene-cycle.ts';
import { CriticalAlert, StaleBanner } from '../../../../../client/views/wall/wall-alerts.tsx';
import { agencyRows } from '../../../../../client/views/wall/wall-stats.ts';
import { makeLog } from '../../../../support/fixtures.ts';

// 12:00 WIB: the fixtures' first responses all fall on the same day.
const NOW = Date.parse('2026-11-27T05:00:00.000Z');
const at = (min: number) => new Date(NOW + min * 60_000).toISOString();

function incidents(): Map<string, Incident> {
  const log = makeLog();
  log.report('a', at(-120), { category: 'fire' });
  log.report('b', at(-30), { category: 'fire' });
  log.update('b', at(-20), { status: 'dispatched' });
  log.report('c', at(-10), { category: 'garbage', address: 'Jl. Medan Merdeka 1' });
  return log.state.incidents;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('wall panels', () => {
  const live = liveWindow(incidents().values(), new Date(NOW), 24);
  const stats = statsFor(live, JAKARTA, new Date(NOW));

  it('puts raw numbers on each agency row and says the trend in text', () => {
    const rows = agencyRows(JAKARTA, stats, live, NOW);
    render(
      <LocaleProvider initial="en">
        <AgencyBoard pack={JAKARTA} rows={rows} ready focused={false} />
      </LocaleProvider>,
    );
    const fire = screen.getByTestId('agency-row-gulkarmat');
    expect(fire.dataset).toMatchObject({
      open: '2',
      inProgress: '1',
      overdue: '1',
      trend: 'steady',
    });
    expect(fire.dataset.medianFirstResponse).toBe('10');
    expect(fire.textContent).toContain('steady');
    expect(screen.getAllByRole('row')).toHaveLength(JAKARTA.agencies.length + 1);
  });

  it('names the seq and the instant the KPI tiles were computed at, which may trail the live indicator', () => {
    render(
      <LocaleProvider initial="id">
        <KpiTiles totals={stats.totals} ready at={NOW} seq={42} />
      </LocaleProvider>,
    );
    const section = screen.getByTestId('wall-kpis');
    expect(section.dataset.seq).toBe('42');
    expect(section.dataset.at).toBe(new Date(NOW).toISOString());
  });

  it('gives each KPI tile its raw value, empty until the data is real', () => {
    const { rerender } = render(
      <LocaleProvider initial="id">
        <KpiTiles totals={stats.totals} ready />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('kpi-open').dataset.value).toBe('3');
    expect(screen.getByTestId('kpi-overdue').dataset.value).toBe('1');
    expect(screen.getByTestId('kpi-medianFirstResponseMin').textContent).toContain('10 mnt');
    rerender(
      <LocaleProvider initial="id">
        <KpiTiles totals={stats.totals} ready={false} />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('kpi-open').dataset.value).toBe('');
  });

  it('names what, where and when (WIB) on a critical alert', () => {
    const c = incidents().get('c') as Incident;
    render(
      <CriticalAlert pack={JAKARTA} incident={{ ...c, reportedAt: '2026-11-27T07:05:09.000Z' }} />,
    );
    const text = screen.getByTestId('critical-alert').textContent;
    expect(text).toContain('Sampah');
    expect(text).toContain('Jl. Medan Merdeka 1');
    expect(text).toContain('14:05:09 WIB');
  });

  it('says in both languages since when the data is stale', () => {
    render(
      <StaleBanner timeZone="Asia/Jakarta" lastUpdate={Date.parse('2026-11-27T07:05:09.000Z')} />,
    );
    const text = screen.getByTestId('stale-banner').textContent;
    expect(text).toContain('DATA TIDAK LANGSUNG — terakhir diperbarui 14:05:09 WIB');
    expect(text).toContain('STALE — last update 14:05:09 WIB');
  });
});

describe('wall hooks', () => {
  it('cycles scenes, holds while paused, and restarts the scene after the pause', () => {
    vi.useFakeTimers();
    const { result, rerender } = renderHook(
      ({ paused }) => useSceneCycle(['heatmap', 'feed'], 10_000, paused),
      {
        initialProps: { paused: false },
      },
    );
    expect(result.current).toMatchObject({ scene: 'heatmap', activation: 0 });
    act(() => vi.advanceTimersByTime(10_000));
    expect(result.current).toMatchObject({ scene: 'feed', activation: 1 });
    rerender({ paused: true });
    act(() => vi.advanceTimersByTime(30_000));
    expect(result.current).toMatchObject({ scene: 'feed', activation: 1 });
    rerender({ paused: false });
    expect(result.current).toMatchObject({ scene: 'feed', activation: 2 });
    act(() => vi.advanceTimersByTime(9_999));
    expect(result.current.scene).toBe('feed');
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toMatchObject({ scene: 'heatmap', activation: 3 });
  });

  it('alerts on a new critical report, not on the snapshot, for ALERT_SHOW_MS', () => {
    vi.useFakeTimers();
    const log = makeLog();
    log.report('old', at(-5), { category: 'fire' });
    const base = { incidents: log.state.incidents, hasSnapshot: true, serverTimeOffsetMs: 0 };
    const { result, rerender } = renderHook((state) => useAlertCardQueue(state), {
      initialProps: { ...base, dataVersion: 1 },
    });
    expect(result.current).toBeNull();
    log.report('new', new Date().toISOString(), { category: 'fire' });
    rerender({ ...base, dataVersion: 2 });
    expect(result.current?.id).toBe('new');
    act(() => vi.advanceTimersByTime(ALERT_SHOW_MS));
    expect(result.current).toBeNull();
  });

  it('alerts when a report already on the wall is escalated to critical', () => {
    vi.useFakeTimers();
    const log = makeLog();
    log.report('flood', new Date().toISOString(), { severity: 'high' });
    const base = { incidents: log.state.incidents, hasSnapshot: true, serverTimeOffsetMs: 0 };
    const { result, rerender } = renderHook((state) => useAlertCardQueue(state), {
      initialProps: { ...base, dataVersion: 1 },
    });
    expect(result.current).toBeNull();
    log.update('flood', new Date().toISOString(), { severity: 'critical' });
    rerender({ ...base, dataVersion: 2 });
    expect(result.current?.id).toBe('flood');
  });
});
