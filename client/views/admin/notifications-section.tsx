/**
 * The notifications part of the admin page: the form to add a subscription (or edit one),
 * a webhook's signing secret shown once after creating or rotating it, the subscriptions
 * table with each one's recent deliveries, and the deliveries list with its dead letters.
 * A test or a replay changes the counts, so both lists reload after one.
 */
import { useCallback, useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { SubscriptionView } from '../../../shared/domain/notify-contract.ts';
import { Notice, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { DeliveriesList } from './deliveries-list.tsx';
import { ListProblem } from './list-problem.tsx';
import { listSubscriptions } from './notify-api.ts';
import { useNotifyMessages } from './notify.messages.ts';
import { NotifySecret } from './notify-secret.tsx';
import { SubscriptionForm } from './subscription-form.tsx';
import { SubscriptionRow } from './subscription-row.tsx';
import { useAdminList } from './use-admin-list.ts';
import './notifications.css';

const loadSubscriptions = async (signal: AbortSignal) => {
  const res = await listSubscriptions(signal);
  return res.ok ? { ...res, data: res.data.subscriptions } : res;
};

interface FreshSecret {
  subscription: SubscriptionView;
  secret: string;
}

export function NotificationsSection({ pack }: { pack: CityPack }) {
  const a = useAdminMessages();
  const t = useNotifyMessages();
  const { state, retry, upsert, remove, refresh } =
    useAdminList<SubscriptionView>(loadSubscriptions);
  const [editing, setEditing] = useState<SubscriptionView | null>(null);
  const [fresh, setFresh] = useState<FreshSecret | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const [deliveriesKey, setDeliveriesKey] = useState(0);

  const deliveriesChanged = useCallback(() => {
    refresh();
    setDeliveriesKey((n) => n + 1);
  }, [refresh]);

  return (
    <section
      className="admin-section"
      aria-labelledby="admin-notifications"
      data-testid="admin-notifications"
    >
      <h2 id="admin-notifications" className="admin-section__title">
        {t('notifications')}
        {state.status === 'ready' && (
          <span className="admin-section__count">{state.items.length}</span>
        )}
        <button
          type="button"
          className="admin-button admin-section__refresh"
          onClick={deliveriesChanged}
          data-testid="notifications-refresh"
        >
          {a('refresh')}
        </button>
      </h2>
      <p className="admin-field__hint notify-intro">{t('notificationsHint')}</p>
      <SubscriptionForm
        // A fresh form for each subscription edited, and for adding after an edit.
        key={editing?.id ?? 'new'}
        pack={pack}
        editing={editing}
        onSaved={(subscription, secret, created) => {
          upsert(
            created
              ? subscription
              : {
                  ...subscription,
                  counts: editing?.counts ?? subscription.counts,
                },
          );
          setEditing(null);
          setFresh(secret ? { subscription, secret } : null);
          setNotice({
            kind: 'ok',
            text: t(created ? 'created' : 'saved', { name: subscription.name }),
          });
        }}
        onCancel={() => setEditing(null)}
        onNothingChanged={() => {
          setEditing(null);
          setNotice({ kind: 'ok', text: t('nothingChanged') });
        }}
      />
      {fresh && (
        <NotifySecret
          subscription={fresh.subscription}
          secret={fresh.secret}
          onDismiss={() => setFresh(null)}
        />
      )}
      <Notice notice={notice} testid="notify-notice" />
      <h3 className="admin-form__title notify-list-title">{t('subscriptions')}</h3>
      {state.status !== 'ready' ? (
        <ListProblem state={state} retry={retry} />
      ) : state.items.length === 0 ? (
        <p className="admin-empty">{t('noSubscriptions')}</p>
      ) : (
        <div className="admin-table__wrap">
          <table className="admin-table notify-subs" data-testid="subscriptions-table">
            <thead>
              <tr>
                <th scope="col">{a('name')}</th>
                <th scope="col">{t('target')}</th>
                <th scope="col">{t('filter')}</th>
                <th scope="col">{a('status')}</th>
                <th scope="col">{t('counts')}</th>
                <th scope="col">{t('lastDelivered')}</th>
                <th scope="col">{t('createdAt')}</th>
                <th scope="col">{a('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((s) => (
                <SubscriptionRow
                  key={s.id}
                  subscription={s}
                  pack={pack}
                  onChanged={upsert}
                  onDeleted={(gone) => {
                    remove(gone.id);
                    if (editing?.id === gone.id) setEditing(null);
                    if (fresh?.subscription.id === gone.id) setFresh(null);
                  }}
                  onEdit={(sub) => {
                    setNotice(null);
                    setEditing(sub);
                  }}
                  onSecret={(subscription, secret) => setFresh({ subscription, secret })}
                  onTested={deliveriesChanged}
                  onNotice={setNotice}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <DeliveriesList pack={pack} reloadKey={deliveriesKey} onReplayed={deliveriesChanged} />
    </section>
  );
}
