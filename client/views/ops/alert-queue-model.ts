/**
 * Which acts the queue offers on one alert. Two questions, as for the drawer: may this role
 * ever do it on this alert (the shared `authorize` policy, the very one the server
 * enforces, not a copy of its rules), and does the alert's state leave anything to do (an
 * acknowledged alert needs no second acknowledgement; the top of the chain cannot go
 * higher). What the role may never do is hidden, not greyed: a viewer sees a queue, not a
 * wall of dead buttons. The server still decides.
 */
import {
  ESCALATION_LEVELS,
  type Alert,
  type EscalationLevel,
} from '../../../shared/domain/alerts.ts';
import { authorize, type AlertAct, type Principal } from '../../../shared/domain/access.ts';

export const ALERT_ACTS: readonly AlertAct[] = ['acknowledge', 'escalate', 'dismiss'];

/** The level an escalation would reach, or null at the top of the chain. */
export function nextLevel(level: EscalationLevel): EscalationLevel | null {
  return ESCALATION_LEVELS[ESCALATION_LEVELS.indexOf(level) + 1] ?? null;
}

function stateAllows(alert: Alert, act: AlertAct): boolean {
  if (act === 'acknowledge') return alert.status === 'open';
  if (act === 'escalate') return nextLevel(alert.level) !== null;
  return true;
}

/** The acts to show on `alert` for `principal`, in button order; none until the role is known. */
export function offeredActs(alert: Alert, principal: Principal | null): AlertAct[] {
  if (!principal) return [];
  return ALERT_ACTS.filter(
    (act) =>
      stateAllows(alert, act) && authorize(principal, { type: 'alert:act', act, alert }).allowed,
  );
}
