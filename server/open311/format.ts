/**
 * How Open311 answers are written: the format is the path's extension (`.xml`, which the
 * GeoReport v2 spec requires, or `.json`). XML is built by fast-xml-parser's XMLBuilder in
 * the spec's shapes: no namespaces, no XML attributes, an empty element for nothing. JSON
 * gives the same fields, as arrays for every list (the service definition and discovery
 * are objects, as in the spec).
 */
import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';

export const FORMATS = ['xml', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function isFormat(ext: string | undefined): ext is Format {
  return ext === 'xml' || ext === 'json';
}

/** The format a path asks for by its extension; JSON when it names none we speak. */
export function formatOfPath(path: string): Format {
  return path.endsWith('.xml') ? 'xml' : 'json';
}

/**
 * A value in an answer: scalars, objects, and lists that XML writes as one repeated
 * element named by the list's `item` (e.g. `services` of `service`).
 */
export type Node = string | number | boolean | null | NodeObject | NodeList;
export interface NodeObject {
  [key: string]: Node;
}
export class NodeList {
  constructor(
    readonly item: string,
    readonly items: Node[],
  ) {}
}

export const list = (item: string, items: Node[]) => new NodeList(item, items);

// ignoreAttributes (the default) means no key ever becomes an XML attribute.
const builder = new XMLBuilder({ format: false, suppressEmptyNode: true });

function toXmlTree(node: Node): unknown {
  if (node instanceof NodeList) {
    return node.items.length === 0 ? '' : { [node.item]: node.items.map(toXmlTree) };
  }
  if (node === null) return '';
  if (typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toXmlTree(v)]));
  }
  return String(node);
}

function toJson(node: Node): unknown {
  if (node instanceof NodeList) return node.items.map(toJson);
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toJson(v)]));
  }
  return node;
}

export function renderXml(root: string, node: Node): string {
  const body = builder.build({ [root]: toXmlTree(node) }) as string;
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}\n`;
}

/** Sends `node` under the root element `root` (XML) or as JSON. */
export function send(res: Response, format: Format, root: string, node: Node, status = 200): void {
  res.status(status).set('Content-Type', CONTENT_TYPES[format]);
  res.send(format === 'xml' ? renderXml(root, node) : JSON.stringify(toJson(node)));
}

/** The HTTP statuses the spec names for refusals; others (429, 413, 415, 503) pass as they are. */
export interface Open311Error {
  status: number;
  description: string;
}

/** The spec's error list: `errors/error` of `code` (the HTTP status) and `description`. */
export function sendErrors(res: Response, format: Format, errors: Open311Error[]): void {
  const status = errors[0]?.status ?? 400;
  send(
    res,
    format,
    'errors',
    list(
      'error',
      errors.map((e) => ({ code: e.status, description: e.description })),
    ),
    status,
  );
}
