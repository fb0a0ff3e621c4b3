/** Trends of the period: volume (received, resolved) and the biggest categories, per hour or day. */
import { useMemo } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Briefing } from '../../../shared/domain/briefing.ts';
import { useLocale, useMessages } from '../../i18n/locale.tsx';
import { zoneLabel } from '../../components/zone-label.ts';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { categoryChart, volumeChart } from './trend-series.ts';
import { UplotChart } from './uplot-chart.tsx';

interface TrendSectionProps {
  pack: CityPack;
  briefing: Briefing;
}

export function TrendSection({ pack, briefing }: TrendSectionProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const bucket = briefing.trend.bucket;
  const volume = useMemo(
    () => volumeChart(briefing, { received: t('seriesReceived'), resolved: t('seriesResolved') }),
    [briefing, t],
  );
  const categories = useMemo(
    () => categoryChart(briefing, pack, locale, t('otherCategories')),
    [briefing, pack, locale, t],
  );
  const volumeTitle = t('trendVolume', { bucket: t(`bucket.${bucket}`) });
  const categoryTitle = t('trendCategory', { bucket: t(`bucket.${bucket}`) });
  return (
    <section className="briefing-section" aria-labelledby="briefing-trends-title">
      <header className="briefing-section__head">
        <h2 id="briefing-trends-title">{t('trends')}</h2>
        <span className="briefing-note">{t('timesIn', { zone: zoneLabel(pack.timeZone) })}</span>
      </header>
      <div className="briefing-charts">
        <figure className="briefing-figure">
          <figcaption>{volumeTitle}</figcaption>
          <UplotChart
            chart={volume}
            timeZone={pack.timeZone}
            locale={locale}
            bucket={bucket}
            height={240}
            testId="briefing-chart-volume"
            ariaLabel={volumeTitle}
            timeLabel={t('timeAxis')}
          />
        </figure>
        <figure className="briefing-figure">
          <figcaption>{categoryTitle}</figcaption>
          <UplotChart
            chart={categories}
            timeZone={pack.timeZone}
            locale={locale}
            bucket={bucket}
            height={240}
            testId="briefing-chart-categories"
            ariaLabel={categoryTitle}
            timeLabel={t('timeAxis')}
          />
        </figure>
      </div>
    </section>
  );
}
