/**
 * A field photo in the drawer's timeline: its thumbnail (the server's EXIF-free copy; a
 * click opens the full copy in a new tab) and its checks beside it (photo-checks.ts), each
 * marked ✓ or ✗ in words as well as colour. Without the proof radius (settings not loaded)
 * the distance is shown unjudged.
 */
import { photoTakenAt } from '../../../shared/domain/field-proof.ts';
import type { IncidentPhotoAdded } from '../../../shared/domain/types.ts';
import { useLocale, useMessages } from '../../i18n/locale.tsx';
import { formatZoned, shortId } from './ops-format.ts';
import { photoCheckView, type PhotoCheck } from './photo-checks.ts';
import { PROOF_MESSAGES } from './proof.messages.ts';
import './proof.css';

/** Where the server serves a photo's copies (server/http/media.routes.ts). */
export const photoPaths = (photoId: string) => ({
  full: `/api/v1/media/${photoId}.jpg`,
  thumb: `/api/v1/media/${photoId}/thumb`,
});

interface PhotoEvidenceProps {
  event: IncidentPhotoAdded;
  radiusM: number | null;
  timeZone: string;
}

export function PhotoEvidence({ event, radiusM, timeZone }: PhotoEvidenceProps) {
  const t = useMessages(PROOF_MESSAGES);
  const { locale } = useLocale();
  const { data } = event;
  const view = photoCheckView(data, radiusM, { t, locale, timeZone });
  const paths = photoPaths(data.photoId);
  const kind = t(`kind.${data.kind}`);
  const takenAt = photoTakenAt(data);
  const id = shortId(event.incidentId);
  const alt =
    takenAt === null
      ? t('photoAltNoTime', { kind, id })
      : t('photoAlt', { kind, id, time: formatZoned(takenAt, timeZone, locale) });
  return (
    <div className="ops-photo" data-testid="photo-evidence" data-photo={data.photoId}>
      <a
        className="ops-photo__link"
        href={paths.full}
        target="_blank"
        rel="noopener noreferrer"
        title={t('openPhoto')}
        data-testid="photo-open"
      >
        <img className="ops-photo__thumb" src={paths.thumb} alt={alt} data-testid="photo-thumb" />
      </a>
      <dl className="ops-photo__checks" aria-label={t('checks')}>
        <Check label={t('distanceLabel')} check={view.distance} testId="photo-distance" />
        <Check label={t('timeLabel')} check={view.time} testId="photo-dispatch" />
        <div className="ops-photo__fact">
          <dt>{t('takenLabel')}</dt>
          <dd data-testid="photo-taken">{view.taken}</dd>
        </div>
        <div className="ops-photo__fact">
          <dt>{t('sourceLabel')}</dt>
          <dd data-testid="photo-sources">{view.sources}</dd>
        </div>
      </dl>
    </div>
  );
}

function Check({ label, check, testId }: { label: string; check: PhotoCheck; testId: string }) {
  return (
    <div className={`ops-photo__fact ops-photo__check--${check.state}`}>
      <dt>{label}</dt>
      <dd data-testid={testId} data-state={check.state}>
        {check.text}
      </dd>
    </div>
  );
}
