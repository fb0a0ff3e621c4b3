/**
 * The API answers the field app's service worker keeps for use without signal
 * (vite.config.ts names its caches from here): who is logged in, the city, the settings,
 * thumbnails of photos sent. They belong to the person logged in, so logging out removes
 * them; the app shell's precache holds nothing personal and stays.
 */
export const FIELD_API_CACHE = 'field-api';
/** The reads the field page needs to start: who is logged in, the city, its settings, the map. */
export const FIELD_START_READS = [
  '/api/v1/auth/me',
  '/api/v1/city',
  '/api/v1/field/settings',
  '/api/v1/config',
] as const;
/** Matches those reads (the service worker gets this, serialized, at build time). */
export const FIELD_START_READS_PATTERN = new RegExp(
  `^[^?#]*(${FIELD_START_READS.map((p) => p.replaceAll('/', '\\/')).join('|')})(\\?.*)?$`,
);
export const FIELD_MEDIA_CACHE = 'field-media';

export async function forgetCachedAnswers(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await Promise.all([caches.delete(FIELD_API_CACHE), caches.delete(FIELD_MEDIA_CACHE)]);
}
