/**
 * The drawer's section on duplicate reports, one of three by what the incident is:
 * - a master (reports linked to it): "N pelapor", and its linked reports (source, time in
 *   WIB, distance) from the API, each with Split for supervisors;
 * - a linked report: a banner naming its master (automatic or by hand, how far), a link to
 *   open it, and Confirm duplicate and Split for supervisors;
 * - a report of its own that may still be linked: for supervisors, "Link to…" the nearest
 *   open incidents of its category from the live store.
 * Everyone sees the facts; only roles the shared policy lets link (`incident:link`) get
 * buttons. The server decides; its refusal is shown as text.
 */
import { useMemo, useState } from 'react';
import { authorize, type Principal } from '../../../shared/domain/access.ts';
import { distanceM, masterOf, reportersOf } from '../../../shared/domain/duplicates.ts';
import type { Incident, IncidentEvent } from '../../../shared/domain/types.ts';
import { formatNumber, useLocale, useMessages } from '../../i18n/locale.tsx';
import { linkCandidates, LINK_RADIUS_M, mayBeLinked } from './duplicate-candidates.ts';
import { DUPLICATE_MESSAGES } from './duplicates.messages.ts';
import { formatZoned, shortId } from './ops-format.ts';
import type { DuplicateActions } from './use-duplicate-actions.ts';
import { shownReports, type LinkedReportsState } from './use-linked-reports.ts';
import type { OpsLabels } from './use-ops-labels.ts';
import './duplicates.css';

type T = ReturnType<typeof useMessages<keyof (typeof DUPLICATE_MESSAGES)['id']>>;

export interface DuplicatesPanelProps {
  incident: Incident;
  /** The live store's incidents, and a version that moves when they change. */
  live: ReadonlyMap<string, Incident>;
  liveVersion: number;
  history: readonly IncidentEvent[] | undefined;
  reports: LinkedReportsState;
  onRetryReports: () => void;
  principal: Principal | null;
  actions: DuplicateActions;
  labels: OpsLabels;
  timeZone: string;
  onOpen: (id: string) => void;
}

export function DuplicatesPanel(props: DuplicatesPanelProps) {
  const { incident, principal, actions } = props;
  const t = useMessages(DUPLICATE_MESSAGES);
  const mayAct = principal !== null && authorize(principal, { type: 'incident:link' }).allowed;
  const masterId = masterOf(incident);
  const feedback = actions.feedback && (
    <p className="ops-drawer__error" role="alert" data-testid="duplicates-error">
      {t(actions.feedback.kind, { message: actions.feedback.message })}
    </p>
  );
  let body;
  if (masterId !== null)
    body = <LinkedBanner {...props} masterId={masterId} mayAct={mayAct} t={t} />;
  else if (reportersOf(incident) > 1) body = <MasterReports {...props} mayAct={mayAct} t={t} />;
  else if (mayAct && mayBeLinked(incident)) body = <LinkTo {...props} t={t} />;
  else return null;
  return (
    <section
      className="ops-drawer__section ops-dups"
      aria-label={t('title')}
      data-testid="duplicates"
    >
      <h3 className="ops-drawer__heading">{t('title')}</h3>
      {body}
      {feedback}
    </section>
  );
}

type Inner = DuplicatesPanelProps & { t: T };

const busyLabel = (actions: DuplicateActions, name: string, text: string, t: T) =>
  actions.pending === name ? t('sending') : text;

