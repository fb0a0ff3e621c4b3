// @vitest-environment jsdom
/**
 * The ops drawer and list in a DOM: fields and citizen text as text, the reporter only when
 * sent, the actions a role may take (and none for a viewer), the server's refusal, the
 * timeline in words, and a virtualised list that renders only what is in view.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import type { Principal, Role } from '../../../../../shared/domain/access.ts';
import type { UpdateIncidentInput } from '../../../../../shared/domain/schemas.ts';
import type { Incident, IncidentEvent } from '../../../../../shared/domain/types.ts';
import { LocaleProvider } from '../../../../../client/i18n/locale.tsx';
import { IncidentDrawer } from '../../../../../client/views/ops/incident-drawer.tsx';
import { IncidentList } from '../../../../../client/views/ops/incident-list.tsx';
import { actionModel } from '../../../../../client/views/ops/ops-actions.ts';
import type {
  ActionFeedback,
  IncidentActions,
} from '../../../../../client/views/ops/use-incident-actions.ts';
import type { DuplicateActions } from '../../../../../client/views/ops/use-duplicate-actions.ts';
import type { ProofWaiverActions } from '../../../../../client/views/ops/use-proof-waiver.ts';
import type { DetailState } from '../../../../../client/views/ops/use-incident-detail.ts';
import { useOpsLabels, type OpsLabels } from '../../../../../client/views/ops/use-ops-labels.ts';
import { incident, iso, MIN, T0 } from '../../../../support/ops-fixtures.ts';

afterEach(cleanup);

const who = (role: Role): Principal => ({
  kind: 'user',
  id: role,
  name: `${role}.user`,
  role,
  agency: null,
  source: null,
});

function WithLabels({ children }: { children: (labels: OpsLabels) => ReactNode }) {
  return <>{children(useOpsLabels(JAKARTA))}</>;
}

const HOSTILE = '<img src=x onerror="alert(1)"> <b>banjir</b>';
const subject: Incident = incident({
  id: 'inc-1',
  category: 'flooding',
  agency: 'dsda',
  severity: 'high',
  description: HOSTILE,
  reporter: { name: 'Budi', phone: '081234567', email: null },
});

const history: IncidentEvent[] = [
  {
    seq: 1,
    type: 'incident.reported',
    incidentId: 'inc-1',
    at: iso(T0 - 30 * MIN),
    actor: { kind: 'source', id: 'jaki:app' },
    data: { incident: { ...subject } },
  },
  {
    seq: 2,
    type: 'incident.status_changed',
    incidentId: 'inc-1',
    at: iso(T0 - 20 * MIN),
    actor: { kind: 'user', id: 'rina' },
    data: { from: 'received', to: 'verified', occurredAt: iso(T0 - 20 * MIN), note: 'Cek CCTV' },
  },
];

interface Options {
  role?: Role | null;
  detail?: DetailState;
  feedback?: ActionFeedback;
  pending?: string | null;
  incident?: Incident;
  history?: IncidentEvent[];
}

function renderDrawer(o: Options = {}) {
  const sent: [string, UpdateIncidentInput][] = [];
  const actions: IncidentActions = {
    pending: o.pending ?? null,
    feedback: o.feedback ?? null,
    send: async (name, changes) => {
      sent.push([name, changes]);
      return true;
    },
  };
  const inc = o.incident ?? subject;
  const principal = o.role === null ? null : who(o.role ?? 'supervisor');
  render(
    <LocaleProvider initial="en">
      <WithLabels>
        {(labels) => (
          <IncidentDrawer
            pack={JAKARTA}
            incident={inc}
            detail={
              o.detail ?? {
                status: 'ready',
                detail: { incident: inc, history: o.history ?? history },
              }
            }
            onRetryDetail={() => undefined}
            model={actionModel(inc, principal, JAKARTA)}
            principal={principal ? { status: 'ready', principal } : { status: 'loading' }}
            actions={actions}
            labels={labels}
            serverTimeOffsetMs={0}
            onClose={() => undefined}
            assignRef={createRef()}
            noteRef={createRef()}
            duplicates={{
              live: new Map([[inc.id, inc]]),
              liveVersion: 0,
              reports: { status: 'idle' },
              onRetryReports: () => undefined,
              actions: NO_DUPLICATE_ACTIONS,
              onOpen: () => undefined,
            }}
            proof={{ settings: null, actions: NO_WAIVER }}
          />
        )}
      </WithLabels>
    </LocaleProvider>,
  );
  return { sent };
}

const NO_WAIVER: ProofWaiverActions = { pending: false, feedback: null, waive: async () => true };

const NO_DUPLICATE_ACTIONS: DuplicateActions = {
  pending: null,
  feedback: null,
  link: async () => true,
  split: async () => true,
  confirm: async () => true,
};

const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

describe('incident drawer', () => {
  it('shows citizen text as text, and the reporter when the server sent it', () => {
    renderDrawer();
    const description = screen.getByTestId('drawer-description');
    expect(description.textContent).toBe(HOSTILE);
    expect(description.querySelector('img, b')).toBeNull();
    expect(screen.getByTestId('drawer-reporter').textContent).toContain('081234567');
  });

  it('offers a supervisor the legal next steps and sends them', () => {
    const { sent } = renderDrawer();
    for (const s of ['dispatched', 'rejected', 'duplicate']) {
      expect(button(`action-status-${s}`).disabled).toBe(false);
    }
    expect(screen.queryByTestId('action-status-resolved')).toBeNull();
    fireEvent.click(button('action-verify'));
    fireEvent.click(button('action-escalate'));
    expect(sent).toEqual([
      ['verify', { status: 'verified' }],
      ['escalate', { severity: 'critical' }],
    ]);
    expect(screen.queryByTestId('actions-readonly')).toBeNull();
  });

  it.each<[string, Options]>([
    ['a viewer', { role: 'viewer', incident: { ...subject, reporter: null } }],
    ['a wall display', { role: 'display' }],
    ['anyone while a command is in flight', { pending: 'verify' }],
    ['anyone until the role is known', { role: null }],
  ])('disables every action for %s', (_name, o) => {
    renderDrawer(o);
    for (const id of [
      'action-verify',
      'action-escalate',
      'action-status-dispatched',
      'action-note',
    ]) {
      expect(button(id).disabled, id).toBe(true);
    }
    expect((screen.getByTestId('action-note-input') as HTMLTextAreaElement).disabled).toBe(true);
    expect((screen.getByTestId('action-assign-select') as HTMLSelectElement).disabled).toBe(true);
  });

  it('says why a viewer cannot act and shows no contact', () => {
    renderDrawer({ role: 'viewer', incident: { ...subject, reporter: null } });
    expect(screen.getByTestId('actions-readonly').textContent).toContain(
      'Role Viewer cannot change',
    );
    expect(screen.getByTestId('drawer-reporter').textContent).toContain('No reporter contact');
  });

  it('shows the server’s message when it refuses', () => {
    renderDrawer({
      feedback: { kind: 'refused', message: "status: cannot go from 'closed' to 'verified'" },
    });
    expect(screen.getByTestId('action-error').textContent).toBe(
      "Refused: status: cannot go from 'closed' to 'verified'",
    );
  });

  it('writes the timeline in words, with actor, WIB time and note', () => {
    renderDrawer();
    const events = screen.getAllByTestId('timeline-event').map((e) => e.textContent);
    expect(events[0]).toContain('Reported via JAKI');
    expect(events[0]).toContain('jaki:app (source)');
    expect(events[1]).toContain('Status: Received → Verified');
    expect(events[1]).toContain('rina (user)');
    expect(events[1]).toContain('WIB');
    expect(events[1]).toContain('Cek CCTV');
  });

  it('shows the log time beside a field time that was dated back, and only there', () => {
    // Reported at 07:00 WIB by its source's say-so, logged at 09:30 WIB; then a change
    // logged 40 s after it happened (a normal delay) and one dated two hours back.
    const backdated = { ...subject, reportedAt: iso(T0 - 180 * MIN) };
    renderDrawer({
      incident: backdated,
      history: [
        { ...history[0]!, data: { incident: backdated } } as IncidentEvent,
        {
          seq: 2,
          type: 'incident.status_changed',
          incidentId: 'inc-1',
          at: iso(T0 - 20 * MIN),
          actor: { kind: 'user', id: 'rina' },
          data: {
            from: 'received',
            to: 'verified',
            occurredAt: iso(T0 - 21 * MIN + 20_000),
            note: null,
          },
        },
        {
          seq: 3,
          type: 'incident.status_changed',
          incidentId: 'inc-1',
          at: iso(T0 - 10 * MIN),
          actor: { kind: 'user', id: 'dsda.op' },
          data: { from: 'verified', to: 'dispatched', occurredAt: iso(T0 - 130 * MIN), note: null },
        },
      ],
    });
    const [reported, verified, dispatched] = screen.getAllByTestId('timeline-event');
    expect(reported!.querySelector('time')!.textContent).toBe('27 Nov, 07:00:00 WIB');
    expect(reported!.textContent).toContain('logged 27 Nov, 09:30:00 WIB');
    expect(verified!.querySelector('[data-testid="timeline-logged"]')).toBeNull();
    expect(dispatched!.querySelector('time')!.textContent).toBe('27 Nov, 07:50:00 WIB');
    expect(dispatched!.textContent).toContain('logged 27 Nov, 09:50:00 WIB');
  });

  it('shows the log time beside a backdated report time in the details, and not otherwise', () => {
    renderDrawer({
      incident: { ...subject, reportedAt: iso(T0 - 180 * MIN), loggedAt: iso(T0 - 30 * MIN) },
    });
    const fields = document.querySelector('.ops-fields')!.textContent;
    expect(fields).toContain('27 Nov, 07:00:00 WIB · logged 27 Nov, 09:30:00 WIB');
    cleanup();
    renderDrawer({ incident: { ...subject, loggedAt: subject.reportedAt } });
    expect(document.querySelector('.ops-fields')!.textContent).not.toContain('logged');
  });

  it('says when the timeline could not be loaded', () => {
    renderDrawer({ detail: { status: 'error', message: 'HTTP 500' } });
    expect(screen.getByTestId('timeline-error').textContent).toContain(
      'Could not load the timeline: HTTP 500',
    );
  });
});

describe('incident list', () => {
  // jsdom does no layout; the list's scroll box is given a viewport's size, as a browser would.
  const sizes = ['clientHeight', 'clientWidth'] as const;
  beforeEach(() => {
    for (const key of sizes) {
      Object.defineProperty(HTMLElement.prototype, key, {
        configurable: true,
        get: () => (key === 'clientHeight' ? 800 : 420),
      });
    }
  });
  afterEach(() => {
    for (const key of sizes)
      delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key];
  });

  it('renders only the rows in view of thousands, and selects on click', () => {
    const many = Array.from({ length: 5_000 }, (_, i) =>
      incident({ id: `i${i}`, responseDueAt: iso(T0 + (i - 10) * MIN) }),
    );
    const selected: string[] = [];
    render(
      <LocaleProvider initial="id">
        <WithLabels>
          {(labels) => (
            <IncidentList
              incidents={many}
              selectedId={null}
              onSelect={(id) => selected.push(id)}
              labels={labels}
              serverTimeOffsetMs={0}
            />
          )}
        </WithLabels>
      </LocaleProvider>,
    );
    const rows = screen.getAllByRole('option');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    const first = screen.getByTestId('incident-row-i0');
    expect(first.getAttribute('data-overdue')).toBe('true');
    expect(first.textContent).toContain('Jalan Rusak');
    expect(first.textContent).toContain('lewat');
    fireEvent.click(first);
    expect(selected).toEqual(['i0']);
  });
});
