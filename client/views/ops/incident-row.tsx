/**
 * One row of the live list: what, where, who, since when, and how long until the SLA
 * breaks (red once past). Status is a chip with its colour and its name, never colour alone.
 * A master of duplicate reports says how many reporters it stands for.
 */
import { memo, type CSSProperties } from 'react';
import { reportersOf } from '../../../shared/domain/duplicates.ts';
import { isOpen, timeLeftMs } from '../../../shared/domain/sla.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { formatMinutes, formatNumber, useLocale, useMessages } from '../../i18n/locale.tsx';
import { DUPLICATE_MESSAGES } from './duplicates.messages.ts';
import { StatusChip } from './status-chip.tsx';
import type { OpsLabels } from './use-ops-labels.ts';

interface IncidentRowProps {
  incident: Incident;
  /** Position in the sorted list, exposed for tests and automation. */
  index: number;
  selected: boolean;
  now: number;
  labels: OpsLabels;
  onSelect: (id: string) => void;
  style: CSSProperties;
}

export const IncidentRow = memo(function IncidentRow(props: IncidentRowProps) {
  const { incident, index, selected, now, labels, onSelect, style } = props;
  const { locale } = useLocale();
  const { t } = labels;
  const dt = useMessages(DUPLICATE_MESSAGES);
  const reporters = reportersOf(incident);
  const open = isOpen(incident);
  const leftMs = timeLeftMs(incident, new Date(now));
  const overdue = open && leftMs < 0;
  // Clocks disagree by a little: a report from "the future" is simply new.
  const ageMin = Math.max(0, (now - Date.parse(incident.reportedAt)) / MINUTE_MS);
  const sla = !open
    ? t('ended')
    : overdue
      ? t('overdueBy', { t: formatMinutes(-leftMs / MINUTE_MS, locale) })
      : t('left', { t: formatMinutes(leftMs / MINUTE_MS, locale) });

  return (
    <div
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      className={`ops-row ops-row--${incident.severity} ${selected ? 'ops-row--selected' : ''} ${open ? '' : 'ops-row--ended'}`}
      data-testid={`incident-row-${incident.id}`}
      data-index={index}
      data-status={incident.status}
      data-overdue={overdue}
      style={style}
      onClick={() => onSelect(incident.id)}
    >
      <span className="ops-row__severity" title={labels.severity(incident.severity)}>
        {labels.severity(incident.severity)}
      </span>
      <span className="ops-row__category">{labels.category(incident.category)}</span>
      <span
        className={`ops-row__sla ${overdue ? 'ops-row__sla--overdue' : ''}`}
        data-testid="row-sla"
      >
        {sla}
      </span>
      <span className="ops-row__address">{incident.address ?? t('noAddress')}</span>
      <span className="ops-row__age">{t('ago', { t: formatMinutes(ageMin, locale) })}</span>
      <span className="ops-row__meta">
        <StatusChip status={incident.status} label={labels.status(incident.status)} />
        <span className="ops-row__agency">{labels.agencyShort(incident.agency)}</span>
        <span className="ops-row__source">{labels.source(incident.source)}</span>
        {reporters > 1 && (
          <span className="ops-row__reporters" data-testid="row-reporters" data-value={reporters}>
            {dt('reporters', { n: formatNumber(reporters, locale) })}
          </span>
        )}
      </span>
    </div>
  );
});
