/**
 * The ticker along the bottom: the newest reports, newest first, from the store's
 * bounded `recentIds`. Citizen-written address text is rendered as text only.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { formatClock, localName, useLocale, useMessages } from '../../i18n/locale.tsx';
import { cssColor, STATUS_COLORS } from '../../map/status-colors.ts';
import { placeOf } from './wall-place.ts';
import { WALL_MESSAGES } from './wall-messages.ts';
import './wall-ticker.css';

/** Reported within this long: marked new. */
const NEW_MS = 10 * MINUTE_MS;

interface WallTickerProps {
  pack: CityPack;
  items: Incident[];
  serverNow: number;
}

export function WallTicker({ pack, items, serverNow }: WallTickerProps) {
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const categories = new Map(pack.categories.map((c) => [c.code, c.name]));
  const statuses = new Map(pack.statuses.map((s) => [s.code, s.name]));
  return (
    <footer className="wall-ticker" data-testid="ticker">
      <span className="wall-ticker__label">{t('ticker')}</span>
      {items.length === 0 ? (
        <span className="wall-ticker__empty">{t('ticker_empty')}</span>
      ) : (
        <ol className="wall-ticker__items">
          {items.map((inc) => {
            const category = categories.get(inc.category);
            const status = statuses.get(inc.status);
            const fresh = serverNow - Date.parse(inc.reportedAt) < NEW_MS;
            return (
              <li
                key={inc.id}
                className={`wall-ticker__item ${fresh ? 'is-new' : ''} is-${inc.severity}`}
                data-incident-id={inc.id}
              >
                {fresh && <span className="wall-ticker__new">{t('new')}</span>}
                <time>{formatClock(inc.reportedAt, pack.timeZone, 'en').slice(0, 5)}</time>
                <span
                  className="wall-ticker__dot"
                  style={{ background: cssColor(STATUS_COLORS[inc.status]) }}
                  aria-hidden="true"
                />
                <strong>{category ? localName(category, locale) : inc.category}</strong>
                <span className="wall-ticker__place">{placeOf(pack, inc, t)}</span>
                <span className="wall-ticker__status">
                  {status ? localName(status, locale) : inc.status}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </footer>
  );
}
