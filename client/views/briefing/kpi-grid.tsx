/**
 * The period's KPIs, each with the previous period's value beside it and an arrow whose
 * meaning is spelled out ("lebih baik"), since colour alone says nothing to some readers.
 * Each tile exposes its raw value for tests and automation.
 */
import type { PeriodKpis } from '../../../shared/domain/briefing.ts';
import { useLocale, useMessages } from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { formatChange, formatKpi } from './format.ts';
import { DELTA_ARROW, KPI_NAMES, kpiDelta, type KpiDelta, type KpiName } from './kpi-delta.ts';

interface KpiGridProps {
  kpis: PeriodKpis;
  previous: PeriodKpis;
}

export function KpiGrid({ kpis, previous }: KpiGridProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const verdictText = (d: KpiDelta) =>
    d.verdict === 'better'
      ? t('better')
      : d.verdict === 'worse'
        ? t('worse')
        : d.verdict === 'none'
          ? t('noComparison')
          : d.direction === 'same'
            ? t('unchanged')
            : '';
  return (
    <ul className="briefing-kpis">
      {KPI_NAMES.map((name: KpiName) => {
        const value = kpis[name];
        const before = previous[name];
        const delta = kpiDelta(name, value, before);
        return (
          <li
            key={name}
            className={`briefing-kpi briefing-kpi--${delta.verdict}`}
            data-testid={`briefing-kpi-${name}`}
            data-value={value ?? ''}
            data-previous={before ?? ''}
          >
            <span className="briefing-kpi__label">{t(`kpi.${name}`)}</span>
            <span className="briefing-kpi__value">{formatKpi(name, value, locale)}</span>
            <span className="briefing-kpi__delta">
              <span className="briefing-kpi__arrow" aria-hidden="true">
                {DELTA_ARROW[delta.direction]}
              </span>
              {delta.change !== null && delta.change !== 0 && (
                <span className="briefing-kpi__change">
                  {formatChange(name, delta.change, locale)}
                </span>
              )}
              <span className="briefing-kpi__verdict">{verdictText(delta)}</span>
            </span>
            <span className="briefing-kpi__previous">
              {formatKpi(name, before, locale)} {t('previous')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
