/**
 * A photo added to an incident: the bytes are sniffed (JPEG, PNG, WebP only), their EXIF
 * read, served copies made without metadata and kept (media-store.ts), and the facts
 * appended as `incident.photo_added` with the checks the closure rule reads
 * (field-proof.ts). The heavy work happens before the command takes its turn; the
 * decision is made on the log as it is then (`exclusive`). A resend with the same
 * `clientId`, or the same photo again, appends nothing.
 */
import { z } from 'zod';
import type { ApiErrorBody } from '../../shared/contract.ts';
import type { CityPack } from '../../shared/city/types.ts';
import { authorize, type Principal } from '../../shared/domain/access.ts';
import { FieldPositionSchema, ClientIdSchema } from '../../shared/domain/field-client-id.ts';
import { photoChecks } from '../../shared/domain/field-proof.ts';
import {
  checkFieldTime,
  laterOf,
  lastFieldTime,
  MAX_CLOCK_SKEW_MS,
} from '../../shared/domain/field-time.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { isoTime, zodError } from '../../shared/domain/schemas.ts';
import {
  PHOTO_KINDS,
  type Incident,
  type IncidentPhotoAdded,
  type NewEvent,
} from '../../shared/domain/types.ts';
import { actorOf, type IncidentService } from '../ingest/incident-service.ts';
import { findIncident, replayOf } from '../ingest/field-commands.ts';
import type { Store } from '../log/store.ts';
import type { MediaStore } from './media-store.ts';
import { photoIdOf, readExif, renderCopies, sniffPhoto } from './photo-process.ts';

/** The form fields beside the file; `position` is JSON: {"lon":…,"lat":…,"accuracyM":…}. */
export const PhotoFieldsSchema = z
  .object({
    kind: z.enum(PHOTO_KINDS),
    clientId: ClientIdSchema,
    takenAt: isoTime.optional(),
    /** When the crew added it on the phone (its field time); the upload's time without it. */
    occurredAt: isoTime.optional(),
    position: z
      .string()
      .max(500)
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'not JSON: {"lon":…,"lat":…,"accuracyM":…}' });
          return z.NEVER;
        }
      })
      .pipe(FieldPositionSchema)
      .optional(),
  })
  .strict();

export interface PhotoError extends ApiErrorBody {
  status: 403 | 404 | 409 | 413 | 415 | 422 | 400;
}
export type PhotoResult =
  | {
      ok: true;
      data: {
        photo: IncidentPhotoAdded['data'];
        incident: Incident;
        seq: number;
        duplicate?: true;
      };
    }
  | { ok: false; error: PhotoError };

const fail = (
  status: PhotoError['status'],
  code: string,
  field: string,
  msg: string,
): PhotoResult => ({
  ok: false,
  error: { status, code, message: `${field}: ${msg}`, fields: { [field]: msg } },
});

