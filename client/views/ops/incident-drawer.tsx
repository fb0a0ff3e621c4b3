/**
 * The detail drawer for the selected incident: every field (the description as text), the
 * reporter's contact when the server sent it (it sends it only to roles that may see it),
 * duplicate reports (duplicates-panel.tsx), the SLA clocks, the actions, the photo proof of
 * closure (proof-panel.tsx) and the timeline with its photos. The live store gives the
 * current state; the API adds the history and the contact.
 */
import type { RefObject } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { kelurahanByCode } from '../../../shared/city/lookup.ts';
import type { FieldSettings } from '../../../shared/domain/field-proof.ts';
import { isBackdated } from '../../../shared/domain/field-time.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { formatNumber, useLocale, type Locale } from '../../i18n/locale.tsx';
import type { ActionModel } from './ops-actions.ts';
import { formatZoned, shortId } from './ops-format.ts';
import { IncidentActionsPanel } from './incident-actions.tsx';
import { IncidentTimeline } from './incident-timeline.tsx';
import { DuplicatesPanel, type DuplicatesPanelProps } from './duplicates-panel.tsx';
import { ProofPanel } from './proof-panel.tsx';
import { SlaClocks } from './sla-clocks.tsx';
import { StatusChip } from './status-chip.tsx';
import type { IncidentActions } from './use-incident-actions.ts';
import type { ProofWaiverActions } from './use-proof-waiver.ts';
import type { DetailState } from './use-incident-detail.ts';
import type { OpsLabels } from './use-ops-labels.ts';
import type { PrincipalState } from '../../auth/use-principal.ts';

interface IncidentDrawerProps {
  pack: CityPack;
  /** From the live store; undefined when it is not (or no longer) in the live data. */
  incident: Incident | undefined;
  detail: DetailState;
  onRetryDetail: () => void;
  model: ActionModel | null;
  principal: PrincipalState;
  actions: IncidentActions;
  labels: OpsLabels;
  serverTimeOffsetMs: number;
  onClose: () => void;
  assignRef: RefObject<HTMLSelectElement | null>;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  /** What the duplicates section needs beyond the incident, its history and the user. */
  duplicates: Omit<
    DuplicatesPanelProps,
    'incident' | 'history' | 'principal' | 'labels' | 'timeZone'
  >;
  /** The deployment's photo rules (null until known) and the supervisor's waiver. */
  proof: { settings: FieldSettings | null; actions: ProofWaiverActions };
}

export function IncidentDrawer(props: IncidentDrawerProps) {
  const { pack, detail, labels, onClose } = props;
  const { t } = labels;
  const fetched = detail.status === 'ready' ? detail.detail.incident : undefined;
  const incident = props.incident ?? fetched;
  const me = props.principal.status === 'ready' ? props.principal.principal : null;

  return (
    <aside
      className="ops-drawer"
      aria-label={t('detail')}
      data-testid="incident-drawer"
      data-incident={incident?.id}
    >
      <header className="ops-drawer__header">
        <div className="ops-drawer__titles">
          <span className="ops-drawer__kicker">{t('detail')}</span>
          <h2 className="ops-drawer__title">
            {incident ? labels.category(incident.category) : '…'}
          </h2>
        </div>
        <button
          type="button"
          className="ops-drawer__close"
          data-testid="drawer-close"
          aria-label={t('close')}
          title={`${t('close')} (Esc)`}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="ops-drawer__body">
        {!incident && detail.status === 'error' && (
          <p className="ops-drawer__error" role="alert">
            {t('timelineError', { message: detail.message })}
          </p>
        )}
        {!incident && detail.status !== 'error' && (
          <p className="ops-drawer__muted" role="status">
            {detail.status === 'loading' ? t('timelineLoading') : t('notLoaded')}
          </p>
        )}
        {incident && (
          <>
            <IncidentSummary incident={incident} labels={labels} />
            <DuplicatesPanel
              {...props.duplicates}
              incident={incident}
              history={detail.status === 'ready' ? detail.detail.history : undefined}
              principal={me}
              labels={labels}
              timeZone={pack.timeZone}
            />
            <SlaClocks
              incident={incident}
              timeZone={pack.timeZone}
              labels={labels}
              serverTimeOffsetMs={props.serverTimeOffsetMs}
            />
            {props.model && (
              <IncidentActionsPanel
                key={incident.id}
                model={props.model}
                principal={props.principal}
                actions={props.actions}
                labels={labels}
                assignRef={props.assignRef}
                noteRef={props.noteRef}
              />
            )}
            <ProofPanel
              key={`proof-${incident.id}`}
              incident={incident}
              settings={props.proof.settings}
              principal={me}
              actions={props.proof.actions}
            />
          </>
        )}
        <IncidentTimeline
          state={detail}
          timeZone={pack.timeZone}
          labels={labels}
          onRetry={props.onRetryDetail}
          proofRadiusM={props.proof.settings?.proofRadiusM ?? null}
        />
        {incident && (
          <>
            <IncidentFields pack={pack} incident={incident} labels={labels} />
            <Reporter incident={fetched ?? incident} labels={labels} />
          </>
        )}
      </div>
    </aside>
  );
}

