/**
 * The analyst's alerts on the wall: a tile beside the KPIs (how many alerts are critical, of
 * how many active), and the panel of the critical alerts the `alerts` scene visits,
 * the one on camera marked. Each alert names its kind, its summary in Indonesian and in
 * English (read by the whole room), its agency and escalation level, and when it was
 * raised (WIB). Like the KPI tiles, counts carry their raw value in `data-value`, empty
 * until the data is real; stale data is the page's StaleBanner's to cover.
 */
import { agencyByCode } from '../../../shared/city/lookup.ts';
import type { CityPack } from '../../../shared/city/types.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import {
  formatClock,
  formatMinutes,
  formatNumber,
  useLocale,
  useMessages,
} from '../../i18n/locale.tsx';
import type { AlertCounts, AlertStop } from './wall-alert-tour.ts';
import { WALL_MESSAGES } from './wall-messages.ts';

/**
 * One tile for both counts, the critical ones first and large: the room acts on those. Each
 * number carries its raw value for automation, like the KPI tiles.
 */
export function AlertTile({ counts, ready }: { counts: AlertCounts; ready: boolean }) {
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const alarm = ready && counts.critical > 0;
  return (
    <div
      className={`wall-kpi wall-kpi--alerts ${alarm ? 'wall-kpi--alarm' : ''}`}
      data-testid="kpi-alerts"
    >
      <span className="wall-kpi__value">
        <span data-testid="kpi-criticalAlerts" data-value={ready ? counts.critical : ''}>
          {ready ? formatNumber(counts.critical, locale) : '–'}
        </span>
        <span
          className="wall-kpi__of"
          data-testid="kpi-activeAlerts"
          data-value={ready ? counts.active : ''}
        >
          {' / '}
          {ready ? formatNumber(counts.active, locale) : '–'}
        </span>
      </span>
      <span className="wall-kpi__label">{t('kpi_alerts')}</span>
    </div>
  );
}

interface CriticalAlertPanelProps {
  pack: CityPack;
  stops: readonly AlertStop[];
  /** The stop on camera; -1 when none. */
  current: number;
  serverNow: number;
}

export function CriticalAlertPanel({ pack, stops, current, serverNow }: CriticalAlertPanelProps) {
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const zone = zoneLabel(pack.timeZone);
  return (
    <section className="wall-alerts" data-testid="critical-alerts">
      {stops.length === 0 && <p className="wall-feed__empty">{t('alerts_empty')}</p>}
      {current >= 0 && stops.length > 0 && (
        <span className="wall-card__eyebrow">
          {t('alert_of', { n: current + 1, total: stops.length })}
        </span>
      )}
      <ol>
        {stops.map(({ alert }, i) => {
          const agency = alert.agency ? agencyByCode(pack, alert.agency) : undefined;
          const ageMin = Math.max(0, (serverNow - Date.parse(alert.raisedAt)) / MINUTE_MS);
          return (
            <li
              key={alert.id}
              className={`wall-alerts__item ${i === current ? 'is-current' : ''}`}
              data-alert-id={alert.id}
              data-current={i === current ? 'true' : 'false'}
            >
              <span className="wall-alerts__kind">{t(`alertKind_${alert.kind}`)}</span>
              <span className="wall-alerts__summary">
                <strong lang="id">{alert.summary.id}</strong>
                <span lang="en">{alert.summary.en}</span>
              </span>
              <span className="wall-alerts__meta">
                <span>
                  {t('alert_raised', {
                    time: `${formatClock(alert.raisedAt, pack.timeZone, 'en').slice(0, 5)} ${zone}`,
                    ago: formatMinutes(ageMin, locale),
                  })}
                </span>
                <span>
                  {agency?.short ?? alert.agency ?? t('alert_several')} ·{' '}
                  {t(`alertLevel_${alert.level}`)}
                  {alert.status === 'acknowledged' && ` · ${t('alert_acknowledged')}`}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
