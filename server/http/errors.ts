/**
 * One error shape for every refusal: `{error: {code, message, fields?}}` with a 4xx
 * status, naming the field at fault; 503 when the database cannot be reached (nothing
 * acknowledged that was not stored). Unexpected failures are logged and become 500s.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ApiErrorBody } from '../../shared/contract.ts';
import { isStoreUnavailable } from '../log/store-errors.ts';

export function sendError(res: Response, status: number, error: ApiErrorBody): void {
  res
    .status(status)
    .json({ error: { code: error.code, message: error.message, fields: error.fields } });
}

export const requireJson: RequestHandler = (req, res, next) => {
  if (!req.is('application/json')) {
    sendError(res, 415, {
      code: 'unsupported_media_type',
      message: 'send the body as application/json',
    });
    return;
  }
  next();
};

export const apiNotFound: RequestHandler = (req, res) => {
  sendError(res, 404, { code: 'not_found', message: `no route ${req.method} ${req.path}` });
};

interface HttpLikeError {
  type?: string;
  status?: number;
  limit?: number;
}

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const e = (err ?? {}) as HttpLikeError;
  if (e.type === 'entity.parse.failed') {
    sendError(res, 400, {
      code: 'invalid_json',
      message: 'the body is not valid JSON',
      fields: { '(body)': 'invalid JSON' },
    });
    return;
  }
  if (e.type === 'entity.too.large') {
    sendError(res, 413, {
      code: 'payload_too_large',
      message: `the body is larger than ${e.limit} bytes`,
    });
    return;
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    sendError(res, e.status, {
      code: 'bad_request',
      message: String((err as Error).message ?? 'bad request'),
    });
    return;
  }
  if (isStoreUnavailable(err)) {
    res.set('Retry-After', '5');
    sendError(res, 503, {
      code: 'unavailable',
      message: 'the database cannot be reached: this was not stored; retry shortly',
    });
    return;
  }
  // The request's own logger (pino-http): the line carries its request id.
  const log = (req as { log?: { error(o: object, msg: string): void } }).log;
  if (log) log.error({ err }, 'request failed');
  else console.error('request failed', err);
  sendError(res, 500, { code: 'internal', message: 'internal error' });
};
