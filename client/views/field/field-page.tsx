/**
 * The field crews' page (/field), phone first: the agency's open work sorted by SLA time
 * left or distance, on a map with the crew's position; one incident at a time with big
 * buttons to claim, start, note, photograph and resolve. Every command carries the phone's
 * time and position and a client-made id, and goes through the outbox (use-outbox.ts), so
 * work done without signal is sent when it returns, once. The page installs as an app
 * (register-field-sw.ts) and shows the last work it saw when there is no signal.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { actorOf, type Principal } from '../../../shared/domain/access.ts';
import {
  fieldActions,
  fieldWork,
  resolveProofProblem,
  sortFieldWork,
  type FieldAction,
  type FieldSort,
} from '../../../shared/domain/field-work.ts';
import type { Incident, PhotoKind } from '../../../shared/domain/types.ts';
import { storedToken } from '../../auth/credentials.ts';
import { usePrincipal } from '../../auth/use-principal.ts';
import { UserMenu } from '../../components/user-menu.tsx';
import type { LiveStore } from '../../live/live-store.ts';
import { useFieldSettings } from '../../live/use-field-settings.ts';
import { useLiveState } from '../../live/use-live-state.ts';
import { useMapConfig } from '../../map/map-config.ts';
import { useNow } from '../ops/use-now.ts';
import { FieldList } from './field-list.tsx';
import { FieldMap } from './field-map.tsx';
import { FieldSheet, type SheetActions } from './field-sheet.tsx';
import type { FieldCommand } from './outbox-db.ts';
import { OutboxPanel } from './outbox-panel.tsx';
import { readPhotoExif, waitingPhotos } from './photo-facts.ts';
import { registerFieldWorker } from './register-field-sw.ts';
import { useFieldLabels, type FieldLabels } from './use-field-labels.ts';
import { useFieldWork } from './use-field-work.ts';
import { useGeolocation } from './use-geolocation.ts';
import { allWithWaiting } from './waiting-overlay.ts';
import { newClientId, useOutbox } from './use-outbox.ts';
import './field.css';

const WORKS_INCIDENTS: readonly Principal['role'][] = ['agency', 'supervisor', 'admin'];

export function FieldPage({ pack, store }: { pack: CityPack; store: LiveStore }) {
  const who = usePrincipal();
  const labels = useFieldLabels(pack);
  useEffect(() => {
    registerFieldWorker();
  }, []);
  if (who.status === 'loading') return <p className="field-screen">{labels.t('loading')}</p>;
  if (who.status !== 'ready') {
    return (
      <p className="field-screen" role="alert">
        {who.status === 'error' ? who.message : labels.t('loading')}
      </p>
    );
  }
  const p = who.principal;
  if (!WORKS_INCIDENTS.includes(p.role) || (p.role === 'agency' && p.agency === null)) {
    return (
      <p className="field-screen" role="alert" data-testid="field-not-crew">
        {labels.t('notCrew', { role: p.role })}
      </p>
    );
  }
  return <FieldWork pack={pack} store={store} principal={p} />;
}

/** When a photo was taken as the phone knows it: the file's time, unless it is in the future. */
function photoTime(file: File): string {
  const now = Date.now();
  const t =
    Number.isFinite(file.lastModified) && file.lastModified <= now ? file.lastModified : now;
  return new Date(t).toISOString();
}

