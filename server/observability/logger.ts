/**
 * Structured logs: JSON lines (pino) to stdout, one line per HTTP request with its
 * request id, and never a credential (redact.ts says what is kept). Health and metrics
 * probes, which arrive every few seconds, log at debug so they do not drown the rest.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { DestinationStream, LevelWithSilent, Logger } from 'pino';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { loggableHeaders, REDACT_PATHS, REDACTED, redactUrl } from './redact.ts';

export type { Logger };

export function createLogger(
  opts: { level?: LevelWithSilent; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // A person reading a line on call reads ISO time; log shippers parse it too.
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // pino's default destination is stdout.
    opts.destination,
  );
}

/** An incoming id is kept only if it cannot forge or break a log line. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

function pathOf(req: IncomingMessage): string {
  const url = (req as Request).originalUrl ?? req.url ?? '';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function levelOf(req: IncomingMessage, res: ServerResponse, err?: Error): LevelWithSilent {
  // 503 is a dependency away (the database), said once by /readyz and the metrics: a warning
  // per refused request, not an error with a trace each.
  if (res.statusCode === 503) return 'warn';
  if (err || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return PROBES.has(pathOf(req)) ? 'debug' : 'info';
}

/** Express middleware: a request id on every request and response, and its log line. */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: levelOf,
    // Our own serializers see the raw request: the standard ones log every header and
    // the parsed query, credentials included.
    wrapSerializers: false,
    serializers: {
      req: (req: Request) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.originalUrl ?? req.url),
        remoteAddress: req.ip ?? req.socket?.remoteAddress,
        headers: loggableHeaders(req.headers),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  }) as unknown as RequestHandler;
}
