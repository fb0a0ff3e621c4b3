/**
 * Where photos' served copies live, behind one interface: the filesystem by default
 * (fs-media.store.ts, content-addressed under MEDIA_DIR), PostgreSQL for clusters
 * (pg-media.store.ts, migration 008), so every node serves what any node took in.
 * Only re-encoded copies are stored (photo-process.ts): never a phone's original bytes,
 * whose EXIF facts the photo's event keeps instead.
 */

/** The copies of one photo: the full served image and its thumbnail, both JPEG. */
export const MEDIA_VARIANTS = ['full', 'thumb'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

/** A photo id: the SHA-256 of the bytes the phone sent, in lower-case hex. */
export const PHOTO_ID = /^[0-9a-f]{64}$/;

export interface MediaStore {
  readonly kind: 'filesystem' | 'postgres';
  /** Keeps the copies of photo `id`; a second put of the same id changes nothing. */
  put(id: string, copies: Record<MediaVariant, Buffer>): Promise<void>;
  /** One copy, or null when there is no such photo. */
  get(id: string, variant: MediaVariant): Promise<Buffer | null>;
  close(): Promise<void>;
}
