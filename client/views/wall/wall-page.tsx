/**
 * /wall — the command-center wall: always on, no mouse, read from across the room. The
 * map fills the middle; KPI tiles, the agency board, the ticker, the clock and the trust
 * indicator are always on screen; scenes (heatmap, agencies, hotspots, critical feed)
 * cycle by themselves as the URL says, and a new critical incident interrupts them. The
 * analyst's alerts count beside the KPIs, and while any is critical the `alerts` scene
 * visits each critical alert's place in turn.
 * Everything is read from the live store, at the server-corrected now, through the same
 * `liveWindow` and `statsFor` as GET /api/v1/stats; stale data is never shown as live.
 */
import { useMemo } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { countsAsIncident } from '../../../shared/domain/duplicates.ts';
import { liveWindow } from '../../../shared/domain/live-window.ts';
import { statsFor } from '../../../shared/domain/stats.ts';
import type { LonLat } from '../../../shared/domain/types.ts';
import { storedToken } from '../../auth/credentials.ts';
import { useMessages } from '../../i18n/locale.tsx';
import type { LiveStore } from '../../live/live-store.ts';
import { useLiveState } from '../../live/use-live-state.ts';
import { useMapConfig } from '../../map/map-config.ts';
import { MapView, type CameraRequest } from '../../map/map-view.tsx';
import { usePacedVersion } from '../../map/use-paced-version.ts';
import { AgencyBoard } from './agency-board.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { CriticalFeed, HotspotCard, SceneCaption } from './scene-panels.tsx';
import { AlertTile, CriticalAlertPanel } from './wall-alert-panels.tsx';
import { alertCounts, criticalAlertStops, scenesToCycle } from './wall-alert-tour.ts';
import { useAlertCardQueue } from './use-alert-card-queue.ts';
import { useSceneCycle } from './use-scene-cycle.ts';
import { useViewportScale, useWallTick } from './use-wall-tick.ts';
import { CriticalAlert, StaleBanner } from './wall-alerts.tsx';
import { WallHeader } from './wall-header.tsx';
import { WALL_MESSAGES } from './wall-messages.ts';
import { parseWallParams } from './wall-params.ts';
import { sceneLayers } from './wall-scenes.ts';
import { criticalFeed, tickerItems, topHotspots } from './wall-selectors.ts';
import { agencyRows } from './wall-stats.ts';
import { WallTicker } from './wall-ticker.tsx';
import './wall.css';

/** The store's own limit: no message for this long and the data is not live. */
const STALE_AFTER_MS = 10_000;
const HOTSPOT_COUNT = 3;
const HOTSPOT_ZOOM = 13.5;
const ALERT_ZOOM = 14.5;
/** The pack's start view is for a small window; the wall's stage is larger. */
const CITY_ZOOM_BOOST = 0.5;
/** In the feed scene the list covers the stage's right half: the city moves left of it. */
const FEED_LON_SHIFT = 0.13;
/** The legend sits bottom-left: the city sits a little right of centre, clear of it. */
const CITY_LON_SHIFT = -0.045;
const FEED_LIMIT = 8;
/** The critical alerts the alerts scene lists and visits. */
const ALERT_STOP_LIMIT = 4;
const SURGE_ZOOM = 13;
/** The alerts panel covers the stage's right side: a visited place sits this far left of centre. */
const ALERT_PANEL_SHIFT_PX = 280;
const TICKER_LIMIT = 10;
/** Numbers that move with time alone (overdue, today) are refreshed this often. */
const STATS_EVERY_MS = 5_000;
/** Numbers derived from every incident follow the data at most this often. */
const DERIVED_EVERY_MS = 1_000;

