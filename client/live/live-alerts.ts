/**
 * The order alerts are worked in on every screen (the /ops queue, the wall's panel):
 * critical before warning, then the oldest first, so what has waited longest for someone
 * rises to the top. Pure; the live store keeps the result as one array per change.
 */
import { isActiveAlert, type Alert } from '../../shared/domain/alerts.ts';

const SEVERITY_RANK: Record<Alert['severity'], number> = { critical: 0, warning: 1 };

/** Critical first, then raised earlier, then by id (so equal alerts keep one order). */
export function compareAlertUrgency(a: Alert, b: Alert): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    Date.parse(a.raisedAt) - Date.parse(b.raisedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The active alerts of `alerts`, most urgent first. */
export function activeAlertsByUrgency(alerts: Iterable<Alert>): Alert[] {
  const active: Alert[] = [];
  for (const alert of alerts) if (isActiveAlert(alert)) active.push(alert);
  return active.sort(compareAlertUrgency);
}
