/** Times left and distances as a crew reads them on the move. */
import { formatMinutes, formatNumber, type Locale } from '../../i18n/locale.tsx';
import type { FieldLabels } from './use-field-labels.ts';

export function formatDistance(m: number, locale: Locale): string {
  if (m < 1_000) return `${Math.round(m)} m`;
  return `${formatNumber(m / 1_000, locale, m < 10_000 ? 1 : 0)} km`;
}

export function formatLeft(ms: number, labels: Pick<FieldLabels, 't' | 'locale'>): string {
  const time = formatMinutes(Math.abs(ms) / 60_000, labels.locale);
  return labels.t(ms < 0 ? 'overdue' : 'left', { time });
}
