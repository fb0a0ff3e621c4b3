/**
 * A photo's EXIF read on the phone, the way the server reads it (shared/domain/photo-exif.ts),
 * so the page's own proof check before sending judges a waiting photo as the server will:
 * its EXIF time and GPS first, the phone's second (field-proof.ts).
 */
import exifr from 'exifr';
import { photoChecks, photoTakenAt, type PhotoFacts } from '../../../shared/domain/field-proof.ts';
import {
  EXIF_PICK,
  exifFactsOf,
  NO_EXIF,
  type ExifFacts,
} from '../../../shared/domain/photo-exif.ts';
import type { Incident, PhotoSummary } from '../../../shared/domain/types.ts';
import type { OutboxEntry } from './outbox-db.ts';

export async function readPhotoExif(file: Blob, timeZone: string): Promise<ExifFacts> {
  try {
    const time = (await exifr.parse(file, { pick: [...EXIF_PICK], reviveValues: false })) as
      Record<string, unknown> | undefined;
    const gps = (await exifr.gps(file)) as { latitude?: number; longitude?: number } | undefined;
    return exifFactsOf(time, gps, timeZone);
  } catch {
    // A PNG or WebP without EXIF, or a file exifr cannot read: the phone's facts stand.
    return NO_EXIF;
  }
}

/** The photos still waiting on the phone for `incident`, as the closure rule reads photos. */
export function waitingPhotos(
  entries: readonly OutboxEntry[],
  incident: Pick<Incident, 'location' | 'dispatchedAt' | 'firstResponseAt' | 'reportedAt'>,
): PhotoSummary[] {
  return entries.flatMap((e) => {
    if (e.state !== 'waiting' || e.command.kind !== 'photo') return [];
    const { fields, exif } = e.command;
    const facts: PhotoFacts = {
      exif,
      device: { takenAt: fields.takenAt, position: fields.position ?? null },
    };
    return [
      {
        photoId: e.clientId,
        kind: fields.kind,
        takenAt: photoTakenAt(facts),
        distanceM: photoChecks(facts, incident).distanceM,
      },
    ];
  });
}
