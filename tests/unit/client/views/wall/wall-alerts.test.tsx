// @vitest-environment jsdom
/**
 * The analyst's alerts on the wall: the two counts beside the KPIs, the critical alerts the
 * autopilot visits (and where it flies for each), the scene that is skipped while none is
 * critical, and the panel that names each in both languages with its WIB time.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import type { Incident } from '../../../../../shared/domain/types.ts';
import { LocaleProvider } from '../../../../../client/i18n/locale.tsx';
import { activeAlertsByUrgency } from '../../../../../client/live/live-alerts.ts';
import {
  AlertTile,
  CriticalAlertPanel,
} from '../../../../../client/views/wall/wall-alert-panels.tsx';
import {
  alertCounts,
  criticalAlertStops,
  scenesToCycle,
} from '../../../../../client/views/wall/wall-alert-tour.ts';
import type { SceneName } from '../../../../../client/views/wall/wall-params.ts';
import { incident } from '../../../../support/ops-fixtures.ts';
import { alert, iso, MIN, NOW } from '../ops/alert-fixtures.ts';

afterEach(cleanup);

const AREA_CENTER = { lon: 106.79, lat: -6.12 };
const surge = alert({
  id: 'alert-surge',
  kind: 'surge',
  agency: null,
  incidentIds: ['inc-a', 'inc-b'],
  raisedAt: iso(NOW - 50 * MIN),
  area: {
    h3: '88000000000000',
    cells: ['88000000000000'],
    kelurahanCode: null,
    name: 'Penjaringan',
    center: AREA_CENTER,
  },
  summary: {
    id: '9 laporan banjir dalam 3 jam di Penjaringan vs 1,2 yang diharapkan',
    en: '9 flood reports in 3 h in Penjaringan vs 1.2 expected',
  },
});
const breach = alert({ id: 'alert-breach', incidentIds: ['inc-a'], raisedAt: iso(NOW - 30 * MIN) });
const lost = alert({ id: 'alert-lost', incidentIds: ['inc-gone'], raisedAt: iso(NOW - 20 * MIN) });
const warning = alert({ id: 'alert-warn', severity: 'warning', raisedAt: iso(NOW - 90 * MIN) });
const cleared = alert({ id: 'alert-cleared', status: 'cleared', raisedAt: iso(NOW - 99 * MIN) });

const INC_A = incident({ id: 'inc-a', location: { lon: 106.83, lat: -6.2 } });
const incidents = new Map<string, Incident>([['inc-a', INC_A]]);
const active = activeAlertsByUrgency([warning, lost, cleared, breach, surge]);

describe('wall alert tour', () => {
  it('counts active alerts and the critical ones', () => {
    expect(alertCounts(active)).toEqual({ active: 4, critical: 3 });
    expect(alertCounts([])).toEqual({ active: 0, critical: 0 });
  });

  it('visits critical alerts only, most urgent first, flying to a surge’s area or the incident', () => {
    const stops = criticalAlertStops(active, incidents, 10);
    expect(stops.map((s) => [s.alert.id, s.place])).toEqual([
      ['alert-surge', AREA_CENTER],
      ['alert-breach', INC_A.location],
      ['alert-lost', null],
    ]);
  });

  it('keeps to its limit', () => {
    expect(criticalAlertStops(active, incidents, 2).map((s) => s.alert.id)).toEqual([
      'alert-surge',
      'alert-breach',
    ]);
  });

  it.each<[SceneName[], boolean, SceneName[]]>([
    [['heatmap', 'alerts', 'feed'], true, ['heatmap', 'alerts', 'feed']],
    [['heatmap', 'alerts', 'feed'], false, ['heatmap', 'feed']],
    [['alerts'], false, ['heatmap']],
    [['alerts'], true, ['alerts']],
  ])('cycles %j as %j while critical alerts exist: %s', (scenes, anyCritical, expected) => {
    expect(scenesToCycle(scenes, anyCritical)).toEqual(expected);
  });
});

describe('wall alert panels', () => {
  it('puts the raw counts on the alert tile, alarmed while any is critical, empty until real', () => {
    const { rerender } = render(
      <LocaleProvider initial="id">
        <AlertTile counts={{ active: 4, critical: 3 }} ready />
      </LocaleProvider>,
    );
    const tile = screen.getByTestId('kpi-alerts');
    expect(screen.getByTestId('kpi-activeAlerts').dataset.value).toBe('4');
    expect(screen.getByTestId('kpi-criticalAlerts').dataset.value).toBe('3');
    expect(tile.className).toContain('wall-kpi--alarm');
    expect(tile.textContent).toBe('3 / 4Peringatan kritis / aktif');
    rerender(
      <LocaleProvider initial="id">
        <AlertTile counts={{ active: 1, critical: 0 }} ready={false} />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('kpi-activeAlerts').dataset.value).toBe('');
    expect(screen.getByTestId('kpi-alerts').className).not.toContain('wall-kpi--alarm');
  });

  it('names each critical alert in Indonesian and English with its WIB time, marking the one on camera', () => {
    const stops = criticalAlertStops(active, incidents, 4);
    render(
      <LocaleProvider initial="id">
        <CriticalAlertPanel pack={JAKARTA} stops={stops} current={1} serverNow={NOW} />
      </LocaleProvider>,
    );
    const rows = screen.getByTestId('critical-alerts').querySelectorAll('li');
    expect([...rows].map((r) => (r as HTMLElement).dataset.alertId)).toEqual([
      'alert-surge',
      'alert-breach',
      'alert-lost',
    ]);
    const first = rows[0]?.textContent ?? '';
    expect(first).toContain('LONJAKAN');
    expect(first).toContain('9 laporan banjir dalam 3 jam di Penjaringan');
    expect(first).toContain('9 flood reports in 3 h in Penjaringan vs 1.2 expected');
    expect(first).toContain('09:10 WIB');
    expect(first).toContain('50 mnt lalu');
    expect(rows[1]?.textContent).toContain('SLA TERLEWATI');
    expect(rows[1]?.textContent).toContain('SDA');
    expect([...rows].map((r) => (r as HTMLElement).dataset.current)).toEqual([
      'false',
      'true',
      'false',
    ]);
    expect(screen.getByTestId('critical-alerts').textContent).toContain('Peringatan 2 dari 3');
  });

  it('says so when no alert is critical', () => {
    render(
      <LocaleProvider initial="en">
        <CriticalAlertPanel pack={JAKARTA} stops={[]} current={-1} serverNow={NOW} />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('critical-alerts').textContent).toBe('No critical alerts');
  });
});
