/**
 * Runtime schemas for everything a client or a source sends. Types do not validate:
 * every HTTP body, query and socket payload is parsed by one of these first, and a
 * failed parse is answered the same way everywhere (`zodError`).
 */
import { z } from 'zod';
import type { ApiErrorBody } from '../contract.ts';
import { ClientIdSchema, FieldPositionSchema } from './field-client-id.ts';
import { SEVERITIES, SOURCES, STATUSES } from './types.ts';

/**
 * Control characters, and the invisible ones that change how the text around them is
 * shown: bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069; U+202E shows "gpj.exe" as "exe.jpg"). Text keeps newline
 * and tab; identifiers keep nothing.
 */
const TEXT_CONTROLS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const ALL_CONTROLS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Strips control characters (keeps newline and tab) so citizen text cannot smuggle them. */
export const cleanText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(TEXT_CONTROLS, '').trim());

/** A one-line identifier from a source: every control character goes, and something must remain. */
const cleanId = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(ALL_CONTROLS, '').trim())
    .pipe(z.string().min(1, 'empty once control characters are removed'));

export const isoTime = z.iso.datetime({ offset: true });

export const LonLatSchema = z
  .object({
    lon: z.number().finite().min(-180).max(180),
    lat: z.number().finite().min(-90).max(90),
  })
  .strict();

export const ReportIncidentSchema = z
  .object({
    source: z.enum(SOURCES),
    externalId: cleanId(128).optional(),
    category: z.string().min(1).max(64),
    description: cleanText(4000).optional(),
    reporter: z
      .object({
        name: cleanText(120).optional(),
        phone: z
          .string()
          .regex(/^\+?[0-9 ()-]{5,20}$/, 'expected a phone number')
          .optional(),
        email: z.email().max(254).optional(),
      })
      .strict()
      .optional(),
    location: LonLatSchema,
    address: cleanText(300).optional(),
    kelurahanCode: z
      .string()
      .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'expected a Kemendagri code such as 31.73.04.1004')
      .optional(),
    severity: z.enum(SEVERITIES).optional(),
    reportedAt: isoTime.optional(),
  })
  .strict();
export type ReportIncidentInput = z.infer<typeof ReportIncidentSchema>;

export const UpdateIncidentSchema = z
  .object({
    status: z.enum(STATUSES).optional(),
    agency: z.string().min(1).max(64).optional(),
    severity: z.enum(SEVERITIES).optional(),
    note: cleanText(2000).optional(),
    /** When it happened in the field, for crews that sync late; defaults to now. */
    occurredAt: isoTime.optional(),
    /** A field crew's phone: where it was, and its id for the command (a resend appends nothing). */
    position: FieldPositionSchema.optional(),
    clientId: ClientIdSchema.optional(),
  })
  .strict()
  .refine(
    (u) =>
      u.status !== undefined ||
      u.agency !== undefined ||
      u.severity !== undefined ||
      (u.note !== undefined && u.note !== ''),
    { message: 'nothing to change: give status, agency, severity or note' },
  );
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentSchema>;

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const IncidentQuerySchema = z
  .object({
    status: csv(STATUSES).optional(),
    category: z
      .string()
      .max(500)
      .transform((s) => s.split(',').filter(Boolean))
      .optional(),
    agency: z
      .string()
      .max(500)
      .transform((s) => s.split(',').filter(Boolean))
      .optional(),
    source: csv(SOURCES).optional(),
    bbox: z
      .string()
      .max(200)
      .transform((s, ctx) => {
        const parts = s.split(',').map(Number);
        const [w, so, e, n] = parts;
        if (
          parts.length !== 4 ||
          parts.some((x) => !Number.isFinite(x)) ||
          w === undefined ||
          so === undefined ||
          e === undefined ||
          n === undefined ||
          w >= e ||
          so >= n ||
          w < -180 ||
          e > 180 ||
          so < -90 ||
          n > 90
        ) {
          ctx.addIssue({ code: 'custom', message: 'expected bbox=west,south,east,north' });
          return z.NEVER;
        }
        return [w, so, e, n] as [number, number, number, number];
      })
      .optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    /** A kota (31.71), kecamatan (31.71.01) or kelurahan (31.71.01.1001) code. */
    area: z
      .string()
      .regex(/^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/, 'expected a kota, kecamatan or kelurahan code')
      .optional(),
    q: cleanText(200).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
  })
  .strict();
export type IncidentQuery = z.infer<typeof IncidentQuerySchema>;

export const EventsQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(10000).default(1000),
  })
  .strict();

export const ResumeSchema = z.object({ after: z.number().int().min(0) }).strict();

export const SocketUpdateSchema = z
  .object({ id: z.string().min(1).max(64), changes: UpdateIncidentSchema })
  .strict();

/**
 * A failed parse as the API's 400 error, naming every field at fault (dotted path under
 * `prefix`; "(body)" for the whole payload). HTTP routes and socket handlers both send it.
 */
export function zodError(err: z.ZodError, prefix = ''): ApiErrorBody & { status: 400 } {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)';
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return { status: 400, code: 'invalid_request', message: summary, fields };
}
