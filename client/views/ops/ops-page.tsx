/**
 * The supervisor console (/ops): filters over a live incident list and the map, linked both
 * ways (a row flies the map there; a pin selects its row), a detail drawer with the SLA
 * clocks, the actions the user's role allows and the incident's timeline, keyboard
 * shortcuts, an alert when a new critical incident arrives, and the analyst's alert queue
 * (acknowledge, escalate, dismiss, open its incident). It reads the live store only; every change goes through the HTTP API and comes back on the stream.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { countsAsIncident, reportersOf } from '../../../shared/domain/duplicates.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { storedToken } from '../../auth/credentials.ts';
import { StatusLegend } from '../../components/status-legend.tsx';
import type { LiveStore } from '../../live/live-store.ts';
import { useFieldSettings } from '../../live/use-field-settings.ts';
import { useLiveAlerts, useLiveState } from '../../live/use-live-state.ts';
import { MapView, type CameraRequest } from '../../map/map-view.tsx';
import { usePacedVersion } from '../../map/use-paced-version.ts';
import { AlertQueue } from './alert-queue.tsx';
import { AlertToasts } from './alert-toasts.tsx';
import { IncidentDrawer } from './incident-drawer.tsx';
import { actionModel } from './ops-actions.ts';
import { activeFilterCount, EMPTY_FILTERS, filterIncidents } from './ops-filters.ts';
import { OpsFilterBar } from './ops-filter-bar.tsx';
import { OpsHeader } from './ops-header.tsx';
import { OpsListPanel } from './ops-list-panel.tsx';
import { PanelBoundary } from './panel-boundary.tsx';
import { sortAndCountOverdue } from './ops-sort.ts';
import { ShortcutHelp } from './shortcut-help.tsx';
import { useAlertActions } from './use-alert-actions.ts';
import { useCriticalAlarm } from './use-critical-alarm.ts';
import { useDuplicateActions } from './use-duplicate-actions.ts';
import { useIncidentActions } from './use-incident-actions.ts';
import { useIncidentDetail } from './use-incident-detail.ts';
import { useLinkedReports } from './use-linked-reports.ts';
import { useNow } from './use-now.ts';
import { useOpsKeyboard } from './use-ops-keyboard.ts';
import { useOpsLabels } from './use-ops-labels.ts';
import { useOpsView } from './use-ops-view.ts';
import { useProofWaiver } from './use-proof-waiver.ts';
import { usePrincipal } from '../../auth/use-principal.ts';
import './ops.css';
import './ops-list.css';
import './ops-drawer.css';

/** Close enough to see the street block, far enough to keep neighbouring incidents in view. */
const FLY_ZOOM = 13;
/** Time windows move on this tick; a minute-old cut-off is fine for "reported within". */
const WINDOW_TICK_MS = 30_000;
/** The list, its counts and the alarm follow the data at most this often. */
const LIST_EVERY_MS = 1_000;

