/**
 * The analyst's alert queue on /ops: every active alert, most urgent first (the live
 * store's order: critical, then oldest), each saying what it is (severity, kind, summary in
 * the current language), whose it is (agency, escalation level), since when (WIB) and who
 * took it on; with the acts the principal may take (alert-queue-model.ts), a dismissal
 * that asks for its reason inline, and a button that opens its incident in the drawer.
 */
import { useState } from 'react';
import type { Alert } from '../../../shared/domain/alerts.ts';
import type { AlertAct, Principal } from '../../../shared/domain/access.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { formatMinutes, useLocale } from '../../i18n/locale.tsx';
import { nextLevel, offeredActs } from './alert-queue-model.ts';
import { formatZoned } from './ops-format.ts';
import type { AlertActions } from './use-alert-actions.ts';
import type { OpsLabels } from './use-ops-labels.ts';
import './alert-queue.css';

interface AlertQueueProps {
  alerts: readonly Alert[];
  /** False until the first snapshot: "no alerts" is only said about real data. */
  ready: boolean;
  principal: Principal | null;
  actions: AlertActions;
  labels: OpsLabels;
  timeZone: string;
  /** The server's now (ms). */
  now: number;
  onOpenIncident: (incidentId: string) => void;
}

export function AlertQueue(props: AlertQueueProps) {
  const { alerts, ready, labels } = props;
  const { t } = labels;
  const critical = alerts.filter((a) => a.severity === 'critical').length;
  return (
    <section className="ops-alerts" aria-label={t('alerts.title')} data-testid="alert-queue">
      <h2 className="ops-alerts__title">
        {t('alerts.title')}
        <span
          className="ops-alerts__count"
          data-testid="alert-queue-count"
          data-value={ready ? alerts.length : ''}
          data-critical={ready ? critical : ''}
        >
          {ready ? alerts.length : '–'}
        </span>
      </h2>
      {ready && alerts.length === 0 && (
        <p className="ops-alerts__empty" role="status" data-testid="alert-queue-empty">
          {t('alerts.empty')}
        </p>
      )}
      {ready && alerts.length > 0 && (
        <ol className="ops-alerts__list">
          {alerts.map((alert) => (
            <AlertItem key={alert.id} alert={alert} {...props} />
          ))}
        </ol>
      )}
    </section>
  );
}

function AlertItem(props: AlertQueueProps & { alert: Alert }) {
  const { alert, principal, actions, labels, timeZone, now } = props;
  const { t } = labels;
  const { locale } = useLocale();
  const [note, setNote] = useState<string | null>(null);
  const acts = offeredActs(alert, principal);
  const busy = actions.pending !== null;
  const sending = (act: AlertAct) =>
    actions.pending?.id === alert.id && actions.pending.act === act;
  const feedback = actions.feedback?.id === alert.id ? actions.feedback.feedback : null;
  const ageMin = Math.max(0, (now - Date.parse(alert.raisedAt)) / MINUTE_MS);
  const when = (iso: string) => formatZoned(iso, timeZone, locale, { seconds: false });
  const up = nextLevel(alert.level);
  const incidentId = alert.incidentIds[0];

  const send = async (act: AlertAct, text: string | null) => {
    if (await actions.send(alert.id, act, text)) setNote(null);
  };
  const button = (act: AlertAct, text: string, extra = '') => (
    <button
      key={act}
      type="button"
      className={`ops-button ops-button--small ${extra}`}
      data-testid={`alert-${act}`}
      disabled={busy}
      title={
        act === 'escalate' && up
          ? t('alerts.escalateTo', { level: t(`alertLevel.${up}`) })
          : undefined
      }
      onClick={() => (act === 'dismiss' ? setNote('') : void send(act, null))}
    >
      {sending(act) ? t('sending') : text}
    </button>
  );

  return (
    <li
      className={`ops-alert ops-alert--${alert.severity}`}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-severity={alert.severity}
      data-kind={alert.kind}
      data-level={alert.level}
      data-status={alert.status}
    >
      <div className="ops-alert__top">
        <span className="ops-alert__severity">{t(`alertSeverity.${alert.severity}`)}</span>
        <span className="ops-alert__kind">{t(`alertKind.${alert.kind}`)}</span>
        <span
          className="ops-alert__agency"
          title={alert.agency ? labels.agency(alert.agency) : undefined}
        >
          {alert.agency ? labels.agencyShort(alert.agency) : t('alerts.severalAgencies')}
        </span>
        <span className="ops-alert__level" data-testid="alert-level">
          {t(`alertLevel.${alert.level}`)}
        </span>
      </div>
      <p className="ops-alert__summary" data-testid="alert-summary">
        {alert.summary[locale]}
      </p>
      <div className="ops-alert__meta">
        <span data-testid="alert-raised">
          {t('alerts.raised', {
            ago: formatMinutes(ageMin, locale),
            time: when(alert.raisedAt),
          })}
        </span>
        <span data-testid="alert-ack">
          {alert.status === 'acknowledged' && alert.acknowledgedBy && alert.acknowledgedAt
            ? t('alerts.ackBy', {
                who: alert.acknowledgedBy.id || '—',
                time: when(alert.acknowledgedAt),
              })
            : t('alerts.notAcked')}
        </span>
      </div>
      <div className="ops-alert__actions">
        {acts.includes('acknowledge') &&
          button('acknowledge', t('alerts.acknowledge'), 'ops-button--primary')}
        {acts.includes('escalate') &&
          button('escalate', `▲ ${t('alerts.escalate')}`, 'ops-button--warn')}
        {acts.includes('dismiss') && note === null && button('dismiss', t('alerts.dismiss'))}
        {incidentId !== undefined && (
          <button
            type="button"
            className="ops-button ops-button--small"
            data-testid="alert-open"
            onClick={() => props.onOpenIncident(incidentId)}
          >
            {t('alerts.open')}
          </button>
        )}
      </div>
      {acts.includes('dismiss') && note !== null && (
        <form
          className="ops-alert__dismiss"
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim() !== '') void send('dismiss', note.trim());
          }}
        >
          <textarea
            className="ops-textarea"
            aria-label={t('alerts.dismissNote')}
            data-testid="alert-dismiss-note"
            rows={2}
            maxLength={2000}
            placeholder={t('alerts.dismissPlaceholder')}
            value={note}
            autoFocus
            disabled={busy}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNote(null)}
          />
          <div className="ops-alert__actions">
            <button
              type="submit"
              className="ops-button ops-button--small ops-button--warn"
              data-testid="alert-dismiss-confirm"
              disabled={busy || note.trim() === ''}
            >
              {sending('dismiss') ? t('sending') : t('alerts.confirmDismiss')}
            </button>
            <button
              type="button"
              className="ops-button ops-button--small"
              data-testid="alert-dismiss-cancel"
              onClick={() => setNote(null)}
            >
              {t('alerts.cancel')}
            </button>
          </div>
        </form>
      )}
      {feedback && (
        <p className="ops-drawer__error" role="alert" data-testid="alert-error">
          {t(feedback.kind, { message: feedback.message })}
        </p>
      )}
    </li>
  );
}
