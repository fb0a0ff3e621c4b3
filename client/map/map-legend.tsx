/**
 * The legend for what the map draws, built from the same switches and colour tables as
 * the layers, so it cannot drift from the picture: status colours (with their names, as
 * colour alone never carries meaning), pin size for severity, the pulse ring, and the
 * ramp of each area layer that is on, with its credit where the data needs one.
 */
import type { CityPack } from '../../shared/city/types.ts';
import { SEVERITIES } from '../../shared/domain/types.ts';
import { defineMessages, localName, useLocale, useMessages } from '../i18n/locale.tsx';
import { BOUNDARY_RAMP } from './boundary.layer.ts';
import { HEATMAP_RAMP } from './heatmap.layer.ts';
import { HEX_RAMP, type HexMetric } from './hexagon.layer.ts';
import { PULSE_NEW_MINUTES } from './pulse.layer.ts';
import { cssColor, SEVERITY_RADIUS_PX, STATUS_COLORS, type Rgb } from './status-colors.ts';
import './map-legend.css';

const MESSAGES = defineMessages({
  id: {
    title: 'Legenda',
    status: 'Status (warna titik)',
    size: 'Ukuran titik = tingkat keparahan',
    low: 'rendah',
    medium: 'sedang',
    high: 'tinggi',
    critical: 'kritis',
    pulse: 'Cincin berdenyut: baru (≤ {n} mnt) atau kritis',
    heatmap: 'Peta panas: keparahan × kebaruan',
    count: 'Heksagon: jumlah laporan',
    backlog: 'Heksagon: laporan terbuka',
    medianAgeH: 'Heksagon: median umur laporan terbuka',
    boundaries: 'Wilayah: laporan terbuka',
    low_end: 'rendah',
    high_end: 'tinggi',
  },
  en: {
    title: 'Legend',
    status: 'Status (pin colour)',
    size: 'Pin size = severity',
    low: 'low',
    medium: 'medium',
    high: 'high',
    critical: 'critical',
    pulse: 'Pulsing ring: new (≤ {n} min) or critical',
    heatmap: 'Heatmap: severity × recency',
    count: 'Hexagons: reports',
    backlog: 'Hexagons: open reports',
    medianAgeH: 'Hexagons: median age of open reports',
    boundaries: 'Areas: open reports',
    low_end: 'low',
    high_end: 'high',
  },
});

export interface LegendLayers {
  pins?: boolean;
  pulse?: boolean;
  heatmap?: boolean;
  hexagons?: HexMetric | false;
  boundaries?: boolean;
}

interface MapLegendProps {
  pack: CityPack;
  layers: LegendLayers;
  className?: string;
}

function Ramp({ colors, label }: { colors: Rgb[]; label: string }) {
  const t = useMessages(MESSAGES);
  const gradient = `linear-gradient(to right, ${colors.map(cssColor).join(', ')})`;
  return (
    <div className="map-legend__ramp">
      <span className="map-legend__heading">{label}</span>
      <span className="map-legend__bar" style={{ background: gradient }} aria-hidden="true" />
      <span className="map-legend__ends">
        <span>{t('low_end')}</span>
        <span>{t('high_end')}</span>
      </span>
    </div>
  );
}

export function MapLegend({ pack, layers, className }: MapLegendProps) {
  const t = useMessages(MESSAGES);
  const { locale } = useLocale();
  return (
    <section
      className={`map-legend ${className ?? ''}`}
      data-testid="map-legend"
      aria-label={t('title')}
    >
      {layers.pins && (
        <>
          <span className="map-legend__heading">{t('status')}</span>
          <ul className="map-legend__statuses" data-legend="status">
            {pack.statuses.map(({ code, name }) => (
              <li key={code} data-status={code}>
                <span
                  className="map-legend__dot"
                  style={{ background: cssColor(STATUS_COLORS[code]) }}
                  aria-hidden="true"
                />
                {localName(name, locale)}
              </li>
            ))}
          </ul>
          <span className="map-legend__heading">{t('size')}</span>
          <ul className="map-legend__sizes" data-legend="size">
            {SEVERITIES.map((s) => (
              <li key={s}>
                <span
                  className="map-legend__size"
                  style={{
                    width: `${SEVERITY_RADIUS_PX[s] / 4}em`,
                    height: `${SEVERITY_RADIUS_PX[s] / 4}em`,
                  }}
                  aria-hidden="true"
                />
                {t(s)}
              </li>
            ))}
          </ul>
        </>
      )}
      {layers.pulse && (
        <div className="map-legend__pulse" data-legend="pulse">
          <span className="map-legend__ring" aria-hidden="true" />
          {t('pulse', { n: PULSE_NEW_MINUTES })}
        </div>
      )}
      {layers.heatmap && <Ramp colors={HEATMAP_RAMP} label={t('heatmap')} />}
      {layers.hexagons && <Ramp colors={HEX_RAMP} label={t(layers.hexagons)} />}
      {layers.boundaries && <Ramp colors={BOUNDARY_RAMP} label={t('boundaries')} />}
    </section>
  );
}
