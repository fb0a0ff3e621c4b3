// @vitest-environment jsdom
/**
 * The /ops alert queue in a DOM: the order alerts are worked in, the acts each role is
 * offered (and the ones it may never do hidden), what each button sends, and the server's
 * refusals shown in its words. The HTTP side of each act (path, body, the real server's
 * answers) is alerts-api.test.ts's, against the real server.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import {
  authorize,
  type AlertAct,
  type Principal,
  type Role,
} from '../../../../../shared/domain/access.ts';
import { decideAcknowledge } from '../../../../../shared/domain/alert-commands.ts';
import type { Alert } from '../../../../../shared/domain/alerts.ts';
import { LocaleProvider, type Locale } from '../../../../../client/i18n/locale.tsx';
import { activeAlertsByUrgency } from '../../../../../client/live/live-alerts.ts';
import { AlertQueue } from '../../../../../client/views/ops/alert-queue.tsx';
import {
  useAlertActions,
  type AlertRequest,
} from '../../../../../client/views/ops/use-alert-actions.ts';
import { useOpsLabels } from '../../../../../client/views/ops/use-ops-labels.ts';
import { alert, iso, MIN, NOW } from './alert-fixtures.ts';
import type { ApiResult } from '../../../../../client/auth/api-request.ts';

const who = (role: Role, agency: string | null = null): Principal => ({
  kind: 'user',
  id: `${role}.user`,
  name: `${role} user`,
  role,
  agency,
  source: null,
});

interface Call {
  id: string;
  act: AlertAct;
  note: string | null;
  token: string | null;
}

const OK: ApiResult<unknown> = { ok: true, status: 200, data: {} };
const refusal = (status: number, message: string): ApiResult<unknown> => ({
  ok: false,
  status,
  code: 'refused',
  message,
  fields: {},
  retryAfterS: null,
});

interface QueueProps {
  alerts: readonly Alert[];
  principal: Principal | null;
  token?: string | null;
  onOpen?: (id: string) => void;
  /** The HTTP call; a test that clicks passes a recorder. */
  request?: AlertRequest;
}

function Queue(props: QueueProps) {
  const { alerts, principal, token = null, onOpen = () => undefined } = props;
  const labels = useOpsLabels(JAKARTA);
  const actions = useAlertActions(token, props.request);
  return (
    <AlertQueue
      alerts={alerts}
      ready
      principal={principal}
      actions={actions}
      labels={labels}
      timeZone="Asia/Jakarta"
      now={NOW}
      onOpenIncident={onOpen}
    />
  );
}

function renderQueue(props: QueueProps, locale: Locale = 'en') {
  return render(
    <LocaleProvider initial={locale}>
      <Queue {...props} />
    </LocaleProvider>,
  );
}

const items = () => screen.getAllByTestId('alert-item');
const actsShown = (item: HTMLElement) =>
  ['acknowledge', 'escalate', 'dismiss'].filter(
    (act) => item.querySelector(`[data-testid="alert-${act}"]`) !== null,
  );

afterEach(cleanup);