export function photoCommand(deps: {
  service: IncidentService;
  store: Store;
  media: MediaStore;
  pack: CityPack;
  clock: () => Date;
}) {
  const { service, store, media, pack, clock } = deps;

  /** Whether `principal` may add photos to incident `id` at all, before its bytes are read. */
  async function admit(id: string, principal: Principal): Promise<PhotoResult | null> {
    const incident = service.projection.incidents.get(id) ?? (await store.getIncident(id));
    if (!incident)
      return {
        ok: false,
        error: { status: 404, code: 'not_found', message: `no incident '${id}'` },
      };
    const may = authorize(principal, { type: 'incident:update', incident });
    return may.allowed
      ? null
      : { ok: false, error: { status: 403, code: 'forbidden', message: may.reason } };
  }

  /**
   * A photo's field time: when the phone added it (a photo taken without signal arrives
   * later), within the author's backdating bound; the upload's time when the phone did not
   * say. Never before the incident's last field time: a photo is evidence, so one that
   * arrives after a later change is kept, placed after it, rather than refused.
   */
  function photoFieldTime(
    incident: Incident,
    given: string | undefined,
    now: Date,
    principal: Principal,
  ): { ok: true; iso: string } | { ok: false; why: string } {
    const iso = given ? new Date(given).toISOString() : now.toISOString();
    const why = checkFieldTime(iso, {
      now,
      source: incident.source,
      ...service.backdateOf(principal),
    });
    return why === null
      ? { ok: true, iso: laterOf(iso, lastFieldTime(incident)) }
      : { ok: false, why };
  }

  async function add(
    id: string,
    file: Buffer | undefined,
    rawFields: unknown,
    principal: Principal,
  ): Promise<PhotoResult> {
    const refused = await admit(id, principal);
    if (refused) return refused;
    const parsed = PhotoFieldsSchema.safeParse(rawFields);
    if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
    const fields = parsed.data;
    if (!file || file.length === 0) return fail(422, 'invalid_field', 'photo', 'no file sent');
    const now = clock();
    if (fields.takenAt && Date.parse(fields.takenAt) > now.getTime() + MAX_CLOCK_SKEW_MS)
      return fail(422, 'invalid_field', 'takenAt', 'is in the future');
    const mime = await sniffPhoto(file);
    if (!mime) return fail(415, 'unsupported_media_type', 'photo', 'not a JPEG, PNG or WebP image');
    const photoId = photoIdOf(file);
    let rendered;
    try {
      rendered = await renderCopies(file);
    } catch {
      return fail(422, 'invalid_field', 'photo', 'the image cannot be decoded');
    }
    const exif = await readExif(file, pack.timeZone);
    await media.put(photoId, rendered.copies);

    return service.exclusive(async (writer) => {
      const incident = await findIncident(writer, store, id);
      if (!incident) return fail(404, 'not_found', 'id', `no incident '${id}'`);
      const actor = actorOf(principal);
      const replay = await replayOf(store, incident, fields.clientId, actor);
      const known = incident.photos?.some((p) => p.photoId === photoId && p.kind === fields.kind);
      if (replay || known) {
        // The first photo event of this command, or of these bytes as this kind.
        const first = (await store.eventsForIncident(id)).find((e) =>
          replay
            ? e.seq === replay.seq
            : e.type === 'incident.photo_added' &&
              e.data.photoId === photoId &&
              e.data.kind === fields.kind,
        );
        if (first?.type !== 'incident.photo_added')
          return fail(409, 'client_id_reused', 'clientId', 'was sent before for another command');
        return { ok: true, data: { incident, seq: first.seq, duplicate: true, photo: first.data } };
      }
      const occurredAt = photoFieldTime(incident, fields.occurredAt, now, principal);
      if (!occurredAt.ok) return fail(422, 'invalid_field', 'occurredAt', occurredAt.why);
      const device = {
        takenAt: fields.takenAt ? new Date(fields.takenAt).toISOString() : null,
        position: fields.position ?? null,
      };
      const facts = { exif, device };
      const event: NewEvent = {
        type: 'incident.photo_added',
        incidentId: id,
        at: now.toISOString(),
        actor,
        data: {
          photoId,
          kind: fields.kind,
          mime,
          bytes: file.length,
          width: rendered.width,
          height: rendered.height,
          ...facts,
          checks: photoChecks(facts, incident),
          occurredAt: occurredAt.iso,
          note: null,
          clientId: fields.clientId,
          ...(fields.position ? { position: fields.position } : {}),
        },
      };
      const [appended] = await writer.append([event]);
      if (appended?.type !== 'incident.photo_added') throw new Error('photo event not appended');
      return {
        ok: true,
        data: {
          photo: appended.data,
          incident: reduceIncident(incident, appended),
          seq: appended.seq,
        },
      };
    });
  }

  return { admit, add };
}

export type PhotoCommand = ReturnType<typeof photoCommand>;
