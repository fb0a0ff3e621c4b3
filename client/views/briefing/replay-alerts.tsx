/**
 * The analyst's alerts in the replay panel: those active at the slider's time, most urgent
 * first (the order every live screen works them in: critical, then oldest), each saying
 * what it is (severity, kind, summary in the current language), whose it is (agency,
 * escalation level), since when and whether someone had taken it on then. Read-only: the
 * past is not acted on.
 */
import { useMemo } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Alert } from '../../../shared/domain/alerts.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import { useLocale, useMessages } from '../../i18n/locale.tsx';
import { activeAlertsByUrgency } from '../../live/live-alerts.ts';
import { formatDateTime } from './format.ts';
import { agencyName, agencyShort } from './names.ts';
import { REPLAY_ALERT_MESSAGES } from './replay-alerts.messages.ts';
import './replay-alerts.css';

interface ReplayAlertsProps {
  pack: CityPack;
  /** The alerts screens held at the replay's time (cleared ones are left out here). */
  alerts: readonly Alert[];
}

export function ReplayAlerts({ pack, alerts }: ReplayAlertsProps) {
  const t = useMessages(REPLAY_ALERT_MESSAGES);
  const { locale } = useLocale();
  const active = useMemo(() => activeAlertsByUrgency(alerts), [alerts]);
  const critical = active.filter((a) => a.severity === 'critical').length;
  const when = (iso: string) =>
    `${formatDateTime(iso, pack.timeZone, locale)} ${zoneLabel(pack.timeZone)}`;

  return (
    <section
      className="briefing-replay-alerts"
      aria-label={t('title')}
      data-testid="replay-alerts"
      data-count={active.length}
      data-critical={critical}
    >
      <h3 className="briefing-subhead">
        {t('title')}{' '}
        <span className="briefing-replay-alerts__count">
          {t('count', { n: active.length, critical })}
        </span>
      </h3>
      {active.length === 0 ? (
        <p className="briefing-empty" data-testid="replay-alerts-none">
          {t('none')}
        </p>
      ) : (
        <ol className="briefing-replay-alerts__list">
          {active.map((a) => (
            <li
              key={a.id}
              className={`briefing-replay-alert briefing-replay-alert--${a.severity}`}
              data-testid="replay-alert"
              data-alert-id={a.id}
              data-status={a.status}
              data-level={a.level}
            >
              <span className="briefing-replay-alert__top">
                <strong>{t(`severity.${a.severity}`)}</strong> · {t(`kind.${a.kind}`)} ·{' '}
                <span title={a.agency ? agencyName(pack, a.agency, locale) : undefined}>
                  {a.agency ? agencyShort(pack, a.agency) : t('severalAgencies')}
                </span>{' '}
                · <span data-testid="replay-alert-level">{t(`level.${a.level}`)}</span>
              </span>
              <span className="briefing-replay-alert__summary">{a.summary[locale]}</span>
              <span className="briefing-replay__meta">
                {t('raised', { time: when(a.raisedAt) })} ·{' '}
                <span data-testid="replay-alert-ack">
                  {a.status === 'acknowledged' && a.acknowledgedAt
                    ? t('ackBy', {
                        who: a.acknowledgedBy?.id || '—',
                        time: when(a.acknowledgedAt),
                      })
                    : t('notAcked')}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
