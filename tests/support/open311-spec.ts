/**
 * The GeoReport v2 shapes, written from the spec's text (wiki.open311.org/GeoReport_v2)
 * and not from the server's code: zod schemas for the JSON answers, and the XML shapes as
 * the spec's element paths. The conformance suite checks every answer against these.
 */
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import { z } from 'zod';

/** "W3C format, e.g. 2010-01-01T00:00:00Z" (with a zone). */
const w3cDatetime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);

export const DiscoveryJson = z
  .object({
    changeset: w3cDatetime,
    contact: z.string(),
    key_service: z.string(),
    endpoints: z
      .array(
        z
          .object({
            specification: z.literal('http://wiki.open311.org/GeoReport_v2'),
            url: z.url(),
            changeset: w3cDatetime,
            type: z.enum(['production', 'test']),
            formats: z.array(z.enum(['text/xml', 'application/json'])).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const ServicesJson = z.array(
  z
    .object({
      service_code: z.string().min(1),
      service_name: z.string().min(1),
      description: z.string(),
      metadata: z.boolean(),
      type: z.enum(['realtime', 'batch', 'blackbox']),
      keywords: z.string(),
      group: z.string(),
    })
    .strict(),
);

export const DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;

export const ServiceDefinitionJson = z
  .object({
    service_code: z.string().min(1),
    attributes: z.array(
      z
        .object({
          variable: z.boolean(),
          code: z.string().min(1),
          datatype: z.enum(DATATYPES),
          required: z.boolean(),
          datatype_description: z.string(),
          order: z.number().int().positive(),
          description: z.string(),
          values: z.array(z.object({ key: z.string(), name: z.string() }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

export const PostResponseJson = z
  .array(
    z
      .object({
        service_request_id: z.string().min(1),
        token: z.string().optional(),
        service_notice: z.string(),
        account_id: z.string().nullable(),
      })
      .strict(),
  )
  .length(1);

export const RequestJson = z
  .object({
    service_request_id: z.string().min(1),
    status: z.enum(['open', 'closed']),
    status_notes: z.string(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string(),
    agency_responsible: z.string(),
    service_notice: z.string(),
    requested_datetime: w3cDatetime,
    updated_datetime: w3cDatetime,
    expected_datetime: w3cDatetime,
    address: z.string(),
    address_id: z.string(),
    zipcode: z.string(),
    lat: z.number(),
    long: z.number(),
    media_url: z.string(),
    extended_attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export const RequestsJson = z.array(RequestJson);

export const TokenJson = z
  .array(z.object({ service_request_id: z.string(), token: z.string() }).strict())
  .length(1);

/** mySociety's servicerequestupdates extension. */
export const UpdatesJson = z.array(
  z
    .object({
      update_id: z.string().min(1),
      service_request_id: z.string().min(1),
      status: z.enum([
        'open',
        'closed',
        'fixed',
        'in_progress',
        'action_scheduled',
        'investigating',
        'duplicate',
        'not_councils_responsibility',
        'no_further_action',
        'internal_referral',
      ]),
      updated_datetime: w3cDatetime,
      description: z.string(),
      media_url: z.string(),
    })
    .strict(),
);

export const ErrorsJson = z
  .array(z.object({ code: z.number().int(), description: z.string().min(1) }).strict())
  .min(1);

const strictParser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  // The spec's repeated elements are arrays even when there is one, wherever their list is.
  isArray: (name, jpath) => {
    const parts = String(jpath).split('.');
    return parts.length > 1 && LIST_ITEMS[parts[parts.length - 2]!] === name;
  },
});

/** Every key anywhere in a parsed tree: to find attributes (`@_…`) and namespaces. */
function keysOf(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => keysOf(n, into));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      into.push(k);
      keysOf(v, into);
    }
  }
  return into;
}

/**
 * Parses an XML answer strictly and checks the spec's rules for its shape: the root
 * element named, no XML attributes, no namespaces, no xsi:nil. Returns what is inside
 * the root, every leaf a string ('' for an empty element).
 */
export function parseXml(text: string, root: string): Record<string, unknown> {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const tree = strictParser.parse(text, true) as Record<string, unknown>;
  expect(Object.keys(tree)).toEqual([root]);
  const keys = keysOf(tree);
  expect(keys.filter((k) => k.startsWith('@_') || k.includes(':'))).toEqual([]);
  expect(text).not.toMatch(/xmlns|xsi:nil/);
  const inside = tree[root];
  return inside === '' ? {} : (inside as Record<string, unknown>);
}

/**
 * A JSON answer as its XML twin reads: numbers and booleans as text, null as '', and a
 * list as its repeated element (`{service: [...]}`), so both formats can be compared.
 */
export function asXmlText(node: unknown, item?: string): unknown {
  if (Array.isArray(node)) {
    if (node.length === 0) return '';
    const children = node.map((n) => asXmlText(n));
    return item ? { [item]: children } : children;
  }
  if (node === null) return '';
  if (typeof node === 'object') {
    if (Object.keys(node).length === 0) return '';
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, asXmlText(v, LIST_ITEMS[k])]),
    );
  }
  return String(node);
}

/** The spec's list elements and what each repeats. */
export const LIST_ITEMS: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
  media_urls: 'media_url',
};
