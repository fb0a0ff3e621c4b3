/**
 * A small Open311 client for the conformance suite: GET and POST under /open311/v2 with
 * the body as a real client sends it (form-encoded or multipart), answering the status,
 * the content type and the body (parsed JSON, or the raw XML text).
 */
import { expect } from 'vitest';
import type { TestServer } from './harness.ts';

export const OPEN311 = '/open311/v2';

export interface Open311Answer {
  status: number;
  type: string;
  text: string;
  // Asserted against zod schemas in the tests; loose here to keep them short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

async function answer(res: Response): Promise<Open311Answer> {
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let json: unknown = undefined;
  if (type.startsWith('application/json')) json = JSON.parse(text);
  return { status: res.status, type, text, json };
}

export async function get(
  server: TestServer,
  path: string,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Open311Answer> {
  const qs = new URLSearchParams(query).toString();
  return answer(await fetch(`${server.url}${OPEN311}/${path}${qs ? `?${qs}` : ''}`, { headers }));
}

/** Form parameters as pairs, so a name may repeat (`media_url`, `attribute[code][]`). */
export type Params = [string, string][];

export async function postForm(
  server: TestServer,
  path: string,
  params: Params,
  headers: Record<string, string> = {},
): Promise<Open311Answer> {
  return answer(
    await fetch(`${server.url}${OPEN311}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    }),
  );
}

export async function postMultipart(
  server: TestServer,
  path: string,
  params: Params,
  photo?: { bytes: Uint8Array<ArrayBuffer>; name: string },
): Promise<Open311Answer> {
  const form = new FormData();
  for (const [k, v] of params) form.append(k, v);
  if (photo) form.append('media', new Blob([photo.bytes], { type: 'image/jpeg' }), photo.name);
  return answer(await fetch(`${server.url}${OPEN311}/${path}`, { method: 'POST', body: form }));
}

/** A flooding request in central Jakarta with an ingest key; override or add pairs. */
export function floodRequest(apiKey: string, extra: Params = []): Params {
  return [
    ['api_key', apiKey],
    ['service_code', 'flooding'],
    ['lat', '-6.1754'],
    ['long', '106.8272'],
    ['description', 'Air masuk rumah warga'],
    ...extra,
  ];
}

/** Files a request (JSON answer) and returns its id. */
export async function fileRequest(server: TestServer, params: Params): Promise<string> {
  const res = await postForm(server, 'requests.json', params);
  expect(res.status, res.text).toBe(200);
  return res.json[0].service_request_id as string;
}

export async function mintKeys(server: TestServer): Promise<{ ingest: string; viewer: string }> {
  const now = new Date();
  const ingest = await server.auth.createToken(
    { kind: 'ingest', role: 'ingest', label: 'JAKI app', source: 'jaki', createdBy: 'test' },
    now,
  );
  const viewer = await server.auth.createToken(
    { kind: 'api', role: 'viewer', label: 'Civic app reader', createdBy: 'test' },
    now,
  );
  return { ingest: ingest.secret, viewer: viewer.secret };
}
