/**
 * Saving files from the browser. Exports streamed by the server need the token as a
 * header when the user has one (a link cannot carry headers), so those are fetched and
 * saved through a Blob URL; a cookie session can follow a plain link instead.
 */
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { authHeaders } from '../../auth/credentials.ts';

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the data by the next minute; free it then.
  setTimeout(() => URL.revokeObjectURL(url), MINUTE_MS);
}

/** The file name a Content-Disposition header gives, or the fallback. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ?? fallback;
}

export async function downloadWithToken(
  path: string,
  token: string | null,
  fallbackName: string,
): Promise<void> {
  const res = await fetch(path, { headers: authHeaders(token) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const blob = await res.blob();
  saveBlob(blob, filenameFrom(res.headers.get('content-disposition'), fallbackName));
}

export function canvasBlob(canvas: HTMLCanvasElement, type = 'image/png'): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('canvas could not be encoded'))),
      type,
    ),
  );
}

/** `nakhoda-briefing-2026-12-01_2026-12-07`: the period's WIB dates, for file names. */
export function fileStem(kind: string, fromYmd: string, toYmd: string): string {
  return fromYmd === toYmd ? `nakhoda-${kind}-${fromYmd}` : `nakhoda-${kind}-${fromYmd}_${toYmd}`;
}