function MasterReports(props: Inner & { mayAct: boolean }) {
  const { incident, reports, live, actions, labels, timeZone, mayAct, t } = props;
  const { locale } = useLocale();
  const n = reportersOf(incident);
  const shown = shownReports(reports, live);
  return (
    <>
      <p className="ops-dups__count" data-testid="drawer-reporters" data-value={n}>
        {t('reporters', { n: formatNumber(n, locale) })}
      </p>
      <h4 className="ops-dups__subheading">{t('linkedReports')}</h4>
      {reports.status === 'error' && (
        <p className="ops-drawer__error" role="alert">
          {t('reportsError', { message: reports.message })}{' '}
          <button type="button" className="ops-link" onClick={props.onRetryReports}>
            {labels.t('retry')}
          </button>
        </p>
      )}
      {shown === null && reports.status !== 'error' && (
        <p className="ops-drawer__muted" role="status">
          {t('loadingReports')}
        </p>
      )}
      {shown !== null && shown.length === 0 && (
        <p className="ops-drawer__muted">{t('noReports')}</p>
      )}
      {shown !== null && shown.length > 0 && (
        <ul className="ops-dups__list" data-testid="linked-reports" data-count={shown.length}>
          {shown.map((r) => {
            const confirmed = r.status === 'duplicate';
            return (
              <li key={r.id} className="ops-dups__item" data-testid={`linked-report-${r.id}`}>
                <button type="button" className="ops-link" onClick={() => props.onOpen(r.id)}>
                  #{shortId(r.id)}
                </button>
                <span>{labels.source(r.source)}</span>
                <time dateTime={r.reportedAt}>
                  {formatZoned(r.reportedAt, timeZone, locale, { seconds: false })}
                </time>
                <span className="ops-dups__distance">
                  {formatNumber(Math.round(distanceM(r.location, incident.location)), locale)} m
                </span>
                {confirmed && <span className="ops-dups__tag">{t('confirmed')}</span>}
                {mayAct && masterOf(r) === incident.id && !confirmed && (
                  <button
                    type="button"
                    className="ops-button ops-dups__action"
                    data-testid={`split-${r.id}`}
                    disabled={actions.pending !== null}
                    onClick={() => void actions.split(r.id)}
                  >
                    {busyLabel(actions, `split:${r.id}`, t('split'), t)}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** The latest link event in the report's history: automatic or by hand, and how far. */
function lastLink(history: readonly IncidentEvent[] | undefined, masterId: string) {
  const found = history
    ?.filter((e) => e.type === 'incident.linked' && e.data.masterId === masterId)
    .at(-1);
  return found?.type === 'incident.linked' ? found.data : null;
}

function LinkedBanner(props: Inner & { masterId: string; mayAct: boolean }) {
  const { incident, masterId, live, history, actions, labels, mayAct, t } = props;
  const { locale } = useLocale();
  const master = live.get(masterId);
  const link = lastLink(history, masterId);
  const metres =
    link?.distanceM ?? (master ? Math.round(distanceM(incident.location, master.location)) : null);
  const how =
    metres === null
      ? null
      : link?.auto === false
        ? t('linkedManual', { distance: formatNumber(metres, locale) })
        : link?.auto
          ? t('linkedAuto', { distance: formatNumber(metres, locale) })
          : `${formatNumber(metres, locale)} m`;
  const confirmed = incident.status === 'duplicate';
  const masterName = master
    ? `#${shortId(masterId)} · ${labels.category(master.category)}`
    : `#${shortId(masterId)}`;
  return (
    <>
      <div
        className="ops-dups__banner"
        role="status"
        data-testid="linked-banner"
        data-master={masterId}
      >
        <span>
          {t('linkedTo', { master: masterName })}
          {how && ` (${how})`}
        </span>
        <button
          type="button"
          className="ops-link"
          data-testid="open-master"
          onClick={() => props.onOpen(masterId)}
        >
          {t('openMaster')}
        </button>
      </div>
      {confirmed && <p className="ops-drawer__muted">{t('confirmedNote')}</p>}
      {mayAct && !confirmed && (
        <div className="ops-actions__row">
          <button
            type="button"
            className="ops-button ops-button--primary"
            data-testid="confirm-duplicate"
            disabled={actions.pending !== null}
            onClick={() => void actions.confirm(incident.id)}
          >
            {busyLabel(actions, `confirm:${incident.id}`, t('confirm'), t)}
          </button>
          <button
            type="button"
            className="ops-button"
            data-testid="split-report"
            disabled={actions.pending !== null}
            onClick={() => void actions.split(incident.id)}
          >
            {busyLabel(actions, `split:${incident.id}`, t('split'), t)}
          </button>
        </div>
      )}
    </>
  );
}

function LinkTo(props: Inner) {
  const { incident, live, liveVersion, actions, labels, t } = props;
  const { locale } = useLocale();
  const [open, setOpen] = useState(false);
  const candidates = useMemo(
    () => (open ? linkCandidates(incident, live.values()) : []),
    // The store's map changes in place; its version says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [open, incident, live, liveVersion],
  );
  const radius = formatNumber(LINK_RADIUS_M, locale);
  return (
    <details
      className="ops-dups__link"
      data-testid="link-to"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{t('linkTo')}</summary>
      <p className="ops-drawer__muted">
        {candidates.length === 0 ? t('noCandidates', { radius }) : t('linkHint', { radius })}
      </p>
      {candidates.length > 0 && (
        <ul className="ops-dups__list" data-testid="link-candidates">
          {candidates.map(({ incident: c, distanceM: d }) => (
            <li key={c.id} className="ops-dups__item" data-testid={`link-candidate-${c.id}`}>
              <span>#{shortId(c.id)}</span>
              <span>{labels.status(c.status)}</span>
              <span className="ops-dups__where">{c.address ?? labels.t('noAddress')}</span>
              <span className="ops-dups__distance">{formatNumber(Math.round(d), locale)} m</span>
              <button
                type="button"
                className="ops-button ops-dups__action"
                data-testid={`link-${c.id}`}
                disabled={actions.pending !== null}
                onClick={() => void actions.link(incident.id, c.id)}
              >
                {busyLabel(actions, `link:${c.id}`, t('link'), t)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
