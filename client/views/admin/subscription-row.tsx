/**
 * One notification subscription in the table: where it sends (a webhook's URL as the
 * server redacted it, or email addresses), its filter, whether it is on, its recent
 * deliveries, and its actions: turn on or off, edit, send a test (the result in a row
 * below), rotate a webhook's secret and delete, the last two after a confirmation.
 */
import { useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { DeliveryView, SubscriptionView } from '../../../shared/domain/notify-contract.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { adminTime } from './admin-time.ts';
import { useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { ConfirmAction } from './confirm-action.tsx';
import { filterOptions } from './filter-picker.tsx';
import { deleteSubscription, rotateSecret, sendTest, updateSubscription } from './notify-api.ts';
import { useNotifyMessages } from './notify.messages.ts';
import { FILTER_KEYS } from './notify-rules.ts';

/** Columns of the subscriptions table, for the test result's row below one. */
export const SUBSCRIPTION_COLUMNS = 8;

interface SubscriptionRowProps {
  subscription: SubscriptionView;
  pack: CityPack;
  onChanged: (subscription: SubscriptionView) => void;
  onDeleted: (subscription: SubscriptionView) => void;
  onEdit: (subscription: SubscriptionView) => void;
  /** A rotated secret, to show once. */
  onSecret: (subscription: SubscriptionView, secret: string) => void;
  /** A test was sent: counts and deliveries changed. */
  onTested: () => void;
  onNotice: (notice: NoticeState) => void;
}

type Confirming = 'delete' | 'rotate' | null;

export function SubscriptionRow({
  subscription: s,
  pack,
  onChanged,
  onDeleted,
  onEdit,
  onSecret,
  onTested,
  onNotice,
}: SubscriptionRowProps) {
  const a = useAdminMessages();
  const t = useNotifyMessages();
  const { locale } = useLocale();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState<'toggle' | 'test' | 'rotate' | 'delete' | null>(null);
  const [test, setTest] = useState<DeliveryView | null>(null);

  const labels = (key: (typeof FILTER_KEYS)[number]) =>
    new Map(filterOptions(key, t, pack, locale).map((o) => [o.value, o.label]));
  const agencyShort = new Map(pack.agencies.map((ag) => [ag.code, ag.short]));

  async function toggle() {
    setBusy('toggle');
    const res = await updateSubscription(s.id, { enabled: !s.enabled });
    setBusy(null);
    if (!res.ok) return onNotice({ kind: 'error', text: res.message });
    onChanged({ ...res.data.subscription, counts: s.counts });
    onNotice({ kind: 'ok', text: t(s.enabled ? 'disabledNow' : 'enabledNow', { name: s.name }) });
  }

  async function runTest() {
    setBusy('test');
    setTest(null);
    const res = await sendTest(s.id);
    setBusy(null);
    if (!res.ok) return onNotice({ kind: 'error', text: res.message });
    setTest(res.data.delivery);
    onTested();
  }

  async function rotate() {
    setBusy('rotate');
    const res = await rotateSecret(s.id);
    setBusy(null);
    setConfirming(null);
    if (!res.ok) return onNotice({ kind: 'error', text: res.message });
    onChanged({ ...res.data.subscription, counts: s.counts });
    onNotice(null);
    onSecret(res.data.subscription, res.data.secret);
  }

  async function remove() {
    setBusy('delete');
    const res = await deleteSubscription(s.id);
    setBusy(null);
    setConfirming(null);
    if (!res.ok) return onNotice({ kind: 'error', text: res.message });
    onDeleted(res.data.subscription);
    onNotice({ kind: 'ok', text: t('deleted', { name: s.name }) });
  }

  return (
    <>
      <tr data-testid="subscription-row" data-name={s.name} data-enabled={s.enabled}>
        <td className="notify-sub__name">
          {s.name}
          <span className="admin-table__sub-text">{t(`channel_${s.channel}`)}</span>
        </td>
        <td className="admin-table__mono notify-sub__target" data-testid="subscription-target">
          {s.channel === 'webhook' ? s.url : (s.emails ?? []).join(', ')}
        </td>
        <td className="notify-sub__filter" data-testid="subscription-filter">
          {FILTER_KEYS.map((key) => {
            const c = s.filter[key];
            const names = key === 'agencies' ? agencyShort : labels(key);
            return (
              <span key={key} className="notify-sub__condition" data-key={key}>
                <span className="notify-sub__condition-name">{t(`filter_${key}`)}:</span>{' '}
                {c === 'all' ? t('all') : c.map((v) => names.get(v) ?? v).join(', ')}
              </span>
            );
          })}
        </td>
        <td>
          <span
            className={`admin-state admin-state--${s.enabled ? 'on' : 'off'}`}
            data-testid="subscription-enabled"
          >
            <span aria-hidden="true">{s.enabled ? '●' : '⊘'}</span>{' '}
            {s.enabled ? a('active') : a('disabled')}
          </span>
        </td>
        <td className="notify-sub__counts" data-testid="subscription-counts">
          <span className="notify-count notify-count--delivered">{s.counts.delivered}</span>
          {' / '}
          <span className="notify-count notify-count--pending">{s.counts.pending}</span>
          {' / '}
          <span
            className={`notify-count notify-count--dead${s.counts.dead > 0 ? ' notify-count--alarm' : ''}`}
          >
            {s.counts.dead}
          </span>
        </td>
        <td data-testid="subscription-last-delivered">
          {s.counts.lastDeliveredAt
            ? adminTime(s.counts.lastDeliveredAt, pack.timeZone, locale)
            : t('never')}
        </td>
        <td>{adminTime(s.createdAt, pack.timeZone, locale)}</td>
        <td>
          <div className="admin-table__actions notify-sub__actions">
            {confirming ? (
              <ConfirmAction
                question={t(confirming === 'delete' ? 'confirmDelete' : 'confirmRotate', {
                  name: s.name,
                })}
                confirmLabel={t(confirming === 'delete' ? 'confirmDeleteYes' : 'confirmRotateYes')}
                busyLabel={t(confirming === 'delete' ? 'deleting' : 'rotating')}
                busy={busy !== null}
                onConfirm={confirming === 'delete' ? remove : rotate}
                onCancel={() => setConfirming(null)}
                testId={`subscription-${confirming}-confirm`}
              />
            ) : (
              <>
                <button
                  type="button"
                  className="admin-button"
                  disabled={busy !== null}
                  onClick={toggle}
                  data-testid="subscription-toggle"
                >
                  {s.enabled ? a('disable') : a('enable')}
                </button>
                <button
                  type="button"
                  className="admin-button"
                  onClick={() => onEdit(s)}
                  data-testid="subscription-edit"
                >
                  {t('edit')}
                </button>
                <button
                  type="button"
                  className="admin-button"
                  disabled={busy !== null}
                  onClick={runTest}
                  data-testid="subscription-test"
                >
                  {busy === 'test' ? t('sendingTest') : t('sendTest')}
                </button>
                {s.channel === 'webhook' && (
                  <button
                    type="button"
                    className="admin-button"
                    onClick={() => setConfirming('rotate')}
                    data-testid="subscription-rotate"
                  >
                    {t('rotateSecret')}
                  </button>
                )}
                <button
                  type="button"
                  className="admin-button"
                  onClick={() => setConfirming('delete')}
                  data-testid="subscription-delete"
                >
                  {t('delete')}
                </button>
              </>
            )}
          </div>
        </td>
      </tr>
      {test && (
        <tr className="admin-table__sub">
          <td colSpan={SUBSCRIPTION_COLUMNS}>
            <p
              className={`notify-test notify-test--${test.status}`}
              role="status"
              data-testid="subscription-test-result"
              data-status={test.status}
            >
              <span className="notify-test__status">
                {t('testResult', { name: s.name, status: t(`status_${test.status}`) })}
                {test.lastStatus !== null && ` · ${t('testHttp', { status: test.lastStatus })}`}
              </span>
              {test.lastError && (
                <span className="notify-test__error" data-testid="subscription-test-error">
                  {t('lastError')}: {test.lastError}
                </span>
              )}
              <button type="button" className="admin-button" onClick={() => setTest(null)}>
                ×
              </button>
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
