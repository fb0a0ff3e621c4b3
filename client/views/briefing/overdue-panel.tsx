/**
 * The overdue incidents of one league unit: still open, past a deadline at the period's
 * end (or now, for a period still running). Citizen descriptions are shown as text only.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import { formatMinutes, useLocale, useMessages } from '../../i18n/locale.tsx';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { formatDateTime } from './format.ts';
import { agencyShort, categoryName, placeLabel, statusName } from './names.ts';
import { overdueItems, type UnitRef } from './overdue.ts';
import type { Loaded } from './use-briefing-data.ts';
import { timeLeftMs } from '../../../shared/domain/sla.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';

const MAX_ITEMS = 50;

interface OverduePanelProps {
  pack: CityPack;
  unit: UnitRef;
  name: string;
  open: Loaded<Incident[]>;
  at: Date;
  onClose: () => void;
}

export function OverduePanel({ pack, unit, name, open, at, onClose }: OverduePanelProps) {
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const tz = pack.timeZone;
  const items = open.status === 'ready' ? overdueItems(open.data, at, unit) : [];

  return (
    <section
      className="briefing-overdue"
      data-testid="briefing-overdue"
      data-count={items.length}
      aria-live="polite"
    >
      <header className="briefing-overdue__head">
        <h3>{t('overdueTitle', { name })}</h3>
        <button type="button" className="briefing-button briefing-button--quiet" onClick={onClose}>
          {t('close')}
        </button>
      </header>
      <p className="briefing-note">
        {t('overdueNote', { time: `${formatDateTime(at, tz, locale)} ${zoneLabel(tz)}` })}
      </p>
      {open.status === 'loading' && <p role="status">{t('loadingOpen')}</p>}
      {open.status === 'error' && <p role="alert">{open.message}</p>}
      {open.status === 'ready' && items.length === 0 && (
        <p className="briefing-empty">{t('overdueNone')}</p>
      )}
      {items.length > 0 && (
        <ol className="briefing-overdue__list">
          {items.slice(0, MAX_ITEMS).map((i) => (
            <li key={i.id} className="briefing-overdue__item" data-testid="briefing-overdue-item">
              <div className="briefing-overdue__meta">
                <span className="briefing-overdue__late">
                  {t('overdueBy', { d: formatMinutes(-timeLeftMs(i, at) / MINUTE_MS, locale) })}
                </span>
                <span>{categoryName(pack, i.category, locale)}</span>
                <span>{statusName(pack, i.status, locale)}</span>
                <span>{agencyShort(pack, i.agency)}</span>
                <span>{placeLabel(pack, i)}</span>
                <time dateTime={i.reportedAt}>{formatDateTime(i.reportedAt, tz, locale)}</time>
              </div>
              <p className="briefing-overdue__text">{i.description}</p>
            </li>
          ))}
        </ol>
      )}
      {items.length > MAX_ITEMS && (
        <p className="briefing-note">{t('overdueMore', { n: items.length - MAX_ITEMS })}</p>
      )}
    </section>
  );
}
