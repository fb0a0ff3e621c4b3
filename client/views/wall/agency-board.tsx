/**
 * The agency status board: per agency open, in progress and overdue counts, the median
 * minutes to first response today, SLA compliance and the one-hour trend of overdue work
 * (see `agencyRows`). Raw numbers ride on data attributes, so a test or an automation
 * can check each row against GET /api/v1/stats.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import {
  formatMinutes,
  formatNumber,
  formatPercent,
  localName,
  useLocale,
  useMessages,
} from '../../i18n/locale.tsx';
import { WALL_MESSAGES } from './wall-messages.ts';
import './wall-board.css';
import type { AgencyRow, Trend } from './wall-stats.ts';

const ARROW: Record<Trend, string> = { worse: '▲', better: '▼', steady: '▶' };
/** Below this, SLA compliance is flagged (with a mark, not colour alone). */
const SLA_TARGET_PCT = 80;

interface AgencyBoardProps {
  pack: CityPack;
  rows: AgencyRow[];
  ready: boolean;
  focused: boolean;
}

export function AgencyBoard({ pack, rows, ready, focused }: AgencyBoardProps) {
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const names = new Map(pack.agencies.map((a) => [a.code, a.name]));
  const num = (n: number) => (ready ? formatNumber(n, locale) : '–');
  return (
    <section
      className={`wall-board ${focused ? 'wall-board--focused' : ''}`}
      data-testid="agency-board"
    >
      <h2 className="wall-board__title">{t('board_title')}</h2>
      <table className="wall-board__table">
        <thead>
          <tr>
            <th scope="col">{t('board_agency')}</th>
            <th scope="col">{t('board_open')}</th>
            <th scope="col">{t('board_inProgress')}</th>
            <th scope="col">{t('board_overdue')}</th>
            <th scope="col">{t('board_firstResponse')}</th>
            <th scope="col">{t('board_sla')}</th>
            <th scope="col">{t('board_trend')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const s = row.stats;
            const name = names.get(row.code);
            const slaLow = s.slaCompliancePct !== null && s.slaCompliancePct < SLA_TARGET_PCT;
            return (
              <tr
                key={row.code}
                data-testid={`agency-row-${row.code}`}
                data-open={s.open}
                data-in-progress={s.inProgress}
                data-overdue={s.overdue}
                data-median-first-response={s.medianFirstResponseMin ?? ''}
                data-sla-pct={s.slaCompliancePct ?? ''}
                data-overdue-hour-ago={row.overdueHourAgo}
                data-trend={row.trend}
              >
                <th scope="row">
                  <span className="wall-board__short">{row.short}</span>
                  {name && <span className="wall-board__name">{localName(name, locale)}</span>}
                </th>
                <td>{num(s.open)}</td>
                <td>{num(s.inProgress)}</td>
                <td className={s.overdue > 0 ? 'is-alarm' : ''}>{num(s.overdue)}</td>
                <td>{ready ? formatMinutes(s.medianFirstResponseMin, locale) : '–'}</td>
                <td className={slaLow ? 'is-warn' : ''}>
                  {slaLow && <span aria-hidden="true">⚠ </span>}
                  {ready ? formatPercent(s.slaCompliancePct, locale) : '–'}
                </td>
                <td className={`wall-board__trend is-${row.trend}`} title={t(`trend_${row.trend}`)}>
                  <span aria-hidden="true">{ARROW[row.trend]}</span>{' '}
                  {row.delta === 0 ? '0' : `${row.delta > 0 ? '+' : '−'}${Math.abs(row.delta)}`}
                  <span className="wall-visually-hidden"> {t(`trend_${row.trend}`)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="wall-board__note">{t('board_note')}</p>
    </section>
  );
}
