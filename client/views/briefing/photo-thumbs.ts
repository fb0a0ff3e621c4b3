/**
 * The PDF pack's photos in the browser: each thumbnail fetched as the page's other reads
 * are (the stored token as a header, else the session cookie), its bytes handed to the
 * shared pack (shared/briefing-pdf/photo-load.ts checks and embeds them). A photo the
 * server does not give is null, and the pack draws a placeholder.
 */
import type { LoadPhoto } from '../../../shared/briefing-pdf/photo-load.ts';
import { authHeaders } from '../../auth/credentials.ts';

/** The thumbnail's path, as the server serves it (server/http/media.routes.ts). */
export const thumbPath = (photoId: string) => `/api/v1/media/${encodeURIComponent(photoId)}/thumb`;

export function thumbLoader(token: string | null): LoadPhoto {
  return async (photoId) => {
    const res = await fetch(thumbPath(photoId), {
      credentials: 'same-origin',
      headers: { accept: 'image/jpeg', ...authHeaders(token) },
    });
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  };
}
