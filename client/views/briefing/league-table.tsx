/**
 * One league table (agencies, kelurahan or kecamatan). Units with fewer reports than the
 * minimum are listed after the ranked ones, greyed and unranked, so one fast report
 * cannot top the table. A row's name is a button: it opens that unit's overdue list.
 */
import { useState, type ReactNode } from 'react';
import type { LeagueRow } from '../../../shared/domain/briefing.ts';
import {
  formatMinutes,
  formatNumber,
  formatPercent,
  useLocale,
  useMessages,
} from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { DELTA_ARROW, trendDelta } from './kpi-delta.ts';

const FIRST_ROWS = 12;

interface LeagueTableProps {
  id: string;
  title: string;
  rows: readonly LeagueRow[];
  minCount: number;
  nameOf: (key: string) => string;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  controls?: ReactNode;
}

export function LeagueTable(props: LeagueTableProps) {
  const { id, title, rows, minCount, nameOf, selectedKey, onSelect } = props;
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);

  return (
    <section
      className="briefing-league"
      aria-labelledby={`${id}-title`}
      data-testid={`briefing-league-${id}`}
    >
      <header className="briefing-league__head">
        <h3 id={`${id}-title`}>{title}</h3>
        {props.controls}
      </header>
      {rows.length === 0 ? (
        <p className="briefing-empty">{t('noRows')}</p>
      ) : (
        <table className="briefing-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('col.rank')}
              </th>
              <th scope="col">{t('col.name')}</th>
              <th scope="col" className="num">
                {t('col.reports')}
              </th>
              <th scope="col" className="num">
                {t('col.sla')}
              </th>
              <th scope="col" className="num">
                {t('col.response')}
              </th>
              <th scope="col" className="num">
                {t('col.overdue')}
              </th>
              <th scope="col" className="num">
                {t('col.trend')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const trend = trendDelta(row.trendPts);
              const ranked = row.rank !== null;
              return (
                <tr
                  key={row.key}
                  className={`briefing-row ${ranked ? '' : 'briefing-row--unranked'}`}
                  aria-selected={row.key === selectedKey}
                  data-testid="briefing-league-row"
                  data-key={row.key}
                  data-rank={row.rank ?? ''}
                  onClick={() => onSelect(row.key)}
                >
                  <td className="num">{row.rank ?? '–'}</td>
                  <td>
                    <button
                      type="button"
                      className="briefing-row__name"
                      onClick={(e) => (e.stopPropagation(), onSelect(row.key))}
                    >
                      {nameOf(row.key)}
                    </button>
                    {!ranked && (
                      <span className="briefing-row__note">{t('belowMin', { n: minCount })}</span>
                    )}
                  </td>
                  <td className="num">{formatNumber(row.reports, locale)}</td>
                  <td className="num">{formatPercent(row.slaCompliancePct, locale)}</td>
                  <td className="num">{formatMinutes(row.medianResponseMin, locale)}</td>
                  <td className="num">{formatNumber(row.overdueAtEnd, locale)}</td>
                  <td className={`num briefing-trend briefing-trend--${trend.verdict}`}>
                    {trend.change === null ? (
                      <span className="briefing-note">{t('noComparison')}</span>
                    ) : (
                      <>
                        <span aria-hidden="true">{DELTA_ARROW[trend.direction]}</span>{' '}
                        {`${trend.change > 0 ? '+' : trend.change < 0 ? '−' : '±'}${formatNumber(Math.abs(trend.change), locale, 1)}`}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.length > FIRST_ROWS && (
        <button type="button" className="briefing-link" onClick={() => setAll((v) => !v)}>
          {all ? t('showFewer') : t('showAll', { n: rows.length })}
        </button>
      )}
    </section>
  );
}
