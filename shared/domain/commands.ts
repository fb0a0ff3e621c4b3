/**
 * What every command decision shares: the refusal shape and the backdating context.
 * The decisions themselves — which events to append, or why not — are pure functions
 * in report-incident.ts (where an incident is born) and update-incident.ts, so the
 * server's HTTP and socket handlers and the tests all share one set of rules.
 */
import type { ApiErrorBody, Result } from '../contract.ts';
import type { NewEvent } from './types.ts';
import type { BackdatePolicy, FieldTimeAuthor } from './field-time.ts';

/**
 * Why a command was refused, with the HTTP status that says which kind of refusal; the
 * socket sends the same error without it. The rules here refuse with 404, 409 and 422;
 * the write path adds 400 (unparsable) and 403 (not allowed).
 */
export interface CommandError extends ApiErrorBody {
  status: 400 | 403 | 404 | 409 | 422;
}

/** Who dates the command's field time, and how far back each kind of author may. */
export interface BackdateContext {
  author: FieldTimeAuthor;
  policy: BackdatePolicy;
}

export const invalid = (field: string, message: string): Result<NewEvent[], CommandError> => ({
  ok: false,
  error: {
    status: 422,
    code: 'invalid_field',
    message: `${field}: ${message}`,
    fields: { [field]: message },
  },
});
