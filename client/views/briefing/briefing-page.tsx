/**
 * /briefing: leadership's view of a period. The state lives in the address bar (period,
 * filters, league settings, replay window), so a copied link reopens the same briefing.
 * Numbers come from GET /api/v1/briefing as they are; the map, replay and exports read
 * their own data and never touch the live store.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { DAY_MS } from '../../../shared/domain/time.ts';
import { storedToken } from '../../auth/credentials.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import { useLocale, useMessages } from '../../i18n/locale.tsx';
import type { LiveStore } from '../../live/live-store.ts';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { BriefingHeader } from './briefing-header.tsx';
import { briefingSearch, parseBriefingParams, type BriefingParams } from './briefing-url.ts';
import { ExportBar } from './export-bar.tsx';
import { formatDateTime, formatRange } from './format.ts';
import { KpiGrid } from './kpi-grid.tsx';
import { LeagueSection } from './league-section.tsx';
import { MapSection, type MapMode } from './map-section.tsx';
import { PeriodPicker } from './period-picker.tsx';
import { resolvePeriod } from './period.ts';
import { defaultReplayWindow, type ReplayWindow } from './replay-window.ts';
import { TrendSection } from './trend-section.tsx';
import { useBriefingData } from './use-briefing-data.ts';
import { useReplay } from './use-replay.ts';
import './briefing.css';
import './briefing-sections.css';
import './briefing-tables.css';

interface BriefingPageProps {
  pack: CityPack;
  store: LiveStore;
}

function writeUrl(params: BriefingParams): void {
  const search = briefingSearch(params);
  const lang = new URLSearchParams(window.location.search).get('lang');
  if (lang) search.set('lang', lang);
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}?${search.toString()}`,
  );
}

export function BriefingPage({ pack }: BriefingPageProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const tz = pack.timeZone;
  const token = useMemo(() => storedToken(window.localStorage), []);
  const [params, setParamsState] = useState(() =>
    parseBriefingParams(new URLSearchParams(window.location.search)),
  );
  const [nowMs, setNowMs] = useState(() => Date.now());
  const setParams = useCallback((next: BriefingParams) => {
    setParamsState(next);
    writeUrl(next);
  }, []);

  const resolved = useMemo(
    () => resolvePeriod(params.period, new Date(nowMs), tz),
    [params.period, nowMs, tz],
  );
  const period = resolved.ok ? resolved.period : null;
  const data = useBriefingData(period, params, token);
  const replay = useReplay(token);
  const [mode, setMode] = useState<MapMode>(() => (params.replayFrom ? 'replay' : 'period'));
  const mapBoxRef = useRef<HTMLDivElement>(null);
  const chartsRef = useRef<HTMLDivElement>(null);

  // The address bar always holds the whole state, defaults included, so a copied link is
  // complete; a link that carries a replay window opens with that replay loaded.
  const loadReplay = replay.load;
  useEffect(() => {
    writeUrl(params);
    if (params.replayFrom && params.replayTo)
      loadReplay({ from: params.replayFrom, to: params.replayTo });
    // Once, on opening the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onReplayLoad = (w: ReplayWindow) => {
    setParams({ ...params, replayFrom: w.from, replayTo: w.to });
    loadReplay(w);
  };

  const b = data.briefing;
  const briefing = b.status === 'ready' ? b.data : b.status === 'loading' ? b.previous : null;
  const state = !period ? 'invalid' : b.status;
  const overdueAt = period ? new Date(Math.min(period.to.getTime(), nowMs)) : new Date(nowMs);
  const periodLabel = period ? formatRange(period.from, period.to, tz, locale) : '–';
  const replayWindow =
    params.replayFrom && params.replayTo
      ? { from: params.replayFrom, to: params.replayTo }
      : period
        ? defaultReplayWindow(period)
        : { from: new Date(nowMs - DAY_MS).toISOString(), to: new Date(nowMs).toISOString() };
  const mapCaption =
    mode === 'replay' && replay.view.status === 'ready'
      ? t('pdf.mapReplayCaption', {
          time: `${formatDateTime(new Date(replay.view.t), tz, locale)} ${zoneLabel(tz)}`,
        })
      : `${t('pdf.mapCaption')} ${periodLabel}`;
  const invalidReason = resolved.ok ? null : resolved.reason;

  return (
    <div
      className="briefing"
      data-testid="briefing"
      data-state={state}
      data-from={period?.from.toISOString() ?? ''}
      data-to={period?.to.toISOString() ?? ''}
      aria-busy={state === 'loading'}
    >
      <BriefingHeader
        pack={pack}
        periodLabel={periodLabel}
        onRefresh={() => {
          setNowMs(Date.now());
          data.retry();
        }}
      />
      <div className="briefing-toolbar">
        <PeriodPicker pack={pack} params={params} now={new Date(nowMs)} onChange={setParams} />
        {briefing && period && (
          <ExportBar
            pack={pack}
            briefing={briefing}
            params={params}
            period={period}
            token={token}
            mapBoxRef={mapBoxRef}
            chartsRef={chartsRef}
            periodIncidents={data.incidents.status === 'ready' ? data.incidents.data.items : []}
            open={data.open.status === 'ready' ? data.open.data : null}
            overdueAt={overdueAt}
            mapCaption={mapCaption}
          />
        )}
      </div>
      <main className="briefing-main">
        {invalidReason && (
          <p className="briefing-banner briefing-banner--error" role="alert">
            {invalidReason === 'future'
              ? t('periodFuture')
              : invalidReason === 'too_long'
                ? t('periodTooLong')
                : t('periodInvalid')}
          </p>
        )}
        {period && b.status === 'loading' && (
          <p className="briefing-banner" role="status" data-testid="briefing-loading">
            {t('loading')}
          </p>
        )}
        {b.status === 'error' && (
          <div
            className="briefing-banner briefing-banner--error"
            role="alert"
            data-testid="briefing-error"
          >
            <span>
              {t('error')}: {b.message}
            </span>
            <button type="button" className="briefing-button" onClick={data.retry}>
              {t('retry')}
            </button>
          </div>
        )}
        {briefing && period && (
          <>
            <section className="briefing-section" aria-labelledby="briefing-kpis-title">
              <header className="briefing-section__head">
                <h2 id="briefing-kpis-title">{t('kpis')}</h2>
                <span className="briefing-note">
                  {t('comparedWith', {
                    range: formatRange(
                      new Date(briefing.previous.from),
                      new Date(briefing.previous.to),
                      tz,
                      locale,
                    ),
                  })}
                </span>
              </header>
              {briefing.kpis.received === 0 && <p className="briefing-empty">{t('empty')}</p>}
              <KpiGrid kpis={briefing.kpis} previous={briefing.previousKpis} />
            </section>
            <MapSection
              pack={pack}
              briefing={briefing}
              periodEnd={period.to}
              incidents={data.incidents}
              replay={replay}
              replayWindow={replayWindow}
              onReplayLoad={onReplayLoad}
              mode={mode}
              onMode={setMode}
              mapBoxRef={mapBoxRef}
            />
            <LeagueSection
              pack={pack}
              briefing={briefing}
              params={params}
              open={data.open}
              overdueAt={overdueAt}
              onChange={setParams}
            />
            <div ref={chartsRef}>
              <TrendSection pack={pack} briefing={briefing} />
            </div>
          </>
        )}
      </main>
    </div>
  );
}