/** The report's field time, and the time the server logged it when the two differ. */
function reportedText(
  incident: Incident,
  timeZone: string,
  locale: Locale,
  t: OpsLabels['t'],
): string {
  const reported = formatZoned(incident.reportedAt, timeZone, locale);
  if (!incident.loggedAt || !isBackdated(incident.reportedAt, incident.loggedAt)) return reported;
  return `${reported} · ${t('logged', { time: formatZoned(incident.loggedAt, timeZone, locale) })}`;
}

function IncidentFields({
  pack,
  incident,
  labels,
}: {
  pack: CityPack;
  incident: Incident;
  labels: OpsLabels;
}) {
  const { locale } = useLocale();
  const { t } = labels;
  const kel = incident.kelurahanCode ? kelurahanByCode(pack, incident.kelurahanCode) : undefined;
  const rows: [string, string][] = [
    [t('severity'), labels.severity(incident.severity)],
    [t('agency'), `${labels.agencyShort(incident.agency)} — ${labels.agency(incident.agency)}`],
    [t('source'), labels.source(incident.source)],
    [t('externalId'), incident.externalId ?? '–'],
    [t('address'), incident.address ?? t('noAddress')],
    [t('kelurahan'), kel ? `${kel.name} (${kel.code})` : (incident.kelurahanCode ?? '–')],
    [
      t('coordinates'),
      `${formatNumber(incident.location.lat, locale, 5)}, ${formatNumber(incident.location.lon, locale, 5)}`,
    ],
    [t('reported'), reportedText(incident, pack.timeZone, locale, t)],
    [t('updated'), formatZoned(incident.updatedAt, pack.timeZone, locale)],
    [t('notes'), formatNumber(incident.notes, locale)],
  ];
  return (
    <section className="ops-drawer__section">
      <h3 className="ops-drawer__heading">{t('details')}</h3>
      <dl className="ops-fields">
        {rows.map(([k, v]) => (
          <div key={k} className="ops-fields__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function IncidentSummary({ incident, labels }: { incident: Incident; labels: OpsLabels }) {
  const { t } = labels;
  return (
    <section className="ops-drawer__section">
      <div className="ops-drawer__status-line">
        <StatusChip status={incident.status} label={labels.status(incident.status)} />
        <span className={`ops-severity ops-severity--${incident.severity}`}>
          {labels.severity(incident.severity)}
        </span>
        <span className="ops-drawer__id" title={incident.id}>
          #{shortId(incident.id)}
        </span>
      </div>
      <h3 className="ops-drawer__heading">{t('description')}</h3>
      <p className="ops-drawer__description" data-testid="drawer-description">
        {incident.description || t('noDescription')}
      </p>
      <p className="ops-drawer__where">{incident.address ?? t('noAddress')}</p>
    </section>
  );
}

function Reporter({ incident, labels }: { incident: Incident; labels: OpsLabels }) {
  const { t } = labels;
  const r = incident.reporter;
  const parts: [string, string | null][] = r
    ? [
        [t('reporterName'), r.name],
        [t('reporterPhone'), r.phone],
        [t('reporterEmail'), r.email],
      ]
    : [];
  const shown = parts.filter((p): p is [string, string] => p[1] !== null);
  return (
    <section className="ops-drawer__section" data-testid="drawer-reporter">
      <h3 className="ops-drawer__heading">{t('reporter')}</h3>
      {shown.length === 0 ? (
        <p className="ops-drawer__muted">{t('noReporter')}</p>
      ) : (
        <dl className="ops-fields">
          {shown.map(([k, v]) => (
            <div key={k} className="ops-fields__row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