function FieldWork({
  pack,
  store,
  principal,
}: {
  pack: CityPack;
  store: LiveStore;
  principal: Principal;
}) {
  const state = useLiveState(store);
  const labels = useFieldLabels(pack);
  const { t } = labels;
  const [token] = useState(() => storedToken(window.localStorage));
  const mapConfig = useMapConfig(token);
  const settings = useFieldSettings();
  const geo = useGeolocation();
  const source = useFieldWork(state, principal);
  const outbox = useOutbox(principal.id, token);
  const [sort, setSort] = useState<FieldSort>('sla');
  const [mineOnly, setMineOnly] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const now = useNow(15_000, state.serverTimeOffsetMs);

  const items = useMemo(() => {
    const work = fieldWork(
      allWithWaiting(source.incidents, outbox.entries, actorOf(principal).id),
      {
        principal,
        now: new Date(now),
        position: geo.position,
      },
    );
    return sortFieldWork(mineOnly ? work.filter((w) => w.mine) : work, sort);
  }, [source.incidents, outbox.entries, principal, now, geo.position, sort, mineOnly]);
  const selected = items.find((i) => i.incident.id === selectedId) ?? null;
  const waitingFor = useCallback(
    (id: string) => outbox.entries.filter((e) => e.incidentId === id),
    [outbox.entries],
  );

  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const send = useCallback(
    (incident: Incident, command: FieldCommand) => {
      setSaveProblem(null);
      outbox.enqueue(incident.id, command).catch((err: unknown) => {
        setSaveProblem(
          t('notSaved', { message: err instanceof Error ? err.message : String(err) }),
        );
      });
    },
    [outbox, t],
  );
  const base = () => ({
    occurredAt: new Date().toISOString(),
    clientId: newClientId(),
    ...(geo.position ? { position: geo.position } : {}),
  });
  const on: SheetActions | null = selected
    ? {
        act: (action: Exclude<FieldAction, 'photo' | 'resolve' | 'note'>) => {
          if (action === 'start') {
            send(selected.incident, { kind: 'update', body: { ...base(), status: 'in_progress' } });
          } else send(selected.incident, { kind: action, body: base() });
        },
        note: (text) =>
          send(selected.incident, { kind: 'update', body: { ...base(), note: text } }),
        resolve: (note) =>
          send(selected.incident, {
            kind: 'update',
            body: { ...base(), status: 'resolved', ...(note ? { note } : {}) },
          }),
        photo: (kind: PhotoKind, file: File) => {
          const fields = { kind, takenAt: photoTime(file), ...base() };
          const incident = selected.incident;
          void readPhotoExif(file, pack.timeZone).then((exif) =>
            send(incident, { kind: 'photo', fields, photo: file, exif }),
          );
        },
      }
    : null;

  const selectedWaiting = selected ? waitingFor(selected.incident.id) : [];
  const refused = selectedWaiting.filter((e) => e.state === 'refused').at(-1);
  const policy = settings?.proofRequired ? { radiusM: settings.proofRadiusM } : null;

  return (
    <div className="field-page" data-testid="field-page">
      <header className="field-top">
        <h1>Nakhoda · {t('title')}</h1>
        <ConnectionBadge cachedAt={source.cachedAt} labels={labels} />
        <UserMenu pack={pack} className="field-user" />
      </header>
      <OfflineLine cachedAt={source.cachedAt} labels={labels} />
      <p className="field-gps" data-testid="field-gps" data-located={geo.position !== null}>
        {geo.problem === 'denied'
          ? t('gpsDenied')
          : geo.problem !== null
            ? t('gpsUnavailable')
            : geo.position
              ? t('gpsOk', { m: geo.position.accuracyM ?? '?' })
              : t('gpsWaiting')}
      </p>
      {!(principal.role === 'agency' && principal.fieldCrew) && (
        <p className="field-gps" data-testid="field-desk-account">
          {t('deskAccount')}
        </p>
      )}
      <OutboxPanel
        entries={outbox.entries}
        sending={outbox.sending}
        block={outbox.block}
        labels={labels}
        onSend={() => void outbox.flush()}
        onDismiss={(id) => void outbox.dismiss(id)}
      />
      <FieldMap
        pack={pack}
        config={mapConfig}
        token={token}
        items={items}
        selectedId={selectedId}
        position={geo.position}
        onSelect={setSelectedId}
      />
      {selected && on ? (
        <FieldSheet
          item={selected}
          actions={fieldActions(selected.incident, principal)}
          labels={labels}
          settings={settings}
          waiting={selectedWaiting}
          proofProblem={resolveProofProblem(
            selected.incident,
            principal,
            policy,
            waitingPhotos(selectedWaiting, selected.incident),
          )}
          problem={saveProblem ?? refused?.problem ?? null}
          onBack={() => setSelectedId(null)}
          on={on}
        />
      ) : (
        <FieldList
          items={items}
          labels={labels}
          sort={sort}
          onSort={setSort}
          mineOnly={mineOnly}
          onMineOnly={setMineOnly}
          waitingFor={waitingFor}
          onSelect={setSelectedId}
        />
      )}
    </div>
  );
}

/** Live, or "no signal" in the header with a full-width line saying how old the work is. */
function ConnectionBadge({ cachedAt, labels }: { cachedAt: number | null; labels: FieldLabels }) {
  const { t } = labels;
  return (
    <span
      className="field-conn"
      data-testid="field-connection"
      data-state={cachedAt === null ? 'live' : 'offline'}
    >
      {cachedAt === null ? t('live') : t('offline')}
    </span>
  );
}

function OfflineLine({ cachedAt, labels }: { cachedAt: number | null; labels: FieldLabels }) {
  if (cachedAt === null) return null;
  const { t } = labels;
  return (
    <p className="field-offline" role="status" data-testid="field-offline">
      {cachedAt === 0
        ? t('offlineNone')
        : t('offlineCopy', { time: labels.time(new Date(cachedAt).toISOString()) })}
    </p>
  );
}
