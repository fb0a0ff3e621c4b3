/**
 * Proof of closure: citizens trust a "fixed" they can see. The rules, in one place:
 * - Each photo's checks are made when it is added (`photoChecks`): how far from the
 *   incident it was taken (its EXIF GPS, else the phone's position at upload) and whether
 *   it was taken at or after dispatch (its EXIF capture time, else the phone's time).
 * - A field crew — an agency operator — resolves an incident only with an `after` photo
 *   taken after dispatch within the proof radius (FIELD_PROOF_RADIUS_M, 150 m by default),
 *   or once a supervisor has waived the proof (`incident.proof_waived`, with who and why).
 * - Supervisors and admins resolve from the desk on their own authority (they are the ones
 *   who waive); the system's own writers (simulator, Open311 connectors) replay what
 *   happened elsewhere and are not asked either.
 * Pure: the server gives the radius from its configuration.
 */
import type { Principal } from './access.ts';
import { isSystemPrincipal } from './access.ts';
import { distanceM } from './duplicates.ts';
import type { Incident, IncidentPhotoAdded, LonLat, PhotoSummary } from './types.ts';

export const DEFAULT_PROOF_RADIUS_M = 150;

/**
 * What a deployment asks of field photos (GET /api/v1/field/settings), for the screens that
 * show or take them: whether resolving needs the proof (FIELD_PROOF_REQUIRED), the radius
 * an after photo must be taken within (FIELD_PROOF_RADIUS_M), the largest photo accepted
 * (MEDIA_MAX_MB), in bytes.
 */
export interface FieldSettings {
  proofRequired: boolean;
  proofRadiusM: number;
  maxPhotoBytes: number;
}

export interface ProofPolicy {
  /** How far from the incident an after photo may be taken, in metres. */
  radiusM: number;
}

/** Whether resolving needs a photo proof when `p` does it. */
export function proofRequiredFor(p: Principal): boolean {
  return p.role === 'agency' && !isSystemPrincipal(p);
}

/**
 * The field time dispatch is counted from: the latest move to `dispatched`; for an
 * incident that skipped it, its first response; else its report.
 */
export function dispatchTime(
  incident: Pick<Incident, 'dispatchedAt' | 'firstResponseAt' | 'reportedAt'>,
): string {
  return incident.dispatchedAt ?? incident.firstResponseAt ?? incident.reportedAt;
}

/** What a photo's checks are made from: its EXIF facts first, the phone's second. */
export interface PhotoFacts {
  exif: { takenAt: string | null; lon: number | null; lat: number | null };
  device: { takenAt: string | null; position: LonLat | null };
}

export const photoTakenAt = (f: PhotoFacts): string | null => f.exif.takenAt ?? f.device.takenAt;

export function photoPosition(f: PhotoFacts): LonLat | null {
  if (f.exif.lon !== null && f.exif.lat !== null) return { lon: f.exif.lon, lat: f.exif.lat };
  return f.device.position ? { lon: f.device.position.lon, lat: f.device.position.lat } : null;
}

/** A photo's distance from the incident (whole metres) and whether it was taken after dispatch. */
export function photoChecks(
  f: PhotoFacts,
  incident: Pick<Incident, 'location' | 'dispatchedAt' | 'firstResponseAt' | 'reportedAt'>,
): { distanceM: number | null; afterDispatch: boolean } {
  const at = photoTakenAt(f);
  const where = photoPosition(f);
  return {
    distanceM: where === null ? null : Math.round(distanceM(where, incident.location)),
    afterDispatch: at !== null && Date.parse(at) >= Date.parse(dispatchTime(incident)),
  };
}

/** What the projection keeps of a photo event. */
export function photoSummary(e: Pick<IncidentPhotoAdded, 'data'>): PhotoSummary {
  return {
    photoId: e.data.photoId,
    kind: e.data.kind,
    takenAt: photoTakenAt(e.data),
    distanceM: e.data.checks.distanceM,
  };
}

export type ProofVerdict =
  | { ok: true; by: 'photo'; photoId: string }
  | { ok: true; by: 'waiver' }
  | { ok: false; missing: string };

/**
 * Whether the incident holds its proof of closure now. Checked again at resolve time
 * against its current dispatch time: a photo from before a re-dispatch no longer counts.
 * When it does not, `missing` says what is wanted and what the nearest miss lacked.
 */
export function proofOfClosure(
  incident: Pick<
    Incident,
    'photos' | 'proofWaived' | 'dispatchedAt' | 'firstResponseAt' | 'reportedAt'
  >,
  policy: ProofPolicy,
): ProofVerdict {
  if (incident.proofWaived) return { ok: true, by: 'waiver' };
  const since = Date.parse(dispatchTime(incident));
  const wanted = `an after photo taken after dispatch within ${policy.radiusM} m`;
  const after = (incident.photos ?? []).filter((p) => p.kind === 'after');
  const reasons: string[] = [];
  for (const p of after) {
    const timely = p.takenAt !== null && Date.parse(p.takenAt) >= since;
    const near = p.distanceM !== null && p.distanceM <= policy.radiusM;
    if (timely && near) return { ok: true, by: 'photo', photoId: p.photoId };
    if (p.takenAt === null) reasons.push('one has no capture time');
    else if (!timely) reasons.push('one was taken before dispatch');
    if (p.distanceM === null) reasons.push('one has no position');
    else if (!near) reasons.push(`one is ${p.distanceM} m away`);
  }
  const found =
    after.length === 0
      ? 'there is no after photo'
      : `of ${after.length} after photo${after.length > 1 ? 's' : ''}, ${[...new Set(reasons)].join(', ')}`;
  return { ok: false, missing: `${wanted} (${found}), or a supervisor's waiver` };
}
