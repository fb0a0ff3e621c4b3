/**
 * An incident's photos on the phone: those the server has (thumbnails, with how far from
 * the place and when they were taken) and those still waiting on the phone to be sent.
 */
import { useEffect, useMemo } from 'react';
import type { Incident } from '../../../shared/domain/types.ts';
import { formatDistance } from './field-format.ts';
import type { OutboxEntry } from './outbox-db.ts';
import type { FieldLabels } from './use-field-labels.ts';

interface FieldPhotosProps {
  incident: Incident;
  waiting: readonly OutboxEntry[];
  labels: FieldLabels;
}

export function FieldPhotos({ incident, waiting, labels }: FieldPhotosProps) {
  const { t } = labels;
  const sent = incident.photos ?? [];
  const queued = useMemo(
    () =>
      waiting.flatMap((e) =>
        e.command.kind === 'photo'
          ? [{ entry: e, command: e.command, url: URL.createObjectURL(e.command.photo) }]
          : [],
      ),
    [waiting],
  );
  useEffect(() => () => queued.forEach((q) => URL.revokeObjectURL(q.url)), [queued]);
  if (sent.length === 0 && queued.length === 0) return null;
  const kindName = (k: string) => t(k === 'after' ? 'photoAfter' : 'photoBefore');
  return (
    <section className="field-photos" aria-label={t('photos')} data-testid="field-photos">
      <h3>{t('photos')}</h3>
      <ul>
        {sent.map((p) => (
          <li key={p.photoId} data-testid={`photo-${p.photoId}`} data-kind={p.kind}>
            <img src={`/api/v1/media/${p.photoId}/thumb`} alt={kindName(p.kind)} loading="lazy" />
            <span>{kindName(p.kind)}</span>
            <span>
              {p.distanceM === null
                ? t('photoNoPlace')
                : t('photoDistance', { d: formatDistance(p.distanceM, labels.locale) })}
            </span>
            {p.takenAt && <span>{labels.time(p.takenAt)}</span>}
          </li>
        ))}
        {queued.map(({ entry, command, url }) => (
          <li key={entry.clientId} data-testid="photo-waiting" data-state={entry.state}>
            <img src={url} alt={kindName(command.fields.kind)} />
            <span>{kindName(command.fields.kind)}</span>
            <span className="field-waiting">
              {entry.state === 'refused' ? t('refused') : t('photoWaiting')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
