/**
 * The period's top H3 cells (named by their main kelurahan; a click flies the map there)
 * and the categories that rose most against the previous period.
 */
import { cellToLatLng } from 'h3-js';
import { useMemo } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Briefing } from '../../../shared/domain/briefing.ts';
import { mainKelurahanByCell } from '../../../shared/domain/cell-kelurahan.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { formatNumber, useLocale, useMessages } from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { cellLabel } from './cell-places.ts';
import { categoryName, kelurahanLabel } from './names.ts';

interface HotspotListProps {
  pack: CityPack;
  briefing: Briefing;
  incidents: readonly Incident[];
  onFly: (cell: { h3: string; lon: number; lat: number }) => void;
}

export function HotspotList({ pack, briefing, incidents, onFly }: HotspotListProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const places = useMemo(() => mainKelurahanByCell(incidents), [incidents]);
  return (
    <div className="briefing-hotspots">
      <h3 className="briefing-subhead">{t('topCells')}</h3>
      <p className="briefing-note">{t('cellHint')}</p>
      <ol className="briefing-cells" data-testid="briefing-hotspots">
        {briefing.hotspots.map((cell) => (
          <li key={cell.h3}>
            <button
              type="button"
              className="briefing-cell"
              data-testid="briefing-hotspot"
              data-h3={cell.h3}
              onClick={() => {
                const [lat, lon] = cellToLatLng(cell.h3);
                onFly({ h3: cell.h3, lon, lat });
              }}
            >
              <span className="briefing-cell__place">
                {cellLabel(cell.h3, places, (k) => kelurahanLabel(pack, k), locale)}
              </span>
              <span className="briefing-cell__count">
                {t('cellReports', { n: formatNumber(cell.reports, locale) })}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <h3 className="briefing-subhead">{t('rising')}</h3>
      {briefing.risingCategories.length === 0 ? (
        <p className="briefing-empty">{t('risingNone')}</p>
      ) : (
        <ul className="briefing-rising" data-testid="briefing-rising">
          {briefing.risingCategories.map((c) => (
            <li key={c.category}>
              <span className="briefing-rising__name">
                {categoryName(pack, c.category, locale)}
              </span>
              <span className="briefing-rising__change">▲ +{formatNumber(c.change, locale)}</span>
              <span className="briefing-note">
                {t('risingDetail', {
                  now: formatNumber(c.reports, locale),
                  prev: formatNumber(c.previous, locale),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
