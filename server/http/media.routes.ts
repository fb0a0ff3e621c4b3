/**
 * Photos as served (GET /api/v1/media/:id.jpg, /api/v1/media/:id/thumb): the re-encoded,
 * EXIF-free JPEG copies only (photo-process.ts), never the bytes a phone sent, and never as
 * anything a browser could take for a page: a fixed image type, no sniffing, shown inline,
 * no content allowed to run. Readable by whoever may read incidents (not ingest keys).
 */
import { Router, type Response } from 'express';
import { allow } from './auth.middleware.ts';
import { sendError } from './errors.ts';
import { PHOTO_ID, type MediaStore, type MediaVariant } from '../media/media-store.ts';

export function mediaRouter(deps: { media: MediaStore }): Router {
  const router = Router();
  const serve = async (res: Response, id: string, variant: MediaVariant) => {
    const bytes = PHOTO_ID.test(id) ? await deps.media.get(id, variant) : null;
    if (!bytes) return sendError(res, 404, { code: 'not_found', message: `no photo '${id}'` });
    res
      .status(200)
      .set({
        'Content-Type': 'image/jpeg',
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': 'inline',
        'Content-Security-Policy': "default-src 'none'",
        // Content-addressed: a photo id's copies never change.
        'Cache-Control': 'private, max-age=86400, immutable',
      })
      .end(bytes);
  };
  router.get<{ file: string }>('/media/:file', allow('incident:read'), async (req, res) => {
    const m = /^([0-9a-f]{64})\.jpg$/.exec(req.params.file);
    if (!m) return sendError(res, 404, { code: 'not_found', message: 'no such photo' });
    await serve(res, m[1]!, 'full');
  });
  router.get<{ id: string }>('/media/:id/thumb', allow('incident:read'), (req, res) =>
    serve(res, req.params.id, 'thumb'),
  );
  return router;
}
