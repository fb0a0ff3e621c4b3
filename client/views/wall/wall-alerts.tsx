/**
 * The two things that must stop the room: a new critical incident (a card naming what,
 * where and when, while the camera flies there) and stale data (a banner over the whole
 * wall naming the last time it was current, in both languages).
 */
import { agencyByCode, categoryByCode } from '../../../shared/city/lookup.ts';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import { formatClock, localName, useLocale, useMessages } from '../../i18n/locale.tsx';
import { placeOf } from './wall-place.ts';
import { WALL_MESSAGES } from './wall-messages.ts';

export function CriticalAlert({ pack, incident }: { pack: CityPack; incident: Incident }) {
  const t = useMessages(WALL_MESSAGES);
  const { locale } = useLocale();
  const category = categoryByCode(pack, incident.category);
  const agency = agencyByCode(pack, incident.agency);
  const time = `${formatClock(incident.reportedAt, pack.timeZone, 'en')} ${zoneLabel(pack.timeZone)}`;
  return (
    <div
      className="wall-alert"
      data-testid="critical-alert"
      data-incident-id={incident.id}
      role="alert"
    >
      <span className="wall-alert__title">
        <span aria-hidden="true">⚠</span> {t('alert_title')}
      </span>
      <strong className="wall-alert__category">
        {category ? localName(category.name, locale) : incident.category}
      </strong>
      <span className="wall-alert__place">{placeOf(pack, incident, t)}</span>
      <span className="wall-alert__time">
        {t('alert_reported', { time })}
        {agency && ` · ${agency.short}`}
      </span>
    </div>
  );
}

interface StaleBannerProps {
  timeZone: string;
  /** Server time (ms) of the last message, or null if none ever came. */
  lastUpdate: number | null;
}

export function StaleBanner({ timeZone, lastUpdate }: StaleBannerProps) {
  const time = lastUpdate === null ? '––:––:––' : formatClock(new Date(lastUpdate), timeZone, 'en');
  const zone = zoneLabel(timeZone);
  return (
    <div
      className="wall-stale"
      data-testid="stale-banner"
      data-last-update={lastUpdate ?? ''}
      role="alert"
    >
      <div className="wall-stale__box">
        <span className="wall-stale__icon" aria-hidden="true">
          ⚠
        </span>
        <p className="wall-stale__id">
          DATA TIDAK LANGSUNG — terakhir diperbarui {time} {zone}
        </p>
        <p className="wall-stale__en">
          STALE — last update {time} {zone}
        </p>
      </div>
    </div>
  );
}