describe('alert queue: what it shows', () => {
  it('lists active alerts critical first, then oldest first, and leaves cleared ones out', () => {
    const all = [
      alert({ id: 'alert-warn-old', severity: 'warning', raisedAt: iso(NOW - 90 * MIN) }),
      alert({ id: 'alert-crit-new', raisedAt: iso(NOW - 5 * MIN) }),
      alert({ id: 'alert-cleared', raisedAt: iso(NOW - 200 * MIN), status: 'cleared' }),
      alert({ id: 'alert-crit-old', raisedAt: iso(NOW - 60 * MIN) }),
      alert({ id: 'alert-warn-new', severity: 'warning', raisedAt: iso(NOW - 1 * MIN) }),
    ];
    renderQueue({ alerts: activeAlertsByUrgency(all), principal: who('supervisor') });
    expect(items().map((i) => i.dataset.alertId)).toEqual([
      'alert-crit-old',
      'alert-crit-new',
      'alert-warn-old',
      'alert-warn-new',
    ]);
    expect(screen.getByTestId('alert-queue-count').dataset).toMatchObject({
      value: '4',
      critical: '2',
    });
  });

  it.each<[Locale, string[]]>([
    [
      'id',
      [
        'Kritis',
        'SLA terlewati',
        'SDA',
        'Kepala instansi',
        'Ringkasan a1',
        '25 mnt lalu',
        '09.35 WIB',
        'Diakui rina',
      ],
    ],
    [
      'en',
      [
        'Critical',
        'SLA breached',
        'SDA',
        'Agency head',
        'Summary a1',
        '25 min ago',
        '09:35 WIB',
        'Acknowledged by rina',
      ],
    ],
  ])('says what, whose, since when (WIB) and who took it on, in %s', (locale, words) => {
    const a = alert({
      id: 'alert-a1',
      summary: { id: 'Ringkasan a1', en: 'Summary a1' },
      level: 'head',
      status: 'acknowledged',
      acknowledgedBy: { kind: 'user', id: 'rina' },
      acknowledgedAt: iso(NOW - 10 * MIN),
    });
    renderQueue({ alerts: [a], principal: who('supervisor') }, locale);
    const text = items()[0]?.textContent ?? '';
    for (const word of words) expect(text).toContain(word);
  });
});

describe('alert queue: who is offered what', () => {
  const own = alert({ id: 'alert-own', agency: 'dsda' });
  it.each<[string, Principal | null, Alert, string[]]>([
    ['an admin, on an open alert', who('admin'), own, ['acknowledge', 'escalate', 'dismiss']],
    [
      'a supervisor, on an open alert',
      who('supervisor'),
      own,
      ['acknowledge', 'escalate', 'dismiss'],
    ],
    [
      'a supervisor, once acknowledged',
      who('supervisor'),
      { ...own, status: 'acknowledged' },
      ['escalate', 'dismiss'],
    ],
    [
      'a supervisor, at the top of the chain',
      who('supervisor'),
      { ...own, level: 'supervisor' },
      ['acknowledge', 'dismiss'],
    ],
    [
      'an agency operator, on its own agency’s alert',
      who('agency', 'dsda'),
      own,
      ['acknowledge', 'escalate'],
    ],
    ['an agency operator, on another agency’s alert', who('agency', 'bina_marga'), own, []],
    [
      'an agency operator, on a city-wide surge',
      who('agency', 'dsda'),
      { ...own, kind: 'surge', agency: null },
      [],
    ],
    ['a viewer', who('viewer'), own, []],
    ['a wall display', who('display'), own, []],
    ['anyone until the role is known', null, own, []],
  ])('%s', (_name, principal, a, acts) => {
    const opened: string[] = [];
    renderQueue({ alerts: [a], principal, onOpen: (id) => opened.push(id) });
    const item = items()[0] as HTMLElement;
    expect(actsShown(item)).toEqual(acts);
    // Opening the incident is reading: everyone who sees the queue may.
    fireEvent.click(screen.getByTestId('alert-open'));
    expect(opened).toEqual(['inc-of-alert-own']);
  });
});

