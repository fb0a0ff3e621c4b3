/**
 * Field crews in tests: a photo posted as a phone's form posts it (multipart), and the
 * incident's history read back.
 */
import { expect } from 'vitest';
import type { DomainEvent } from '../../shared/domain/types.ts';
import { ADMIN_TOKEN, api } from './harness.ts';

export const HERE = { lon: 106.8272, lat: -6.1754 };
/** About `m` metres north of HERE (1° of latitude ≈ 111.2 km). */
export const north = (m: number) => ({ lon: HERE.lon, lat: HERE.lat + m / 111_195 });

let sent = 0;
/** A fresh client id, as a phone makes one per queued command. */
export const clientId = () => `phone-${process.pid}-${++sent}-${Date.now()}`;

export async function uploadPhoto(
  base: string,
  incidentId: string,
  photo: Buffer,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  filename = 'photo.jpg',
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('photo', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), filename);
  const all: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers };
  for (const [k, v] of Object.entries(all)) if (v === '') delete all[k];
  const res = await fetch(`${base}/api/v1/incidents/${incidentId}/photos`, {
    method: 'POST',
    headers: all,
    body: form,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text itself.
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: body as any };
}

export async function historyOf(base: string, id: string): Promise<DomainEvent[]> {
  const res = await api(base, 'GET', `/api/v1/incidents/${id}`);
  expect(res.status).toBe(200);
  return res.body.history;
}
