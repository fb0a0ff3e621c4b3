/**
 * The five headline numbers. Each tile carries its raw value in `data-value` (empty when
 * there is none yet) for tests and automation; what is shown is localised. Numbers such
 * as "overdue" and "today" move with time as well as with the log, so the section names
 * the instant they were computed at in `data-at`, and the log position in `data-seq`:
 * the tiles follow the data at most once a second, so they may trail the live
 * indicator's `data-seq` by that much, and these two pin down exactly what they show.
 * Today's reports counts incidents (duplicates linked to one count once: stats.ts); under
 * it, every report made today, as "from N reporters".
 */
import type { ReactNode } from 'react';
import type { GroupStats } from '../../../shared/domain/stats.ts';
import {
  formatMinutes,
  formatNumber,
  formatPercent,
  useLocale,
  useMessages,
} from '../../i18n/locale.tsx';
import { KPI_NAMES, kpiValues, type KpiName } from './wall-stats.ts';
import { WALL_MESSAGES } from './wall-messages.ts';

function shown(name: KpiName, value: number | null, locale: 'id' | 'en'): string {
  if (name === 'resolvedPct') return formatPercent(value, locale);
  if (name === 'medianFirstResponseMin') return formatMinutes(value, locale);
  return value === null ? '–' : formatNumber(value, locale);
}

interface KpiTilesProps {
  totals: GroupStats;
  ready: boolean;
  /** The server-corrected instant (ms) the totals were computed at. */
  at?: number;
  /** The log position (seq) the totals were computed at. */
  seq?: number;
  /** More tiles after the five (the analyst's alert counts). */
  children?: ReactNode;
}

export function KpiTiles({ totals, ready, at, seq, children }: KpiTilesProps) {
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const values = kpiValues(totals);
  return (
    <section
      className="wall-kpis"
      aria-label="KPI"
      data-testid="wall-kpis"
      data-at={ready && at !== undefined ? new Date(at).toISOString() : ''}
      data-seq={ready && seq !== undefined ? seq : ''}
    >
      {KPI_NAMES.map((name) => {
        const value = ready ? values[name] : null;
        const alarm = name === 'overdue' && (value ?? 0) > 0;
        return (
          <div
            key={name}
            className={`wall-kpi ${alarm ? 'wall-kpi--alarm' : ''}`}
            data-testid={`kpi-${name}`}
            data-value={value ?? ''}
          >
            <span className="wall-kpi__value">{ready ? shown(name, value, locale) : '–'}</span>
            <span className="wall-kpi__label">{t(`kpi_${name}`)}</span>
            {name === 'reportedToday' && ready && (
              <span
                className="wall-kpi__sub"
                data-testid="kpi-reportersToday"
                data-value={totals.reportersToday}
              >
                {t('kpi_reportersToday', { n: formatNumber(totals.reportersToday, locale) })}
              </span>
            )}
          </div>
        );
      })}
      {children}
    </section>
  );
}