describe('alert queue: what each button sends', () => {
  /** Records each call the queue makes and answers as `answer` says (ok by default). */
  function recorder(answer: (call: Call) => ApiResult<unknown> = () => OK) {
    const calls: Call[] = [];
    const request: AlertRequest = async (id, act, note, token) => {
      const call = { id, act, note, token };
      calls.push(call);
      return answer(call);
    };
    return { calls, request };
  }

  it.each<[AlertAct, Role]>([
    ['acknowledge', 'supervisor'],
    ['escalate', 'supervisor'],
    ['acknowledge', 'agency'],
    ['escalate', 'agency'],
  ])('%s (as %s) sends that act on that alert, with no note', (act, role) => {
    const { calls, request } = recorder();
    const a = alert({ id: 'alert-7' });
    renderQueue({ alerts: [a], principal: who(role, 'dsda'), token: 'tok-1', request });
    fireEvent.click(screen.getByTestId(`alert-${act}`));
    expect(calls).toEqual([{ id: 'alert-7', act, note: null, token: 'tok-1' }]);
  });

  it('asks for a dismissal’s reason inline (no window.prompt) and sends it trimmed', async () => {
    const prompt = (window.prompt = () => {
      throw new Error('window.prompt must not be used');
    });
    const { calls, request } = recorder();
    renderQueue({ alerts: [alert({ id: 'alert-8' })], principal: who('admin'), request });
    fireEvent.click(screen.getByTestId('alert-dismiss'));
    const confirm = screen.getByTestId('alert-dismiss-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('alert-dismiss-note'), { target: { value: '   ' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('alert-dismiss-note'), {
      target: { value: '  Sudah ditangani di lapangan  ' },
    });
    fireEvent.click(confirm);
    expect(calls).toEqual([
      { id: 'alert-8', act: 'dismiss', note: 'Sudah ditangani di lapangan', token: null },
    ]);
    // Done: the reason box closes.
    await waitFor(() => expect(screen.queryByTestId('alert-dismiss-note')).toBeNull());
    expect(window.prompt).toBe(prompt);
  });

  it('sends one act at a time: a double press does not acknowledge twice', async () => {
    let release: (r: ApiResult<unknown>) => void = () => undefined;
    const calls: string[] = [];
    const request: AlertRequest = (id, act) => {
      calls.push(`${act} ${id}`);
      return new Promise((resolve) => (release = resolve));
    };
    renderQueue({ alerts: [alert({ id: 'alert-9' })], principal: who('admin'), request });
    fireEvent.click(screen.getByTestId('alert-acknowledge'));
    fireEvent.click(screen.getByTestId('alert-acknowledge'));
    expect(calls).toEqual(['acknowledge alert-9']);
    expect((screen.getByTestId('alert-escalate') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release(OK));
    expect((screen.getByTestId('alert-escalate') as HTMLButtonElement).disabled).toBe(false);
  });

  // The refusals are the real rules' own words: the shared decision (409) and policy (403).
  const acked = alert({
    id: 'alert-10',
    status: 'acknowledged',
    acknowledgedBy: { kind: 'user', id: 'rina' },
  });
  const conflict = decideAcknowledge(acked, {
    id: acked.id,
    now: new Date(NOW),
    actor: { kind: 'user', id: 'budi' },
  });
  const foreign = authorize(who('agency', 'bina_marga'), {
    type: 'alert:act',
    act: 'acknowledge',
    alert: acked,
  });

  it.each<[string, ApiResult<unknown>, string]>([
    [
      'someone else acknowledged it first (409)',
      refusal(409, conflict.ok ? '' : conflict.error.message),
      "Refused: alert 'alert-10' is already acknowledged by rina",
    ],
    [
      'it is another agency’s alert (403)',
      refusal(403, foreign.allowed ? '' : foreign.reason),
      "Refused: alert is for 'dsda', not 'bina_marga'",
    ],
    ['the server is unreachable', refusal(0, 'fetch failed'), 'Could not send: fetch failed'],
  ])('shows the server’s message beside the alert when %s', async (_name, answer, shown) => {
    const { request } = recorder(() => answer);
    // The screen has not caught up yet: it still shows the alert open.
    renderQueue({
      alerts: [alert({ id: 'alert-10' }), alert({ id: 'alert-11' })],
      principal: who('admin'),
      request,
    });
    const [first, second] = items() as [HTMLElement, HTMLElement];
    fireEvent.click(first.querySelector('[data-testid="alert-acknowledge"]') as HTMLElement);
    const error = await screen.findByTestId('alert-error');
    expect(error.textContent).toBe(shown);
    expect(first.contains(error)).toBe(true);
    expect(second.querySelector('[data-testid="alert-error"]')).toBeNull();
  });
});
