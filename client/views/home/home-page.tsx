/**
 * The landing page after login: the live city map behind, a bar with the live indicator,
 * the count and the clock, who is logged in (with the user menu), and a card per view
 * the role may open, each with a live number from the store.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import { ROLE_NAMES } from '../../auth/role-names.ts';
import { usePrincipal } from '../../auth/use-principal.ts';
import { CityClock } from '../../components/city-clock.tsx';
import { LiveIndicator } from '../../components/live-indicator.tsx';
import { StatusLegend } from '../../components/status-legend.tsx';
import { UserMenu } from '../../components/user-menu.tsx';
import { formatNumber, useLocale, useMessages, type Locale } from '../../i18n/locale.tsx';
import type { LiveStore } from '../../live/live-store.ts';
import { useLiveState } from '../../live/use-live-state.ts';
import { MapView } from '../../map/map-view.tsx';
import { CardIcon } from './home-card-icons.tsx';
import { cardsFor, homeCounts, type CardKey, type HomeCounts } from './home-cards.ts';
import { HOME_MESSAGES } from './home.messages.ts';
import './home.css';

type T = ReturnType<typeof useMessages<keyof (typeof HOME_MESSAGES)['id']>>;

const CARD_TEXT: Record<
  CardKey,
  {
    title: 'wallTitle' | 'opsTitle' | 'fieldTitle' | 'briefingTitle' | 'adminTitle';
    text: 'wallText' | 'opsText' | 'fieldText' | 'briefingText' | 'adminText';
  }
> = {
  wall: { title: 'wallTitle', text: 'wallText' },
  ops: { title: 'opsTitle', text: 'opsText' },
  field: { title: 'fieldTitle', text: 'fieldText' },
  briefing: { title: 'briefingTitle', text: 'briefingText' },
  admin: { title: 'adminTitle', text: 'adminText' },
};

function cardStat(card: CardKey, counts: HomeCounts | null, t: T, locale: Locale): string | null {
  if (!counts) return null;
  if (card === 'wall') return `${formatNumber(counts.open, locale)} ${t('open')}`;
  if (card === 'ops')
    return `${formatNumber(counts.awaitingVerification, locale)} ${t('awaiting')}`;
  if (card === 'briefing') return `${formatNumber(counts.critical, locale)} ${t('critical')}`;
  return null;
}

export function HomePage({ pack, store }: { pack: CityPack; store: LiveStore }) {
  const state = useLiveState(store);
  const t = useMessages(HOME_MESSAGES);
  const { locale } = useLocale();
  const other: Locale = locale === 'id' ? 'en' : 'id';
  const who = usePrincipal();
  const principal = who.status === 'ready' ? who.principal : null;
  const { incidentList, dataVersion, hasSnapshot } = state;
  // One pass over the live list per store change: cheap next to drawing the map.
  const counts = hasSnapshot ? homeCounts(incidentList) : null;
  const count = state.incidents.size;

  return (
    <div className="home" data-testid="home-page">
      <MapView
        pack={pack}
        incidents={incidentList}
        dataVersion={dataVersion}
        hasData={hasSnapshot}
      />
      <div className="home__shade" aria-hidden="true" />
      <header className="home__bar">
        <div className="home__brand">
          <span className="home__product">Nakhoda</span>
          <span className="home__city">{pack.name[locale]}</span>
        </div>
        <LiveIndicator state={state} timeZone={pack.timeZone} />
        <div className="kpi" data-testid="kpi-incidents" data-value={count}>
          <span className="kpi__value">{hasSnapshot ? formatNumber(count, locale) : '–'}</span>
          <span className="kpi__label">{t('incidentsOnMap')}</span>
        </div>
        <CityClock timeZone={pack.timeZone} serverTimeOffsetMs={state.serverTimeOffsetMs} />
        <UserMenu pack={pack} />
      </header>
      <section className="home__panel" aria-labelledby="home-welcome">
        <h1 id="home-welcome" className="home__welcome" data-testid="home-welcome">
          {principal ? t('welcome', { name: principal.name }) : t('welcomeAnon')}
        </h1>
        <p className="home__who" data-testid="home-role">
          {principal &&
            `${ROLE_NAMES[principal.role][locale]} · ${ROLE_NAMES[principal.role][other]}`}
          {who.status === 'loading' && t('loading')}
          {who.status === 'error' && t('whoError', { message: who.message })}
        </p>
        <p className="home__choose">{t('choose')}</p>
        <nav className="home__cards">
          {cardsFor(principal?.role ?? null).map((card) => {
            const stat = cardStat(card, counts, t, locale);
            return (
              <a
                key={card}
                className={`home-card home-card--${card}`}
                href={`/${card}`}
                data-testid={`home-card-${card}`}
              >
                <CardIcon card={card} />
                <span className="home-card__title">{t(CARD_TEXT[card].title)}</span>
                <span className="home-card__title-other" lang={other}>
                  {HOME_MESSAGES[other][CARD_TEXT[card].title]}
                </span>
                <span className="home-card__text">{t(CARD_TEXT[card].text)}</span>
                {stat && <span className="home-card__stat">{stat}</span>}
                <span className="home-card__arrow" aria-hidden="true">
                  →
                </span>
              </a>
            );
          })}
        </nav>
      </section>
      <StatusLegend statuses={pack.statuses} />
      {!hasSnapshot && (
        <div className="notice" data-testid="loading" role="status">
          {t('waiting')}
        </div>
      )}
    </div>
  );
}
