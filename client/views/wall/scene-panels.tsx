/**
 * What each scene lays over the map: its caption, the hotspot being visited, the critical
 * feed. Each says so when it has nothing to show, rather than showing an empty box.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import {
  formatClock,
  formatMinutes,
  formatNumber,
  localName,
  useLocale,
  useMessages,
} from '../../i18n/locale.tsx';
import { zoneLabel } from '../../components/zone-label.ts';
import { placeOf } from './wall-place.ts';
import { WALL_MESSAGES } from './wall-messages.ts';
import type { SceneName } from './wall-params.ts';
import type { Hotspot } from './wall-selectors.ts';
import './wall-stage.css';

export function SceneCaption({ scene }: { scene: SceneName }) {
  const t = useMessages(WALL_MESSAGES);
  return (
    <div className="wall-caption" data-testid="scene-caption" data-scene={scene}>
      <h1 className="wall-caption__title">{t(`scene_${scene}`)}</h1>
      <p className="wall-caption__sub">{t(`scene_${scene}_sub`)}</p>
    </div>
  );
}

export function HotspotCard({ hotspots, index }: { hotspots: Hotspot[]; index: number }) {
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const spot = hotspots[index];
  if (!spot) {
    return (
      <div className="wall-card" data-testid="hotspot-card" data-state="empty">
        {t('hotspots_empty')}
      </div>
    );
  }
  return (
    <div className="wall-card wall-card--hotspot" data-testid="hotspot-card" data-h3={spot.h3}>
      <span className="wall-card__eyebrow">
        {t('hotspot_of', { n: index + 1, total: hotspots.length })}
      </span>
      <strong className="wall-card__title">{spot.kelurahan ?? spot.h3}</strong>
      {spot.kecamatan && <span className="wall-card__sub">Kec. {spot.kecamatan}</span>}
      <span className="wall-card__stats">
        {t('hotspot_open', { n: formatNumber(spot.open, locale) })}
        {spot.critical > 0 && (
          <> · {t('hotspot_critical', { n: formatNumber(spot.critical, locale) })}</>
        )}
      </span>
    </div>
  );
}

interface FeedProps {
  pack: CityPack;
  items: Incident[];
  serverNow: number;
}

export function CriticalFeed({ pack, items, serverNow }: FeedProps) {
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const categories = new Map(pack.categories.map((c) => [c.code, c.name]));
  const statuses = new Map(pack.statuses.map((s) => [s.code, s.name]));
  const agencies = new Map(pack.agencies.map((a) => [a.code, a.short]));
  return (
    <section className="wall-feed" data-testid="critical-feed">
      {items.length === 0 && <p className="wall-feed__empty">{t('feed_empty')}</p>}
      <ol>
        {items.map((inc) => {
          const category = categories.get(inc.category);
          const status = statuses.get(inc.status);
          const ageMin = (serverNow - Date.parse(inc.reportedAt)) / MINUTE_MS;
          return (
            <li
              key={inc.id}
              className={`wall-feed__item is-${inc.severity}`}
              data-incident-id={inc.id}
            >
              <span className="wall-feed__severity">
                {t(inc.severity === 'critical' ? 'severity_critical' : 'severity_high')}
              </span>
              <span className="wall-feed__main">
                <strong>{category ? localName(category, locale) : inc.category}</strong>
                <span className="wall-feed__place">{placeOf(pack, inc, t)}</span>
              </span>
              <span className="wall-feed__meta">
                <span>
                  {formatClock(inc.reportedAt, pack.timeZone, 'en').slice(0, 5)}{' '}
                  {zoneLabel(pack.timeZone)}
                </span>
                <span>{t('ago', { t: formatMinutes(Math.max(0, ageMin), locale) })}</span>
                <span>
                  {status ? localName(status, locale) : inc.status} ·{' '}
                  {agencies.get(inc.agency) ?? inc.agency}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
