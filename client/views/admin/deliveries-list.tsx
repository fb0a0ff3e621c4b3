/**
 * The notification deliveries, newest first, filtered by status: `dead` lists the dead
 * letters, the only ones offered a replay (the server refuses any other). Each shows its
 * tries, the last HTTP status and error, and when it is tried next, in the city's time.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import {
  DELIVERY_STATUSES,
  TEST_EVENT_TYPE,
  type DeliveryStatus,
  type DeliveryView,
} from '../../../shared/domain/notify-contract.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { adminTime } from './admin-time.ts';
import { Notice, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { ListProblem } from './list-problem.tsx';
import { listDeliveries, replayDelivery } from './notify-api.ts';
import { useNotifyMessages } from './notify.messages.ts';
import { canReplay } from './notify-rules.ts';
import { useAdminList } from './use-admin-list.ts';

/** Enough to see what went wrong lately; older ones are in the database. */
export const DELIVERIES_SHOWN = 50;

interface DeliveriesListProps {
  pack: CityPack;
  /** Changes when something elsewhere (a test sent) added deliveries. */
  reloadKey: number;
  /** A dead delivery was replayed: the subscriptions' counts changed. */
  onReplayed: () => void;
}

export function DeliveriesList({ pack, reloadKey, onReplayed }: DeliveriesListProps) {
  const a = useAdminMessages();
  const t = useNotifyMessages();
  const { locale } = useLocale();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [notice, setNotice] = useState<NoticeState>(null);
  const [replaying, setReplaying] = useState<string | null>(null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const res = await listDeliveries(
        { status: status || undefined, limit: DELIVERIES_SHOWN },
        signal,
      );
      return res.ok ? { ...res, data: res.data.deliveries } : res;
    },
    [status],
  );
  const { state, retry, refresh } = useAdminList<DeliveryView>(load);
  const when = (iso: string | null) => (iso ? adminTime(iso, pack.timeZone, locale) : '—');

  useEffect(() => {
    if (reloadKey > 0) refresh();
  }, [reloadKey, refresh]);

  async function replay(d: DeliveryView) {
    setReplaying(d.id);
    const res = await replayDelivery(d.id);
    setReplaying(null);
    if (!res.ok) {
      setNotice({ kind: 'error', text: res.message });
      return;
    }
    setNotice({ kind: 'ok', text: t('replayed', { name: d.subscriptionName }) });
    refresh();
    onReplayed();
  }

  return (
    <div className="notify-deliveries" data-testid="notify-deliveries">
      <div className="notify-deliveries__bar">
        <h3 className="admin-form__title">{t('deliveries')}</h3>
        <label className="admin-field notify-deliveries__filter">
          <span className="admin-field__label">{t('statusFilter')}</span>
          <select
            name="delivery-status"
            value={status}
            onChange={(e) => {
              setNotice(null);
              setStatus(e.target.value as DeliveryStatus | '');
            }}
            data-testid="deliveries-status"
          >
            <option value="">{t('allStatuses')}</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="admin-field__hint">{t('statusDeadHint')}</span>
        <button type="button" className="admin-button" onClick={refresh}>
          {a('refresh')}
        </button>
      </div>
      <Notice notice={notice} testid="deliveries-notice" />
      {state.status !== 'ready' ? (
        <ListProblem state={state} retry={retry} />
      ) : state.items.length === 0 ? (
        <p className="admin-empty">{t('noDeliveries')}</p>
      ) : (
        <div className="admin-table__wrap">
          <table className="admin-table notify-deliveries__table" data-testid="deliveries-table">
            <thead>
              <tr>
                <th scope="col">{t('createdAt')}</th>
                <th scope="col">{t('subscription')}</th>
                <th scope="col">{t('event')}</th>
                <th scope="col">{a('status')}</th>
                <th scope="col">{t('attempts')}</th>
                <th scope="col">{t('lastStatus')}</th>
                <th scope="col">{t('lastError')}</th>
                <th scope="col">{t('nextAttempt')}</th>
                <th scope="col">{a('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((d) => (
                <tr key={d.id} data-testid="delivery-row" data-status={d.status} data-id={d.id}>
                  <td>{when(d.createdAt)}</td>
                  <td>
                    {d.subscriptionName}
                    <span className="admin-table__sub-text">{d.summary[locale]}</span>
                  </td>
                  <td className="admin-table__mono">
                    {d.eventType === TEST_EVENT_TYPE ? t('event_test') : d.eventType}
                  </td>
                  <td>
                    <span className={`notify-status notify-status--${d.status}`}>
                      {t(`status_${d.status}`)}
                    </span>
                    {d.deliveredAt && (
                      <span className="admin-table__sub-text">{when(d.deliveredAt)}</span>
                    )}
                  </td>
                  <td data-testid="delivery-attempts">{d.attempts}</td>
                  <td data-testid="delivery-last-status">{d.lastStatus ?? '—'}</td>
                  <td className="notify-deliveries__error" data-testid="delivery-last-error">
                    {d.lastError ?? '—'}
                  </td>
                  <td data-testid="delivery-next-attempt">{when(d.nextAttemptAt)}</td>
                  <td>
                    {canReplay(d) && (
                      <button
                        type="button"
                        className="admin-button"
                        disabled={replaying !== null}
                        onClick={() => replay(d)}
                        data-testid="delivery-replay"
                      >
                        {replaying === d.id ? t('replaying') : t('replay')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
