/**
 * Whether a subscription hears one alert event: its filter's four conditions, each `all`
 * or a list, read against the alert as the event left it (notify-contract.ts says how each
 * compares). Pure, so the dispatcher and its table-driven tests agree by construction.
 */
import type { Alert, AlertEventType } from '../../shared/domain/alerts.ts';
import {
  notifyEventOf,
  type Choice,
  type NotifyFilter,
} from '../../shared/domain/notify-contract.ts';

const holds = <T extends string>(choice: Choice<T>, value: T | null): boolean =>
  choice === 'all' || (value !== null && choice.includes(value));

export function matchesFilter(
  filter: NotifyFilter,
  alert: Pick<Alert, 'kind' | 'agency' | 'level'>,
  eventType: AlertEventType,
): boolean {
  return (
    holds(filter.kinds, alert.kind) &&
    holds(filter.agencies, alert.agency) &&
    holds(filter.levels, alert.level) &&
    holds(filter.events, notifyEventOf(eventType))
  );
}
