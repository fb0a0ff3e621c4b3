// @vitest-environment jsdom
/**
 * The drawer's duplicates section in a DOM: a master's count of reporters and its linked
 * reports, a linked report's banner, the "link to" candidates, buttons only for roles that
 * may link, the server's refusal as text, and the three link events in the timeline's words.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import type { Principal, Role } from '../../../../../shared/domain/access.ts';
import type { Incident, IncidentEvent } from '../../../../../shared/domain/types.ts';
import { LocaleProvider } from '../../../../../client/i18n/locale.tsx';
import { DuplicatesPanel } from '../../../../../client/views/ops/duplicates-panel.tsx';
import { IncidentTimeline } from '../../../../../client/views/ops/incident-timeline.tsx';
import type { ActionFeedback } from '../../../../../client/views/ops/use-incident-actions.ts';
import type { DuplicateActions } from '../../../../../client/views/ops/use-duplicate-actions.ts';
import type { LinkedReportsState } from '../../../../../client/views/ops/use-linked-reports.ts';
import { useOpsLabels, type OpsLabels } from '../../../../../client/views/ops/use-ops-labels.ts';
import { incident, iso, MIN, T0 } from '../../../../support/ops-fixtures.ts';

afterEach(cleanup);

const who = (role: Role): Principal => ({
  kind: 'user',
  id: role,
  name: role,
  role,
  agency: role === 'agency' ? 'dsda' : null,
  source: null,
});

function WithLabels({ children }: { children: (labels: OpsLabels) => ReactNode }) {
  return <>{children(useOpsLabels(JAKARTA))}</>;
}

const at = (m: number) => ({ lon: 106.82, lat: -6.18 + m / 111_195 });
const master = incident({ id: 'master-1', category: 'flooding', reporters: 3, location: at(0) });
const r1 = incident({
  id: 'report-1',
  category: 'flooding',
  duplicateOf: 'master-1',
  location: at(40),
  source: 'qlue',
});
const r2 = incident({
  id: 'report-2',
  category: 'flooding',
  duplicateOf: 'master-1',
  location: at(90),
  status: 'duplicate',
});
const own = incident({ id: 'own-1', category: 'flooding', location: at(200) });
const live = new Map([master, r1, r2, own].map((i) => [i.id, i]));

const linkedEvent: IncidentEvent = {
  seq: 5,
  type: 'incident.linked',
  incidentId: 'report-1',
  at: iso(T0 - 10 * MIN),
  actor: { kind: 'system', id: 'system:ingest' },
  data: {
    masterId: 'master-1',
    auto: true,
    distanceM: 40,
    occurredAt: iso(T0 - 10 * MIN),
    note: null,
  },
};

function renderPanel(
  subject: Incident,
  o: { role?: Role; reports?: LinkedReportsState; feedback?: ActionFeedback } = {},
) {
  const calls: string[] = [];
  const actions: DuplicateActions = {
    pending: null,
    feedback: o.feedback ?? null,
    link: async (id, m) => (calls.push(`link ${id} ${m}`), true),
    split: async (id) => (calls.push(`split ${id}`), true),
    confirm: async (id) => (calls.push(`confirm ${id}`), true),
  };
  render(
    <LocaleProvider initial="en">
      <WithLabels>
        {(labels) => (
          <DuplicatesPanel
            incident={subject}
            live={live}
            liveVersion={1}
            history={[linkedEvent]}
            reports={o.reports ?? { status: 'ready', reports: [r1, r2] }}
            onRetryReports={() => undefined}
            principal={who(o.role ?? 'supervisor')}
            actions={actions}
            labels={labels}
            timeZone={JAKARTA.timeZone}
            onOpen={(id) => calls.push(`open ${id}`)}
          />
        )}
      </WithLabels>
    </LocaleProvider>,
  );
  return calls;
}

describe('duplicates section', () => {
  it("a master's drawer counts its reporters and lists its reports, with Split for a supervisor", () => {
    const calls = renderPanel(master);
    expect(screen.getByTestId('drawer-reporters').textContent).toBe('3 reporters');
    const item = screen.getByTestId('linked-report-report-1');
    expect(item.textContent).toContain('Qlue');
    expect(item.textContent).toContain('WIB');
    expect(item.textContent).toContain('40 m');
    // A confirmed duplicate is final: marked, and no Split.
    expect(screen.getByTestId('linked-report-report-2').textContent).toContain('confirmed');
    expect(screen.queryByTestId('split-report-2')).toBeNull();
    fireEvent.click(screen.getByTestId('split-report-1'));
    expect(calls).toEqual(['split report-1']);
  });

  it.each<Role>(['agency', 'viewer', 'display'])('%s sees the facts but no buttons', (role) => {
    renderPanel(master, { role });
    expect(screen.getByTestId('drawer-reporters').textContent).toBe('3 reporters');
    expect(screen.getByTestId('linked-reports').querySelectorAll('button.ops-button')).toHaveLength(
      0,
    );
    cleanup();
    renderPanel(r1, { role });
    expect(screen.getByTestId('linked-banner')).toBeTruthy();
    expect(screen.queryByTestId('confirm-duplicate')).toBeNull();
    expect(screen.queryByTestId('split-report')).toBeNull();
    cleanup();
    renderPanel(own, { role });
    expect(screen.queryByTestId('duplicates')).toBeNull();
  });

  it("a linked report's banner names its master, how and how far, and confirms or splits", () => {
    const calls = renderPanel(r1);
    const banner = screen.getByTestId('linked-banner');
    expect(banner.textContent).toContain('Linked to #master-1 · Flooding (automatic, 40 m)');
    fireEvent.click(screen.getByTestId('open-master'));
    fireEvent.click(screen.getByTestId('confirm-duplicate'));
    fireEvent.click(screen.getByTestId('split-report'));
    expect(calls).toEqual(['open master-1', 'confirm report-1', 'split report-1']);
  });

  it('offers a report of its own the open incidents nearby to link to', () => {
    const calls = renderPanel(own);
    fireEvent.click(screen.getByText('Link to…'));
    (screen.getByTestId('link-to') as HTMLDetailsElement).open = true;
    fireEvent(screen.getByTestId('link-to'), new Event('toggle'));
    fireEvent.click(screen.getByTestId('link-master-1'));
    expect(calls).toEqual(['link own-1 master-1']);
  });

  it("shows the server's refusal as text", () => {
    renderPanel(r1, { feedback: { kind: 'refused', message: 'a confirmed duplicate is final' } });
    expect(screen.getByTestId('duplicates-error').textContent).toBe(
      'Refused: a confirmed duplicate is final',
    );
  });
});

describe('timeline', () => {
  const event = (seq: number, type: string, data: object): IncidentEvent =>
    ({
      seq,
      type,
      incidentId: 'x',
      at: iso(T0 - seq * MIN),
      actor: { kind: 'user', id: 'rina' },
      data: { occurredAt: iso(T0 - seq * MIN), note: null, ...data },
    }) as IncidentEvent;

  it('tells the link events in words', () => {
    const history = [
      linkedEvent,
      event(6, 'incident.linked', { masterId: 'master-1', auto: false, distanceM: 120 }),
      event(7, 'incident.unlinked', { masterId: 'master-1' }),
      event(8, 'incident.reporters_changed', { reportId: 'report-1', delta: 1 }),
      event(9, 'incident.reporters_changed', { reportId: 'report-1', delta: -1 }),
    ];
    render(
      <LocaleProvider initial="id">
        <WithLabels>
          {(labels) => (
            <IncidentTimeline
              state={{ status: 'ready', detail: { incident: master, history } }}
              timeZone={JAKARTA.timeZone}
              labels={labels}
              onRetry={() => undefined}
            />
          )}
        </WithLabels>
      </LocaleProvider>,
    );
    const words = screen
      .getAllByTestId('timeline-event')
      .map((li) => li.querySelector('.ops-timeline__what')?.textContent);
    expect(words).toEqual([
      'Ditautkan ke #master-1 (otomatis, 40 m)',
      'Ditautkan ke #master-1 (manual, 120 m)',
      'Dipisahkan dari #master-1',
      'Laporan #report-1 ditautkan (+1 pelapor)',
      'Laporan #report-1 dipisahkan (−1 pelapor)',
    ]);
  });
});
