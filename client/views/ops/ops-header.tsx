/**
 * The console's header: product and view, whether the data is live, how many incidents
 * the filters leave (in the list and on the map), how many of them are overdue and how many
 * of the analyst's alerts are active (and critical), who is signed in, the alert sound toggle, the language switch, the shortcut help and the clock.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Alert } from '../../../shared/domain/alerts.ts';
import { CityClock } from '../../components/city-clock.tsx';
import { LiveIndicator } from '../../components/live-indicator.tsx';
import { formatNumber, LOCALES, useLocale, type Locale } from '../../i18n/locale.tsx';
import type { LiveState } from '../../live/live-store.ts';
import type { OpsLabels } from './use-ops-labels.ts';
import type { PrincipalState } from '../../auth/use-principal.ts';

interface OpsHeaderProps {
  pack: CityPack;
  state: LiveState;
  labels: OpsLabels;
  shown: number;
  /** Incidents in the live data: reports linked to another as duplicates are not counted. */
  total: number;
  visibleOnMap: number;
  overdue: number;
  /** The active alerts (useLiveAlerts). */
  alerts: readonly Alert[];
  principal: PrincipalState;
  muted: boolean;
  onMutedChange: (muted: boolean) => void;
  soundBlocked: boolean;
  onHelp: () => void;
}

export function OpsHeader(props: OpsHeaderProps) {
  const { pack, state, labels, shown, total, visibleOnMap, overdue, principal } = props;
  const { locale, setLocale } = useLocale();
  const { t } = labels;
  const ready = state.hasSnapshot;
  const switchLocale = (l: Locale) => {
    setLocale(l);
    // A `?lang=` in the address would otherwise bring the old language back on reload.
    const url = new URL(window.location.href);
    if (!url.searchParams.has('lang')) return;
    url.searchParams.set('lang', l);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  };
  return (
    <header className="ops-header">
      <div className="ops-header__brand">
        <span className="ops-header__product">Nakhoda</span>
        <span className="ops-header__view">{t('title')}</span>
        <span className="ops-header__city">{pack.name[locale]}</span>
      </div>
      <LiveIndicator state={state} timeZone={pack.timeZone} />
      <div className="ops-header__counts">
        <span className="ops-count" data-testid="ops-list-count" data-value={shown}>
          {ready
            ? t('shown', {
                shown: formatNumber(shown, locale),
                total: formatNumber(total, locale),
              })
            : '–'}
        </span>
        <span
          className="ops-count ops-count--muted"
          data-testid="ops-visible-count"
          data-value={visibleOnMap}
        >
          {formatNumber(visibleOnMap, locale)} {t('onMap')}
        </span>
        <span
          className={`ops-count ${overdue > 0 ? 'ops-count--overdue' : 'ops-count--muted'}`}
          data-testid="ops-overdue-count"
          data-value={overdue}
        >
          {formatNumber(overdue, locale)} {t('overdue')}
        </span>
        <AlertCount alerts={props.alerts} ready={ready} labels={labels} />
      </div>
      <div className="ops-header__tools">
        {principal.status === 'ready' && (
          <span className="ops-user" data-testid="ops-user" data-role={principal.principal.role}>
            {t('signedInAs', {
              name: principal.principal.name,
              role: labels.role(principal.principal.role),
            })}
          </span>
        )}
        <button
          type="button"
          className={`ops-tool ${props.muted ? '' : 'ops-tool--on'}`}
          data-testid="ops-mute"
          aria-pressed={!props.muted}
          title={props.soundBlocked ? t('soundBlocked') : undefined}
          onClick={() => props.onMutedChange(!props.muted)}
        >
          <SpeakerIcon muted={props.muted} /> {props.muted ? t('soundOff') : t('soundOn')}
          {props.soundBlocked && <span className="ops-tool__warn"> !</span>}
        </button>
        <div className="ops-lang" role="group" aria-label={t('language')}>
          {LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              className="ops-lang__button"
              data-testid={`ops-lang-${l}`}
              aria-pressed={locale === l}
              onClick={() => switchLocale(l)}
            >
              {l.toUpperCase()}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="ops-tool"
          data-testid="ops-help"
          onClick={props.onHelp}
          title={t('help')}
        >
          {t('shortcuts')} <kbd>?</kbd>
        </button>
        <CityClock timeZone={pack.timeZone} serverTimeOffsetMs={state.serverTimeOffsetMs} />
      </div>
    </header>
  );
}

function AlertCount(props: { alerts: readonly Alert[]; ready: boolean; labels: OpsLabels }) {
  const { alerts, ready, labels } = props;
  const { locale } = useLocale();
  const critical = alerts.filter((a) => a.severity === 'critical').length;
  return (
    <span
      className={`ops-count ${critical > 0 ? 'ops-count--overdue' : alerts.length > 0 ? '' : 'ops-count--muted'}`}
      data-testid="ops-alert-count"
      data-value={ready ? alerts.length : ''}
      data-critical={ready ? critical : ''}
    >
      {ready
        ? `${labels.t('alerts.header', { n: formatNumber(alerts.length, locale) })} · ${labels.t('alerts.headerCritical', { n: formatNumber(critical, locale) })}`
        : '–'}
    </span>
  );
}

/** Drawn, not an emoji: kiosk machines often lack an emoji font. */
function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg className="ops-tool__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d="M2 6h3l4-3v10l-4-3H2z" fill="currentColor" />
      {muted ? (
        <path d="M11 6l4 4M15 6l-4 4" stroke="currentColor" strokeWidth="1.5" fill="none" />
      ) : (
        <path
          d="M11 5.5a3.5 3.5 0 0 1 0 5M12.5 3.5a6 6 0 0 1 0 9"
          stroke="currentColor"
          strokeWidth="1.3"
          fill="none"
        />
      )}
    </svg>
  );
}
