/**
 * `POST /api/v1/incidents/batch`: up to 1,000 reports in one request, for connectors,
 * sensor gateways and back-fills. The body is a JSON array or NDJSON (one report a
 * line, `application/x-ndjson`), read only after authentication and with its own 2 MB
 * limit. Each item is decided exactly as a single post would be (validated, authorized —
 * an ingest key only for its own source — idempotent on source and external id) and
 * committed with the others through the service's group commit; the answer has one
 * result per item, in order, and a refused item never refuses the others.
 */
import express from 'express';
import type { RequestHandler } from 'express';
import type { ApiErrorBody } from '../../shared/contract.ts';
import type { IncidentService, ReportResult } from '../ingest/incident-service.ts';
import { principalOf } from './auth.middleware.ts';
import { sendError } from './errors.ts';
import type { IngestBudget } from './ingest-budget.ts';

export const MAX_BATCH_ITEMS = 1000;
export const BATCH_BODY_LIMIT = '2mb';
const NDJSON = 'application/x-ndjson';

export type BatchItemResult =
  | { index: number; status: 'created' | 'duplicate'; id: string; seq: number }
  | { index: number; status: 'refused'; error: ApiErrorBody };

/** A line of NDJSON that is not JSON: refused alone, like a single post with a bad body. */
class BadLine {
  constructor(readonly line: number) {}
}

function itemsOf(body: unknown, ndjson: boolean): unknown[] | null {
  if (!ndjson) return Array.isArray(body) ? body : null;
  if (typeof body !== 'string') return null;
  const lines = body.split('\n');
  const items: unknown[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      items.push(JSON.parse(line) as unknown);
    } catch {
      items.push(new BadLine(i + 1));
    }
  });
  return items;
}

const refusedLine = (index: number, bad: BadLine): BatchItemResult => ({
  index,
  status: 'refused',
  error: {
    code: 'invalid_json',
    message: `line ${bad.line} is not valid JSON`,
    fields: { [`(line ${bad.line})`]: 'invalid JSON' },
  },
});

function resultOf(index: number, r: PromiseSettledResult<ReportResult>): BatchItemResult {
  if (r.status === 'rejected')
    return { index, status: 'refused', error: { code: 'internal', message: 'internal error' } };
  if (!r.value.ok) {
    const { status: _status, ...error } = r.value.error;
    return { index, status: 'refused', error };
  }
  const { incident, seq, created } = r.value.data;
  return { index, status: created ? 'created' : 'duplicate', id: incident.id, seq };
}

export function bulkIngest(deps: { service: IncidentService; budget: IngestBudget }) {
  const parsers: RequestHandler[] = [
    express.json({ limit: BATCH_BODY_LIMIT }),
    express.text({ type: NDJSON, limit: BATCH_BODY_LIMIT }),
  ];
  const handler: RequestHandler = async (req, res) => {
    const ndjson = req.is(NDJSON) === NDJSON;
    if (!ndjson && !req.is('application/json')) {
      return sendError(res, 415, {
        code: 'unsupported_media_type',
        message: `send a JSON array (application/json) or NDJSON (${NDJSON})`,
      });
    }
    const items = itemsOf(req.body, ndjson);
    if (!items) {
      return sendError(res, 400, {
        code: 'invalid_request',
        message: 'the body must be a JSON array of reports',
        fields: { '(body)': 'expected an array' },
      });
    }
    if (items.length > MAX_BATCH_ITEMS) {
      return sendError(res, 413, {
        code: 'too_many_items',
        message: `at most ${MAX_BATCH_ITEMS} reports a request; this one has ${items.length}`,
        fields: { '(body)': `at most ${MAX_BATCH_ITEMS} items` },
      });
    }
    if (!(await deps.budget.charge(req, res, items.length))) return;
    const principal = principalOf(res);
    const settled = await Promise.allSettled(
      items.map((item) =>
        item instanceof BadLine ? Promise.resolve(null) : deps.service.report(item, principal),
      ),
    );
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) console.error('bulk items failed, the first:', failed.reason);
    const results = settled.map((r, index) => {
      const item = items[index];
      return item instanceof BadLine
        ? refusedLine(index, item)
        : resultOf(index, r as PromiseSettledResult<ReportResult>);
    });
    res.status(200).json({ results });
  };
  return [...parsers, handler];
}
