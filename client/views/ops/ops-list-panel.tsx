/**
 * The left panel: the sort choice over the live list, and what to say instead of rows
 * while waiting for data, when the filters leave nothing, or when the data is not live.
 */
import type { LiveState } from '../../live/live-store.ts';
import { formatTime } from '../../../shared/domain/time.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { CLOCK_LOCALE, zoneLabel } from '../../components/zone-label.ts';
import { IncidentList } from './incident-list.tsx';
import { SORTS, type SortKey } from './ops-filters.ts';
import type { OpsLabels } from './use-ops-labels.ts';

interface OpsListPanelProps {
  state: LiveState;
  timeZone: string;
  incidents: readonly Incident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  sort: SortKey;
  onSort: (sort: SortKey) => void;
  labels: OpsLabels;
  onClearFilters: () => void;
}

export function OpsListPanel(props: OpsListPanelProps) {
  const { state, timeZone, incidents, labels, sort } = props;
  const { t } = labels;
  return (
    <section className="ops-list" aria-label={t('list')}>
      <div className="ops-list__header">
        <h2 className="ops-list__title">{t('list')}</h2>
        <label className="ops-list__sort">
          <span>{t('sort')}</span>
          <select
            className="ops-select"
            data-testid="ops-sort"
            value={sort}
            onChange={(e) => props.onSort(e.target.value as SortKey)}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ConnectionBanner state={state} timeZone={timeZone} labels={labels} />
      {!state.hasSnapshot ? (
        <div className="ops-list__state" role="status" data-testid="ops-loading">
          <span className="ops-spinner" aria-hidden="true" />
          {t('loading')}
        </div>
      ) : incidents.length === 0 ? (
        <div className="ops-list__state" role="status" data-testid="ops-empty">
          <p>{t('empty')}</p>
          <button type="button" className="ops-button" onClick={props.onClearFilters}>
            {t('clearFilters')}
          </button>
        </div>
      ) : (
        <IncidentList
          incidents={incidents}
          selectedId={props.selectedId}
          onSelect={props.onSelect}
          labels={labels}
          serverTimeOffsetMs={state.serverTimeOffsetMs}
        />
      )}
    </section>
  );
}

function ConnectionBanner(props: { state: LiveState; timeZone: string; labels: OpsLabels }) {
  const { state, timeZone, labels } = props;
  if (!state.hasSnapshot || state.connection === 'live' || state.connection === 'connecting')
    return null;
  const since = state.staleSince ?? state.lastMessageAt;
  const text =
    state.connection === 'offline' || since === null
      ? labels.t('offlineBanner')
      : labels.t('staleBanner', {
          time: `${formatTime(new Date(since + state.serverTimeOffsetMs), timeZone, CLOCK_LOCALE)} ${zoneLabel(timeZone)}`,
        });
  return (
    <div
      className="ops-banner"
      role="alert"
      data-testid="ops-connection-banner"
      data-state={state.connection}
    >
      {text}
    </div>
  );
}
