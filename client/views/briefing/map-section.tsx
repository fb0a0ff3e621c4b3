/**
 * Hotspots and replay share one map (one WebGL map is plenty for a software-rendered
 * screen): the period's incidents as heatmap and H3 hexagons, or the replayed city at
 * the slider's time. Beside it: the top cells and rising categories, or the replay
 * controls.
 */
import { useState, type RefObject } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Briefing } from '../../../shared/domain/briefing.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { formatNumber, useLocale, useMessages } from '../../i18n/locale.tsx';
import { MapView, type CameraRequest } from '../../map/map-view.tsx';
import type { IncidentSet } from './briefing-api.ts';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { HotspotList } from './hotspot-list.tsx';
import { ReplayPanel } from './replay-panel.tsx';
import type { ReplayWindow } from './replay-window.ts';
import type { Loaded } from './use-briefing-data.ts';
import type { ReplayControls } from './use-replay.ts';

export type MapMode = 'period' | 'replay';

const NONE: Incident[] = [];

interface MapSectionProps {
  pack: CityPack;
  briefing: Briefing;
  periodEnd: Date;
  incidents: Loaded<IncidentSet & { version: number }>;
  replay: ReplayControls;
  replayWindow: ReplayWindow;
  onReplayLoad: (w: ReplayWindow) => void;
  mode: MapMode;
  onMode: (m: MapMode) => void;
  mapBoxRef: RefObject<HTMLDivElement | null>;
}

export function MapSection(props: MapSectionProps) {
  const { pack, briefing, incidents, replay, mode } = props;
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const [heat, setHeat] = useState(true);
  const [hex, setHex] = useState(true);
  // The pack's start view frames a full-screen wall; this panel is smaller, so step back
  // a little to keep the whole city (and the PDF's snapshot of it) in view.
  const [camera, setCamera] = useState<CameraRequest | null>(() => ({
    key: 'city',
    lon: pack.center.lon,
    lat: pack.center.lat,
    zoom: pack.center.zoom - 0.4,
  }));

  // While a new period loads, the last one stays on the map (with a note) rather than a blank.
  const periodSet =
    incidents.status === 'ready'
      ? incidents.data
      : incidents.status === 'loading'
        ? incidents.previous
        : null;
  const periodItems = periodSet?.items ?? NONE;
  const replayOn = mode === 'replay';
  const shown = replayOn ? replay.view.visible : periodItems;
  // Versions of the two sources never collide: even for the period, odd for replay.
  const version = replayOn ? replay.view.version * 2 + 1 : (periodSet?.version ?? 0) * 2;
  const hasData = replayOn ? replay.view.status === 'ready' : periodSet !== null;
  const now = replayOn ? replay.view.t : props.periodEnd.getTime();

  return (
    <section className="briefing-section" aria-labelledby="briefing-map-title">
      <header className="briefing-section__head">
        <h2 id="briefing-map-title">{replayOn ? t('replay') : t('hotspots')}</h2>
        <div className="briefing-toggle" role="tablist">
          {(['period', 'replay'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              className="briefing-chip"
              aria-selected={mode === m}
              aria-pressed={mode === m}
              data-testid={`briefing-mode-${m}`}
              onClick={() => props.onMode(m)}
            >
              {m === 'period' ? t('mapPeriod') : t('mapReplay')}
            </button>
          ))}
        </div>
        <label className="briefing-check">
          <input type="checkbox" checked={heat} onChange={(e) => setHeat(e.target.checked)} />{' '}
          {t('layerHeat')}
        </label>
        <label className="briefing-check">
          <input type="checkbox" checked={hex} onChange={(e) => setHex(e.target.checked)} />{' '}
          {t('layerHex')}
        </label>
      </header>
      <div className="briefing-mapgrid">
        <div className="briefing-mapbox" ref={props.mapBoxRef} data-mode={mode}>
          <MapView
            pack={pack}
            incidents={shown}
            dataVersion={version}
            hasData={hasData}
            layers={{ heatmap: heat, hexagons: hex ? 'count' : false }}
            camera={camera}
            now={now}
          />
          <div className="briefing-mapbox__status" role="status">
            {!replayOn && incidents.status === 'loading' && t('mapLoading')}
            {!replayOn && incidents.status === 'error' && incidents.message}
            {!replayOn &&
              incidents.status === 'ready' &&
              (incidents.data.truncated
                ? t('mapTruncated', { n: formatNumber(periodItems.length, locale) })
                : t('mapCount', { n: formatNumber(periodItems.length, locale) }))}
            {replayOn &&
              replay.view.status === 'ready' &&
              t('mapCount', { n: formatNumber(shown.length, locale) })}
          </div>
        </div>
        <div className="briefing-side">
          {replayOn ? (
            <ReplayPanel
              key={`${props.replayWindow.from}/${props.replayWindow.to}`}
              pack={pack}
              replay={replay}
              initialWindow={props.replayWindow}
              onLoad={props.onReplayLoad}
            />
          ) : (
            <HotspotList
              pack={pack}
              briefing={briefing}
              incidents={periodItems}
              onFly={(cell) =>
                setCamera({
                  key: `${cell.h3}:${Date.now()}`,
                  lon: cell.lon,
                  lat: cell.lat,
                  zoom: 13.5,
                })
              }
            />
          )}
        </div>
      </div>
    </section>
  );
}