export function WallPage({ pack, store }: { pack: CityPack; store: LiveStore }) {
  const state = useLiveState(store);
  const t = useMessages(WALL_MESSAGES);
  const params = useMemo(() => parseWallParams(window.location.search), []);
  const mapConfig = useMapConfig(useMemo(() => storedToken(window.localStorage), []));
  const localNow = useWallTick();
  const scale = useViewportScale();
  const serverNow = localNow + state.serverTimeOffsetMs;
  const statsAt = Math.floor(serverNow / STATS_EVERY_MS) * STATS_EVERY_MS;

  const { incidentList, dataVersion, windowHours } = state;
  // The store's array is stable and changed in place; dataVersion is its change signal.
  // Everything below is a pass over every incident: it follows the data at most once a
  // second (usePacedVersion), and says at which seq it was taken.
  const derivedVersion = usePacedVersion(dataVersion, DERIVED_EVERY_MS);
  /* eslint-disable react-hooks/exhaustive-deps */
  const { live, seq: derivedSeq } = useMemo(
    () => ({
      // No window before the first snapshot, and no incidents either.
      live: windowHours === null ? [] : liveWindow(incidentList, new Date(statsAt), windowHours),
      seq: state.seq,
    }),
    [incidentList, derivedVersion, windowHours, statsAt],
  );
  /* eslint-enable react-hooks/exhaustive-deps */
  // Pins on the map: every incident but the reports linked to one (they are on its pin).
  /* eslint-disable react-hooks/exhaustive-deps */
  const pinCount = useMemo(
    () => incidentList.reduce((n, i) => (countsAsIncident(i) ? n + 1 : n), 0),
    [incidentList, dataVersion],
  );
  /* eslint-enable react-hooks/exhaustive-deps */
  const stats = useMemo(() => statsFor(live, pack, new Date(statsAt)), [live, statsAt, pack]);
  const rows = useMemo(() => agencyRows(pack, stats, live, statsAt), [pack, stats, live, statsAt]);
  const feed = useMemo(() => criticalFeed(live, FEED_LIMIT), [live]);
  const ticker = tickerItems(state.recentIds, state.incidents, TICKER_LIMIT);
  const { activeAlerts } = state;
  const counts = useMemo(() => alertCounts(activeAlerts), [activeAlerts]);
  // An SLA alert's place is its incident's, from the store's Map changed in place.
  const alertStops = useMemo(
    () => criticalAlertStops(activeAlerts, state.incidents, ALERT_STOP_LIMIT),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [activeAlerts, derivedVersion],
  );
  const anyCritical = alertStops.length > 0;
  const scenes = useMemo(
    () => scenesToCycle(params.scenes, anyCritical),
    [params.scenes, anyCritical],
  );

  const alert = useAlertCardQueue(
    { ...state, dataVersion: derivedVersion },
    params.alertSec * 1000,
  );
  const cycle = useSceneCycle(scenes, params.everySec * 1000, alert !== null);
  const { scene, activation } = cycle;
  // The tour of hotspots is fixed when the scene starts, so the camera and the card agree.
  const hotspots = useMemo(
    () => topHotspots(live, HOTSPOT_COUNT, statsAt, pack),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [activation, state.hasSnapshot],
  );
  const hotspotEveryMs = Math.max(5_000, (params.everySec * 1000) / HOTSPOT_COUNT);
  const hotspotIndex =
    hotspots.length === 0
      ? 0
      : Math.floor(Math.max(0, localNow - cycle.startedAt) / hotspotEveryMs) % hotspots.length;
  const spot = scene === 'hotspots' ? hotspots[hotspotIndex] : undefined;
  const stopEveryMs = Math.max(5_000, (params.everySec * 1000) / Math.max(1, alertStops.length));
  const stopIndex =
    scene !== 'alerts' || alertStops.length === 0
      ? -1
      : Math.floor(Math.max(0, localNow - cycle.startedAt) / stopEveryMs) % alertStops.length;
  const stop = alertStops[stopIndex];

  // Zooms grow with the screen (log2 of its scale), so a 4K wall shows the same picture.
  // The first view is set, not flown to: a wall that just started shows it at once.
  const zoomBoost = Math.log2(scale);
  const cityZoom = pack.center.zoom + CITY_ZOOM_BOOST + zoomBoost;
  const cityLon = pack.center.lon + CITY_LON_SHIFT + (scene === 'feed' ? FEED_LON_SHIFT : 0);
  const camera: CameraRequest = alert
    ? {
        key: `alert-${alert.id}`,
        lon: alert.location.lon,
        lat: alert.location.lat,
        zoom: ALERT_ZOOM + zoomBoost,
      }
    : stop?.place
      ? alertCamera(
          `${activation}-alert-${stopIndex}-${stop.alert.id}`,
          stop.place,
          stop.alert.area ? SURGE_ZOOM : ALERT_ZOOM,
          zoomBoost,
        )
      : spot
        ? {
            key: `${activation}-${hotspotIndex}-${spot.h3}`,
            lon: spot.lon,
            lat: spot.lat,
            zoom: HOTSPOT_ZOOM + zoomBoost,
            animate: activation > 0 || hotspotIndex > 0,
          }
        : {
            key: `${activation}-city-${scale}`,
            lon: cityLon,
            lat: pack.center.lat,
            zoom: cityZoom,
            animate: activation > 0,
          };

  const ready = state.hasSnapshot;
  const silentMs = state.lastMessageAt === null ? Infinity : localNow - state.lastMessageAt;
  const stale =
    ready &&
    state.connection !== 'live' &&
    (state.connection === 'stale' || silentMs >= STALE_AFTER_MS);
  const lastUpdate =
    state.lastMessageAt === null ? null : state.lastMessageAt + state.serverTimeOffsetMs;
  const layers = sceneLayers(scene, mapConfig.boundaries !== null);

  return (
    <div
      className={`wall wall--scene-${scene} ${stale ? 'wall--stale' : ''}`}
      data-testid="wall"
      data-scene={scene}
      data-activation={activation}
      data-stale={stale ? 'true' : 'false'}
    >
      <WallHeader
        pack={pack}
        state={state}
        scenes={scenes}
        scene={scene}
        activation={activation}
        everySec={params.everySec}
        paused={alert !== null}
        serverNow={serverNow}
      />
      <KpiTiles totals={stats.totals} ready={ready} at={statsAt} seq={derivedSeq}>
        <AlertTile counts={counts} ready={ready} />
      </KpiTiles>
      <main className="wall-stage">
        <MapView
          pack={pack}
          incidents={incidentList}
          dataVersion={dataVersion}
          hasData={ready}
          layers={layers}
          camera={camera}
          now={serverNow}
          interactive={false}
          mapConfig={mapConfig}
          legend
          legendClassName="wall-legend"
          scale={scale}
        />
        <SceneCaption scene={scene} />
        <span className="wall-pins" data-testid="wall-pin-count" data-value={ready ? pinCount : ''}>
          {ready ? `${pinCount} ${t('pins')}` : ''}
        </span>
        {scene === 'hotspots' && !alert && <HotspotCard hotspots={hotspots} index={hotspotIndex} />}
        {scene === 'feed' && <CriticalFeed pack={pack} items={feed} serverNow={serverNow} />}
        {scene === 'alerts' && !alert && (
          <CriticalAlertPanel
            pack={pack}
            stops={alertStops}
            current={stopIndex}
            serverNow={serverNow}
          />
        )}
        {alert && <CriticalAlert pack={pack} incident={alert} />}
        {!ready && (
          <div className="wall-waiting" data-testid="loading" role="status">
            {t('waiting')}
          </div>
        )}
      </main>
      <AgencyBoard pack={pack} rows={rows} ready={ready} focused={scene === 'agencies'} />
      <WallTicker pack={pack} items={ticker} serverNow={serverNow} />
      {stale && <StaleBanner timeZone={pack.timeZone} lastUpdate={lastUpdate} />}
    </div>
  );
}

/** A visited alert's place, left of the alerts panel (degrees per pixel at that zoom). */
function alertCamera(key: string, place: LonLat, zoom: number, zoomBoost: number): CameraRequest {
  const lonShift = (ALERT_PANEL_SHIFT_PX * 360) / (512 * 2 ** zoom);
  return { key, lon: place.lon + lonShift, lat: place.lat, zoom: zoom + zoomBoost };
}
