// @vitest-environment jsdom
/**
 * The replay panel's alert list in a DOM: only the alerts active at the replay's time,
 * critical first then oldest, each with its kind, summary in the reader's language,
 * agency, escalation level and whether it was acknowledged then, and "none" said plainly.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import type { Alert } from '../../../../../shared/domain/alerts.ts';
import { LocaleProvider, type Locale } from '../../../../../client/i18n/locale.tsx';
import { ReplayAlerts } from '../../../../../client/views/briefing/replay-alerts.tsx';
import { alert, iso, MIN, NOW } from '../ops/alert-fixtures.ts';

afterEach(cleanup);

function show(alerts: Alert[], locale: Locale = 'id') {
  render(
    <LocaleProvider initial={locale}>
      <ReplayAlerts pack={JAKARTA} alerts={alerts} />
    </LocaleProvider>,
  );
  return screen.getByTestId('replay-alerts');
}

const ALERTS: Alert[] = [
  alert({
    id: 'alert-warn-old',
    severity: 'warning',
    kind: 'sla_will_breach',
    raisedAt: iso(NOW - 90 * MIN),
  }),
  alert({ id: 'alert-crit-new', raisedAt: iso(NOW - 5 * MIN) }),
  alert({
    id: 'alert-crit-old',
    raisedAt: iso(NOW - 60 * MIN),
    status: 'acknowledged',
    level: 'head',
    acknowledgedBy: { kind: 'user', id: 'desk.sda' },
    acknowledgedAt: iso(NOW - 50 * MIN),
  }),
  alert({
    id: 'alert-surge',
    kind: 'surge',
    severity: 'warning',
    agency: null,
    clock: null,
    raisedAt: iso(NOW - 30 * MIN),
  }),
  alert({
    id: 'alert-cleared',
    status: 'cleared',
    clearedAt: iso(NOW - MIN),
    clearReason: 'resolved',
  }),
];

describe('replay alerts', () => {
  it('lists the active alerts, critical first then oldest, and leaves cleared ones out', () => {
    const panel = show(ALERTS);
    const ids = within(panel)
      .getAllByTestId('replay-alert')
      .map((li) => li.dataset.alertId);
    expect(ids).toStrictEqual([
      'alert-crit-old',
      'alert-crit-new',
      'alert-warn-old',
      'alert-surge',
    ]);
    expect(panel.dataset.count).toBe('4');
    expect(panel.dataset.critical).toBe('2');
  });

  it('says kind, summary, agency, level and acknowledgement in Indonesian', () => {
    const panel = show(ALERTS);
    const [acked, fresh] = within(panel).getAllByTestId('replay-alert');
    expect(acked!.textContent).toContain('Kritis · SLA terlewati · SDA');
    expect(within(acked!).getByTestId('replay-alert-level').textContent).toBe('Kepala instansi');
    expect(acked!.textContent).toContain('Ringkasan alert-crit-old');
    // 50 minutes before 10:00 WIB.
    expect(within(acked!).getByTestId('replay-alert-ack').textContent).toBe(
      'Diakui desk.sda · 27 Nov 2026 09:10 WIB',
    );
    expect(within(fresh!).getByTestId('replay-alert-ack').textContent).toBe('Belum diakui');
    expect(panel.textContent).toContain('Lonjakan · Beberapa instansi');
  });

  it('says it in English when the reader chose English', () => {
    const panel = show(ALERTS, 'en');
    const [acked] = within(panel).getAllByTestId('replay-alert');
    expect(acked!.textContent).toContain('Critical · SLA breached · SDA');
    expect(acked!.textContent).toContain('Summary alert-crit-old');
    expect(within(acked!).getByTestId('replay-alert-level').textContent).toBe('Agency head');
    expect(panel.textContent).toContain('Alerts active at that moment');
  });

  it('says plainly that none were active', () => {
    const panel = show([ALERTS[4]!]);
    expect(within(panel).queryAllByTestId('replay-alert')).toHaveLength(0);
    expect(within(panel).getByTestId('replay-alerts-none').textContent).toBe(
      'Tidak ada peringatan aktif saat itu.',
    );
  });
});
