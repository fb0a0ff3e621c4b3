/**
 * Replay controls and what they show beside the map: the window (wall-clock times in
 * the city's zone), play at 1×, 60× or 600×, the time slider, the KPIs at that moment
 * (the shared computeStats over the replayed incidents), the analyst's alerts active then
 * and the latest incidents then.
 */
import { useMemo, useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { computeStats } from '../../../shared/domain/stats.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import {
  formatMinutes,
  formatNumber,
  formatPercent,
  useLocale,
  useMessages,
} from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { formatDateTime } from './format.ts';
import { ReplayAlerts } from './replay-alerts.tsx';
import { categoryName, placeLabel, statusName } from './names.ts';
import {
  fromLocalInput,
  replayWindowError,
  toLocalInput,
  type ReplayWindow,
} from './replay-window.ts';
import { SPEEDS, type ReplayControls } from './use-replay.ts';

const LIST_SIZE = 30;

interface ReplayPanelProps {
  pack: CityPack;
  replay: ReplayControls;
  initialWindow: ReplayWindow;
  onLoad: (w: ReplayWindow) => void;
}

export function ReplayPanel({ pack, replay, initialWindow, onLoad }: ReplayPanelProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const tz = pack.timeZone;
  const { view } = replay;
  const [fromInput, setFromInput] = useState(() => toLocalInput(initialWindow.from, tz));
  const [toInput, setToInput] = useState(() => toLocalInput(initialWindow.to, tz));
  const from = fromLocalInput(fromInput, tz);
  const to = fromLocalInput(toInput, tz);
  const windowError = from && to ? replayWindowError({ from, to }) : 'invalid';

  const minute = Math.floor(view.t / MINUTE_MS);
  const stats = useMemo(
    () =>
      view.status === 'ready'
        ? computeStats(view.visible, new Date(minute * MINUTE_MS), tz, {
            agencies: pack.agencies.map((a) => a.code),
            categories: pack.categories.map((c) => c.code),
          }).totals
        : null,
    [view.status, view.visible, minute, tz, pack],
  );
  const latest = useMemo(
    () =>
      [...view.visible]
        .sort((a, b) => b.reportedAt.localeCompare(a.reportedAt))
        .slice(0, LIST_SIZE),
    [view.visible],
  );

  const start = view.window ? Date.parse(view.window.from) : 0;
  const end = view.window ? Date.parse(view.window.to) : 0;
  const togglePlay = () => {
    if (!view.playing && view.t >= end) replay.seek(start);
    replay.setPlaying(!view.playing);
  };
  const time =
    view.status === 'ready'
      ? `${formatDateTime(new Date(view.t), tz, locale)} ${zoneLabel(tz)}`
      : '';

  return (
    <div className="briefing-replay" data-testid="briefing-replay" data-state={view.status}>
      <p className="briefing-note">{t('replayIntro')}</p>
      <form
        className="briefing-replay__window"
        onSubmit={(e) => {
          e.preventDefault();
          if (from && to && !windowError) onLoad({ from, to });
        }}
      >
        <label className="briefing-field">
          <span>
            {t('from')} ({zoneLabel(tz)})
          </span>
          <input
            type="datetime-local"
            value={fromInput}
            data-testid="replay-from"
            onChange={(e) => setFromInput(e.target.value)}
          />
        </label>
        <label className="briefing-field">
          <span>
            {t('to')} ({zoneLabel(tz)})
          </span>
          <input
            type="datetime-local"
            value={toInput}
            data-testid="replay-to"
            onChange={(e) => setToInput(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="briefing-button"
          disabled={windowError !== null}
          data-testid="replay-load"
        >
          {t('replayLoad')}
        </button>
      </form>
      {windowError === 'too_long' && <p role="alert">{t('replayTooLong')}</p>}
      {windowError === 'invalid' && <p role="alert">{t('periodInvalid')}</p>}
      {view.status === 'idle' && <p className="briefing-note">{t('replayHint')}</p>}
      {view.status === 'loading' && <p role="status">{t('replayLoading')}</p>}
      {view.status === 'error' && (
        <p role="alert">
          {t('replayError')}: {view.error}
        </p>
      )}
      {view.status === 'ready' && stats && (
        <>
          <div className="briefing-replay__controls">
            <button
              type="button"
              className="briefing-button"
              onClick={togglePlay}
              data-testid="replay-play"
              aria-pressed={view.playing}
            >
              {view.playing ? `❚❚ ${t('pause')}` : `▶ ${t('play')}`}
            </button>
            <div className="briefing-toggle" role="group" aria-label={t('speed')}>
              {SPEEDS.map((s) => (
                <button
                  key={s}
                  type="button"
                  className="briefing-chip"
                  aria-pressed={view.speed === s}
                  data-testid={`replay-speed-${s}`}
                  onClick={() => replay.setSpeed(s)}
                >
                  {s}×
                </button>
              ))}
            </div>
            <span className="briefing-note">
              {t('replayEvents', { n: formatNumber(view.eventCount, locale) })}
            </span>
          </div>
          <input
            type="range"
            className="briefing-replay__slider"
            min={start}
            max={end}
            step={MINUTE_MS}
            value={view.t}
            aria-label={t('replaySlider')}
            aria-valuetext={time}
            data-testid="replay-slider"
            onChange={(e) => replay.seek(Number(e.target.value))}
          />
          <p
            className="briefing-replay__time"
            data-testid="replay-time"
            data-value={new Date(view.t).toISOString()}
          >
            {t('replayAt', { time })}
          </p>
          <dl className="briefing-replay__kpis">
            <div data-testid="replay-count" data-value={view.visible.length}>
              <dt>{t('replayKpi.shown')}</dt>
              <dd>{formatNumber(view.visible.length, locale)}</dd>
            </div>
            <div data-testid="replay-kpi-open" data-value={stats.open}>
              <dt>{t('replayKpi.open')}</dt>
              <dd>{formatNumber(stats.open, locale)}</dd>
            </div>
            <div data-testid="replay-kpi-overdue" data-value={stats.overdue}>
              <dt>{t('replayKpi.overdue')}</dt>
              <dd>{formatNumber(stats.overdue, locale)}</dd>
            </div>
            <div>
              <dt>{t('replayKpi.inProgress')}</dt>
              <dd>{formatNumber(stats.inProgress, locale)}</dd>
            </div>
            <div>
              <dt>{t('replayKpi.reportedToday')}</dt>
              <dd>{formatNumber(stats.reportedToday, locale)}</dd>
            </div>
            <div>
              <dt>{t('replayKpi.resolvedToday')}</dt>
              <dd>{formatNumber(stats.resolvedToday, locale)}</dd>
            </div>
            <div>
              <dt>{t('replayKpi.sla')}</dt>
              <dd>{formatPercent(stats.slaCompliancePct, locale)}</dd>
            </div>
            <div>
              <dt>{t('kpi.medianResponseMin')}</dt>
              <dd>{formatMinutes(stats.medianFirstResponseMin, locale)}</dd>
            </div>
          </dl>
          <ReplayAlerts pack={pack} alerts={view.alerts} />
          <h3 className="briefing-subhead">{t('replayList')}</h3>
          {latest.length === 0 ? (
            <p className="briefing-empty">{t('replayNone')}</p>
          ) : (
            <ol className="briefing-replay__list" data-testid="replay-list">
              {latest.map((i) => (
                <li key={i.id}>
                  <span className="briefing-replay__meta">
                    <time dateTime={i.reportedAt}>{formatDateTime(i.reportedAt, tz, locale)}</time>{' '}
                    · {categoryName(pack, i.category, locale)} ·{' '}
                    <span className={`briefing-status briefing-status--${i.status}`}>
                      {statusName(pack, i.status, locale)}
                    </span>{' '}
                    · {placeLabel(pack, i)}
                  </span>
                  <span className="briefing-replay__text">{i.description}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}
