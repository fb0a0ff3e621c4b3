/**
 * Reads a posted service request's body: form-encoded (the spec's way), or multipart
 * with one photo (`media`, as GeoReporter-style apps send it). The photo is read into
 * memory under a size cap and then dropped: the domain has no place for pictures yet, so
 * a request keeps its `media_url`s only, and the answer's `service_notice` says so.
 */
import express, { type Request, type Response } from 'express';
import multer from 'multer';
import type { Open311Error } from './format.ts';

export const MAX_PHOTO_BYTES = 5 * 2 ** 20;
const BODY_LIMIT = '64kb';

const urlencoded = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 200 });
const multipart = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 200, fieldSize: 64 * 1024 },
}).any();

export interface PostedBody {
  fields: unknown;
  /** A photo came with the request (and was not kept). */
  photo: boolean;
}

const run = (mw: express.RequestHandler, req: Request, res: Response) =>
  new Promise<void>((resolve, reject) =>
    mw(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
  );

function refusalOf(err: unknown): Open311Error {
  const e = err as { code?: string; type?: string; message?: string };
  if (e.code === 'LIMIT_FILE_SIZE')
    return {
      status: 413,
      description: `media: a photo may be at most ${MAX_PHOTO_BYTES / 2 ** 20} MB`,
    };
  if (e.type === 'entity.too.large' || e.code?.startsWith('LIMIT_'))
    return { status: 413, description: `request too large (${e.message ?? e.code})` };
  return { status: 400, description: `the body could not be read: ${e.message ?? 'malformed'}` };
}

export async function readBody(req: Request, res: Response): Promise<PostedBody | Open311Error> {
  try {
    if (req.is('application/x-www-form-urlencoded')) {
      await run(urlencoded, req, res);
      return { fields: req.body, photo: false };
    }
    if (req.is('multipart/form-data')) {
      await run(multipart, req, res);
      const files = Array.isArray(req.files) ? req.files : [];
      return { fields: req.body, photo: files.length > 0 };
    }
  } catch (err) {
    return refusalOf(err);
  }
  return {
    status: 415,
    description:
      'send the request as application/x-www-form-urlencoded, or multipart/form-data with a photo',
  };
}
