/**
 * Every event in the incident's log, oldest first: what happened, who did it, and when in
 * WIB. The time shown is the field time, the one SLA clocks run on; when someone dated it
 * back, the time the server logged it stands beside it, so a flattering date is visible.
 * Notes are citizen or staff text, rendered as text. A field photo shows its thumbnail and
 * its checks against the proof radius (photo-evidence.tsx).
 */
import { fieldTime, isBackdated } from '../../../shared/domain/field-time.ts';
import type { IncidentEvent } from '../../../shared/domain/types.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { formatZoned, shortId } from './ops-format.ts';
import { PhotoEvidence } from './photo-evidence.tsx';
import type { DetailState } from './use-incident-detail.ts';
import type { OpsLabels } from './use-ops-labels.ts';

export function describeEvent(event: IncidentEvent, labels: OpsLabels): string {
  const { t } = labels;
  switch (event.type) {
    case 'incident.reported':
      return t('event.reported', { source: labels.source(event.data.incident.source) });
    case 'incident.status_changed':
      return t('event.status', {
        from: labels.status(event.data.from),
        to: labels.status(event.data.to),
      });
    case 'incident.assigned':
      return t('event.assigned', {
        from: labels.agencyShort(event.data.from),
        to: labels.agencyShort(event.data.to),
      });
    case 'incident.noted':
      return t('event.noted');
    case 'incident.escalated':
      return t('event.escalated', {
        from: labels.severity(event.data.from),
        to: labels.severity(event.data.to),
      });
    case 'incident.linked':
      return t(event.data.auto ? 'event.linkedAuto' : 'event.linked', {
        master: shortId(event.data.masterId),
        distance: event.data.distanceM,
      });
    case 'incident.unlinked':
      return t('event.unlinked', { master: shortId(event.data.masterId) });
    case 'incident.reporters_changed':
      return t(event.data.delta > 0 ? 'event.reportLinked' : 'event.reportSplit', {
        report: shortId(event.data.reportId),
      });
    case 'incident.claimed':
      return t('event.claimed', { assignee: event.data.assignee });
    case 'incident.unclaimed':
      return t('event.unclaimed', { assignee: event.data.assignee });
    case 'incident.photo_added':
      // Its checks stand beside its thumbnail (photo-evidence.tsx).
      return t('event.photo', {
        kind: t(event.data.kind === 'after' ? 'event.photoAfter' : 'event.photoBefore'),
      });
    case 'incident.proof_waived':
      return t('event.proofWaived', { by: event.data.by });
  }
}

function noteOf(event: IncidentEvent): string | null {
  return event.type === 'incident.reported' ? null : event.data.note;
}

interface IncidentTimelineProps {
  state: DetailState;
  timeZone: string;
  labels: OpsLabels;
  onRetry: () => void;
  /** What a photo's distance is judged against (FIELD_PROOF_RADIUS_M); null not known yet. */
  proofRadiusM?: number | null;
}

export function IncidentTimeline(props: IncidentTimelineProps) {
  const { state, timeZone, labels, onRetry, proofRadiusM = null } = props;
  const { locale } = useLocale();
  const { t } = labels;
  const history =
    state.status === 'ready'
      ? state.detail.history
      : state.status === 'loading'
        ? state.previous?.history
        : undefined;

  return (
    <section className="ops-drawer__section" aria-label={t('timeline')}>
      <h3 className="ops-drawer__heading">{t('timeline')}</h3>
      {state.status === 'error' && (
        <div className="ops-drawer__error" role="alert" data-testid="timeline-error">
          {t('timelineError', { message: state.message })}{' '}
          <button type="button" className="ops-link" onClick={onRetry}>
            {t('retry')}
          </button>
        </div>
      )}
      {history === undefined && state.status === 'loading' && (
        <p className="ops-drawer__muted" role="status">
          {t('timelineLoading')}
        </p>
      )}
      {history !== undefined && history.length === 0 && (
        <p className="ops-drawer__muted">{t('timelineEmpty')}</p>
      )}
      {history !== undefined && history.length > 0 && (
        <ol className="ops-timeline" data-testid="timeline" data-count={history.length}>
          {history.map((event) => {
            const field = fieldTime(event);
            const backdated = isBackdated(field, event.at);
            const note = noteOf(event);
            return (
              <li
                key={event.seq}
                className={`ops-timeline__item ops-timeline__item--${event.type.replace('incident.', '')}`}
                data-testid="timeline-event"
                data-type={event.type}
              >
                <span className="ops-timeline__marker" aria-hidden="true" />
                <div className="ops-timeline__what">{describeEvent(event, labels)}</div>
                <div className="ops-timeline__meta">
                  <time dateTime={field}>{formatZoned(field, timeZone, locale)}</time>
                  {backdated && (
                    <>
                      {' · '}
                      <span className="ops-timeline__logged" data-testid="timeline-logged">
                        {t('logged', { time: formatZoned(event.at, timeZone, locale) })}
                      </span>
                    </>
                  )}
                  <span className="ops-timeline__actor">
                    {' · '}
                    {event.actor.id} ({t(`actor.${event.actor.kind}`)})
                  </span>
                </div>
                {note && <p className="ops-timeline__note">{note}</p>}
                {event.type === 'incident.photo_added' && (
                  <PhotoEvidence event={event} radiusM={proofRadiusM} timeZone={timeZone} />
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
