/**
 * Which incidents the PDF pack shows photo proof for, and which photos it loads: the top
 * overdue items (as the overdue table lists them), and the period's reports most recently
 * resolved with an after photo ("closed with proof"). Each shows its latest before and
 * latest after photo. Pure: loading the photos is the caller's (photo-load.ts), so the pack
 * stays one code path for the browser and the server.
 */
import type { Incident, PhotoKind, PhotoSummary } from '../domain/types.ts';

/** How many of the top overdue items get a photo card. */
export const OVERDUE_WITH_PHOTOS = 6;
/** How many recently closed items with proof the pack shows. */
export const CLOSED_WITH_PROOF = 6;
/** The most photos one pack loads: a bound on its size and on what it asks of the media store. */
export const MAX_PACK_PHOTOS = 24;

/** The kinds a card shows, in the order it shows them. */
export const CARD_KINDS: readonly PhotoKind[] = ['before', 'after'];

const CLOSED_STATUSES: readonly string[] = ['resolved', 'closed'];

/** One card of the photo pages: an incident and the photo it shows for each kind (or none). */
export interface ProofItem {
  incident: Incident;
  photos: Record<PhotoKind, PhotoSummary | null>;
}

export interface ProofSelection {
  overdue: ProofItem[];
  closed: ProofItem[];
}

/** The photo of `kind` a card shows: the latest one taken (photos are kept oldest first). */
export function latestPhoto(incident: Incident, kind: PhotoKind): PhotoSummary | null {
  const photos = incident.photos ?? [];
  for (let i = photos.length - 1; i >= 0; i--) if (photos[i]!.kind === kind) return photos[i]!;
  return null;
}

function itemOf(incident: Incident): ProofItem {
  return {
    incident,
    photos: { before: latestPhoto(incident, 'before'), after: latestPhoto(incident, 'after') },
  };
}

/**
 * The reports resolved within [from, to) that hold an after photo, most recently resolved
 * first (ties by id), at most `max`. Still resolved or closed now: a reopened one is not.
 */
export function closedWithProof(
  incidents: readonly Incident[],
  period: { from: Date; to: Date },
  max = CLOSED_WITH_PROOF,
): Incident[] {
  const from = period.from.getTime();
  const to = period.to.getTime();
  return incidents
    .filter((i) => {
      if (!CLOSED_STATUSES.includes(i.status) || i.resolvedAt === null) return false;
      const at = Date.parse(i.resolvedAt);
      return at >= from && at < to && latestPhoto(i, 'after') !== null;
    })
    .sort(
      (a, b) => Date.parse(b.resolvedAt!) - Date.parse(a.resolvedAt!) || a.id.localeCompare(b.id),
    )
    .slice(0, max);
}

/**
 * The cards: the first overdue items in the order given (most overdue first, as the table
 * lists them), and the closed ones with proof among `resolved`.
 */
export function proofSelection(
  overdue: readonly Incident[],
  resolved: readonly Incident[],
  period: { from: Date; to: Date },
): ProofSelection {
  return {
    overdue: overdue.slice(0, OVERDUE_WITH_PHOTOS).map(itemOf),
    closed: closedWithProof(resolved, period).map(itemOf),
  };
}

/**
 * The photo ids to load, each once, in the order the cards show them (overdue first, then
 * closed; before then after), at most `cap`. A photo left out renders as a placeholder.
 */
export function photosToLoad(selection: ProofSelection, cap = MAX_PACK_PHOTOS): string[] {
  const ids = new Set<string>();
  for (const item of [...selection.overdue, ...selection.closed]) {
    for (const kind of CARD_KINDS) {
      const photo = item.photos[kind];
      if (!photo || ids.has(photo.photoId)) continue;
      if (ids.size >= cap) return [...ids];
      ids.add(photo.photoId);
    }
  }
  return [...ids];
}
