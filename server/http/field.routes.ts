/**
 * The field crews' API (v1): claim an incident and let it go, add a photo (multipart), a
 * supervisor's waiver of the photo proof of closure, and what the deployment asks of photos
 * (GET /field/settings, for /field and /ops). Starting work, notes and resolving
 * are the incident PATCH (incidents.routes.ts), which takes the same `position` and
 * `clientId`. A resend with a known `clientId` answers 200 with `duplicate: true`.
 */
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import type { FieldCommands } from '../ingest/field-commands.ts';
import type { FieldSettings } from '../../shared/domain/field-proof.ts';
import type { PhotoCommand } from '../media/photo-command.ts';
import { photoUrl } from '../open311/request-view.ts';
import { allow, principalOf } from './auth.middleware.ts';
import { requireJson, sendError } from './errors.ts';

export function fieldRouter(deps: {
  field: FieldCommands;
  photos: PhotoCommand;
  /** The largest photo taken, in bytes (MEDIA_MAX_MB). */
  maxPhotoBytes: number;
  /** Whether resolving needs the photo proof, and within what radius (field-proof.ts). */
  proof: { required: boolean; radiusM: number };
}): Router {
  const { field, photos } = deps;
  const router = Router();

  const settings: FieldSettings = {
    proofRequired: deps.proof.required,
    proofRadiusM: deps.proof.radiusM,
    maxPhotoBytes: deps.maxPhotoBytes,
  };
  router.get('/field/settings', allow('incident:read'), (_req, res) => {
    res.json(settings);
  });

  for (const [path, command] of [
    ['claim', field.claim],
    ['unclaim', field.unclaim],
    ['proof-waiver', field.waive],
  ] as const) {
    router.post<{ id: string }>(`/incidents/:id/${path}`, requireJson, async (req, res) => {
      const result = await command(req.params.id, req.body, principalOf(res));
      if (!result.ok) return sendError(res, result.error.status, result.error);
      res.json(result.data);
    });
  }

  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.maxPhotoBytes, files: 1, fields: 8, fieldSize: 2000, parts: 10 },
  }).single('photo');
  const maxMb = Math.round((deps.maxPhotoBytes / 2 ** 20) * 10) / 10;
  /** Reads the multipart body, with its limits answered as errors naming the field. */
  const readPhoto: RequestHandler = (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      const code = err instanceof multer.MulterError ? err.code : 'unreadable';
      const field = err instanceof multer.MulterError && err.field ? err.field : 'photo';
      if (code === 'LIMIT_FILE_SIZE') {
        return sendError(res, 413, {
          code: 'too_large',
          message: `photo: larger than ${maxMb} MB`,
          fields: { photo: `larger than ${maxMb} MB` },
        });
      }
      const why = err instanceof Error ? err.message : 'unreadable multipart body';
      sendError(res, 422, {
        code: 'invalid_field',
        message: `${field}: ${why}`,
        fields: { [field]: why },
      });
    });
  };

  router.post<{ id: string }>(
    '/incidents/:id/photos',
    // Who may not add photos here is told so before a byte of the photo is read.
    async (req, res, next) => {
      const refused = await photos.admit(req.params.id, principalOf(res));
      if (refused && !refused.ok) return sendError(res, refused.error.status, refused.error);
      next();
    },
    readPhoto,
    async (req, res) => {
      const fields = { ...(req.body as Record<string, unknown>) };
      const result = await photos.add(req.params.id, req.file?.buffer, fields, principalOf(res));
      if (!result.ok) return sendError(res, result.error.status, result.error);
      const { photo } = result.data;
      res.status(result.data.duplicate ? 200 : 201).json({
        ...result.data,
        photo: {
          ...photo,
          url: photoUrl('/api/v1/media', photo.photoId),
          thumbUrl: `/api/v1/media/${photo.photoId}/thumb`,
        },
      });
    },
  );

  return router;
}
