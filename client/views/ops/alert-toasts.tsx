/**
 * Toasts for new critical incidents: what and where, with a button that opens it. They sit
 * over the map, newest on top, and leave by themselves after a while or when dismissed.
 */
import type { Incident } from '../../../shared/domain/types.ts';
import type { CriticalAlert } from './use-critical-alarm.ts';
import type { OpsLabels } from './use-ops-labels.ts';

interface AlertToastsProps {
  alerts: CriticalAlert[];
  incidents: ReadonlyMap<string, Incident>;
  labels: OpsLabels;
  soundBlocked: boolean;
  onShow: (id: string) => void;
  onDismiss: (id: string) => void;
}

export function AlertToasts({
  alerts,
  incidents,
  labels,
  soundBlocked,
  onShow,
  onDismiss,
}: AlertToastsProps) {
  const { t } = labels;
  if (alerts.length === 0) return null;
  return (
    <div className="ops-toasts" role="alert" aria-live="assertive" data-testid="ops-alerts">
      {alerts.map(({ incidentId }) => {
        const incident = incidents.get(incidentId);
        if (!incident) return null;
        return (
          <div key={incidentId} className="ops-toast" data-testid={`ops-alert-${incidentId}`}>
            <span className="ops-toast__icon" aria-hidden="true">
              ▲
            </span>
            <div className="ops-toast__text">
              <strong className="ops-toast__title">
                {t('newCritical')}: {labels.category(incident.category)}
              </strong>
              <span className="ops-toast__where">{incident.address ?? t('noAddress')}</span>
              {soundBlocked && <span className="ops-toast__hint">{t('soundBlocked')}</span>}
            </div>
            <button
              type="button"
              className="ops-button ops-button--primary"
              onClick={() => onShow(incidentId)}
            >
              {t('show')}
            </button>
            <button
              type="button"
              className="ops-toast__close"
              aria-label={t('dismiss')}
              onClick={() => onDismiss(incidentId)}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