export function OpsPage({ pack, store }: { pack: CityPack; store: LiveStore }) {
  const state = useLiveState(store);
  const labels = useOpsLabels(pack);
  const [token] = useState(() => storedToken(window.localStorage));
  const principal = usePrincipal();
  const { view, setFilters, setSort, select } = useOpsView(pack);
  const { filters, sort, selectedId } = view;
  const [camera, setCamera] = useState<CameraRequest | null>(null);
  const [heatmap, setHeatmap] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const flights = useRef(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const assignRef = useRef<HTMLSelectElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const tick = useNow(WINDOW_TICK_MS, state.serverTimeOffsetMs);
  const windowNow = filters.window === 'all' ? 0 : tick;
  const { incidentList, dataVersion } = state;
  // Filtering, sorting and counting pass over every incident: under a fast stream they
  // follow the data at most once a second (usePacedVersion), not once a batch.
  const listVersion = usePacedVersion(dataVersion, LIST_EVERY_MS);
  // A new array whenever the data or the filters change: the list takes it, and the map
  // too while a filter is on. The store changes its one incident array in place;
  // `dataVersion` is what says it changed.
  const filtered = useMemo(
    () => filterIncidents(incidentList, filters, windowNow),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incidentList, listVersion, filters, windowNow],
  );
  const total = useMemo(
    () => incidentList.reduce((n, i) => (countsAsIncident(i) ? n + 1 : n), 0),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incidentList, listVersion],
  );
  // Unfiltered, the map draws the store's own array: its pins then follow every batch,
  // redoing only the rows that changed (client/map/incremental-scatter.layer.ts).
  const unfiltered = activeFilterCount(filters) === 0;
  const mapIncidents = unfiltered ? incidentList : filtered;
  const mapVersion = unfiltered ? dataVersion : listVersion;
  const { sorted, overdue } = useMemo(
    () => sortAndCountOverdue(filtered, sort, new Date(tick)),
    [filtered, sort, tick],
  );

  const selected = selectedId === null ? undefined : state.incidents.get(selectedId);
  const detail = useIncidentDetail(selectedId, selected?.lastSeq ?? null, token);
  const actions = useIncidentActions(selectedId, token);
  // A master's linked reports come from the API, refetched when a link or split moves it.
  const linkedReports = useLinkedReports(
    selected && reportersOf(selected) > 1 ? selected.id : null,
    selected?.lastSeq ?? null,
    token,
  );
  const duplicateActions = useDuplicateActions(selectedId, token);
  const fieldSettings = useFieldSettings();
  const proofWaiver = useProofWaiver(selectedId, token);
  const me = principal.status === 'ready' ? principal.principal : null;
  const model = selected ? actionModel(selected, me, pack) : null;
  const alerts = useCriticalAlarm({ ...state, dataVersion: listVersion });
  const analystAlerts = useLiveAlerts(store);
  const alertActions = useAlertActions(token);

  const flyTo = useCallback((incident: Incident | undefined) => {
    if (!incident) return;
    flights.current += 1;
    setCamera({ key: flights.current, ...incident.location, zoom: FLY_ZOOM });
  }, []);
  const flownToInitial = useRef(false);
  const selectAndFly = useCallback(
    (id: string) => {
      flownToInitial.current = true;
      select(id);
      flyTo(store.getState().incidents.get(id));
    },
    [select, flyTo, store],
  );
  const onMapSelect = useCallback((id: string | null) => id !== null && select(id), [select]);

  // A shared link that names an incident opens on it once the live data has it.
  useEffect(() => {
    if (flownToInitial.current || !selected) return;
    flownToInitial.current = true;
    flyTo(selected);
  }, [selected, flyTo]);

  const sortedIds = useMemo(() => sorted.map((i) => i.id), [sorted]);
  useOpsKeyboard({
    sortedIds,
    selectedId,
    model,
    actions,
    helpOpen,
    setHelpOpen,
    selectAndFly,
    close: () => select(null),
    refs: { search: searchRef, assign: assignRef, note: noteRef },
  });

  const drawerOpen = selectedId !== null;
  return (
    <div
      className={`ops ${drawerOpen ? 'ops--drawer' : ''}`}
      data-testid="ops-page"
      data-ready={state.hasSnapshot}
    >
      <OpsHeader
        pack={pack}
        state={state}
        labels={labels}
        shown={sorted.length}
        total={total}
        visibleOnMap={filtered.length}
        overdue={overdue}
        alerts={analystAlerts}
        principal={principal}
        muted={alerts.muted}
        onMutedChange={alerts.setMuted}
        soundBlocked={alerts.soundBlocked}
        onHelp={() => setHelpOpen(true)}
      />
      <OpsFilterBar
        pack={pack}
        filters={filters}
        onChange={setFilters}
        labels={labels}
        searchRef={searchRef}
      />
      <AlertQueue
        alerts={analystAlerts}
        ready={state.hasSnapshot}
        principal={me}
        actions={alertActions}
        labels={labels}
        timeZone={pack.timeZone}
        now={tick}
        onOpenIncident={selectAndFly}
      />
      <OpsListPanel
        state={state}
        timeZone={pack.timeZone}
        incidents={sorted}
        selectedId={selectedId}
        onSelect={selectAndFly}
        sort={sort}
        onSort={setSort}
        labels={labels}
        onClearFilters={() => setFilters(() => EMPTY_FILTERS)}
      />
      <main className="ops-map" aria-label="Map">
        <MapView
          pack={pack}
          incidents={mapIncidents}
          dataVersion={mapVersion}
          hasData={state.hasSnapshot}
          layers={{ pins: true, heatmap }}
          selectedId={selectedId}
          onSelect={onMapSelect}
          camera={camera}
        />
        <StatusLegend statuses={pack.statuses} />
        <label className="ops-map__toggle">
          <input
            type="checkbox"
            checked={heatmap}
            data-testid="ops-heatmap"
            onChange={(e) => setHeatmap(e.target.checked)}
          />
          {labels.t('heatmap')}
        </label>
        <AlertToasts
          alerts={alerts.alerts}
          incidents={state.incidents}
          labels={labels}
          soundBlocked={alerts.soundBlocked}
          onShow={(id) => {
            selectAndFly(id);
            alerts.dismiss(id);
          }}
          onDismiss={alerts.dismiss}
        />
      </main>
      {drawerOpen && (
        <PanelBoundary
          title={labels.t('panelError')}
          retryLabel={labels.t('retry')}
          resetKey={selectedId}
        >
          <IncidentDrawer
            pack={pack}
            incident={selected}
            detail={detail.state}
            onRetryDetail={detail.retry}
            model={model}
            principal={principal}
            actions={actions}
            labels={labels}
            serverTimeOffsetMs={state.serverTimeOffsetMs}
            onClose={() => select(null)}
            assignRef={assignRef}
            noteRef={noteRef}
            duplicates={{
              live: state.incidents,
              liveVersion: listVersion,
              reports: linkedReports.state,
              onRetryReports: linkedReports.retry,
              actions: duplicateActions,
              onOpen: selectAndFly,
            }}
            proof={{ settings: fieldSettings, actions: proofWaiver }}
          />
        </PanelBoundary>
      )}
      {helpOpen && <ShortcutHelp labels={labels} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
