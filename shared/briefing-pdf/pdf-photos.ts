/**
 * The PDF pack's photo proof pages: a card for each of the top overdue items and for each
 * item closed with proof (photo-proof.ts chooses them), with its latest before and after
 * thumbnails, when each was taken (WIB) and how far from the site, or who waived the proof
 * and why. A photo the pack could not load, or one not taken, is a labelled grey box.
 */
import type { jsPDF } from 'jspdf';
import { timeLeftMs } from '../domain/sla.ts';
import { MINUTE_MS } from '../domain/time.ts';
import type { PhotoKind, PhotoSummary } from '../domain/types.ts';
import { formatMinutes } from '../i18n/format.ts';
import { zoneLabel } from '../i18n/zone-label.ts';
import { formatDateTime } from './format.ts';
import { agencyShort, categoryName, placeLabel, statusName } from './names.ts';
import { languages, type PackInput, type Translate } from './pdf-context.ts';
import { BAD, clip, fit, GOOD, INK, MUTED, PAGE, pageHead, pdfText, RULE } from './pdf-kit.ts';
import type { PackPhoto } from './photo-load.ts';
import {
  CARD_KINDS,
  CLOSED_WITH_PROOF,
  OVERDUE_WITH_PHOTOS,
  type ProofItem,
  type ProofSelection,
} from './photo-proof.ts';

/** What the photo pages are drawn from: the chosen cards and the photos loaded for them. */
export interface PackProof extends ProofSelection {
  photos: ReadonlyMap<string, PackPhoto | null>;
}

const COLS = 3;
const GAP = 5;
const PAD = 3;
const CARD_W = (PAGE.w - 2 * PAGE.margin - (COLS - 1) * GAP) / COLS;
const CARD_H = 76;
const SLOT_W = (CARD_W - 3 * PAD) / 2;
const SLOT_H = SLOT_W * 0.75;
const SLOT_TOP = 21;
const PLACEHOLDER: [number, number, number] = [236, 239, 242];

interface CardContext {
  doc: jsPDF;
  input: PackInput;
  t: Translate;
  other: Translate;
  photos: PackProof['photos'];
}

function firstLine(doc: jsPDF, text: string, width: number): string {
  return (doc.splitTextToSize(pdfText(text), width) as string[])[0] ?? '';
}

function wib(at: string, input: PackInput): string {
  const tz = input.pack.timeZone;
  return `${formatDateTime(at, tz, input.locale)} ${zoneLabel(tz)}`;
}

function placeholder(doc: jsPDF, x: number, y: number, text: string): void {
  doc.setFillColor(...PLACEHOLDER);
  doc.setDrawColor(...RULE);
  doc.setLineWidth(0.2);
  doc.rect(x, y, SLOT_W, SLOT_H, 'FD');
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(7.5);
  doc.setTextColor(...MUTED);
  const lines = doc.splitTextToSize(pdfText(text), SLOT_W - 4) as string[];
  doc.text(lines, x + SLOT_W / 2, y + SLOT_H / 2 - ((lines.length - 1) * 3) / 2, {
    align: 'center',
    baseline: 'middle',
  });
}

/** Draws the photo fitted in its slot; false when jsPDF cannot take it as we sized it. */
function drawPhoto(doc: jsPDF, photo: PackPhoto, id: string, x: number, y: number): boolean {
  try {
    // jsPDF sizes a JPEG by its own scan of the markers: embed only where it agrees with ours.
    const seen = doc.getImageProperties(photo.data);
    if (seen.width !== photo.width || seen.height !== photo.height) return false;
    const size = fit(photo.width, photo.height, SLOT_W, SLOT_H);
    doc.setFillColor(...PLACEHOLDER);
    doc.rect(x, y, SLOT_W, SLOT_H, 'F');
    const px = x + (SLOT_W - size.w) / 2;
    const py = y + (SLOT_H - size.h) / 2;
    doc.addImage(photo.data, 'JPEG', px, py, size.w, size.h, `photo-${id}`, 'NONE');
    return true;
  } catch {
    return false;
  }
}

function photoSlot(
  c: CardContext,
  kind: PhotoKind,
  photo: PhotoSummary | null,
  x: number,
  y: number,
): void {
  const { doc, t, other } = c;
  const both = (key: Parameters<Translate>[0]) => `${t(key)} · ${other(key)}`;
  if (!photo) placeholder(doc, x, y, both('pdf.noPhoto'));
  else {
    const loaded = c.photos.get(photo.photoId) ?? null;
    if (!loaded || !drawPhoto(doc, loaded, photo.photoId, x, y))
      placeholder(doc, x, y, both('pdf.photoMissing'));
  }
  let line = y + SLOT_H + 4;
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(7.5);
  doc.setTextColor(...INK);
  doc.text(pdfText(t(kind === 'before' ? 'pdf.photoBefore' : 'pdf.photoAfter')), x, line);
  if (!photo) return;
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(7);
  doc.setTextColor(...MUTED);
  const taken = photo.takenAt ? wib(photo.takenAt, c.input) : t('pdf.takenUnknown');
  const distance =
    photo.distanceM === null ? t('pdf.distanceUnknown') : t('pdf.distance', { m: photo.distanceM });
  for (const text of [taken, distance]) {
    line += 3.4;
    doc.text(firstLine(doc, text, SLOT_W), x, line);
  }
}

function card(c: CardContext, item: ProofItem, closed: boolean, x: number, y: number): void {
  const { doc, input, t } = c;
  const { pack, locale } = input;
  const i = item.incident;
  const inner = CARD_W - 2 * PAD;
  doc.setDrawColor(...RULE);
  doc.setLineWidth(0.3);
  doc.setFillColor(255, 255, 255);
  doc.roundedRect(x, y, CARD_W, CARD_H, 1.5, 1.5, 'FD');
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(9);
  doc.setTextColor(...INK);
  const head = `${categoryName(pack, i.category, locale)} · ${statusName(pack, i.status, locale)}`;
  doc.text(firstLine(doc, head, inner), x + PAD, y + 5.5);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(7.5);
  doc.setTextColor(...MUTED);
  const where = `${agencyShort(pack, i.agency)} · ${placeLabel(pack, i)}`;
  doc.text(firstLine(doc, where, inner), x + PAD, y + 9.5);
  // The citizen's words, as the overdue table has them, tie the card to its row there.
  doc.setTextColor(...INK);
  doc.text(firstLine(doc, clip(i.description, 240), inner), x + PAD, y + 13.5);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(8);
  if (closed && i.resolvedAt) {
    doc.setTextColor(...GOOD);
    doc.text(pdfText(t('pdf.resolvedAt', { time: wib(i.resolvedAt, input) })), x + PAD, y + 17.8);
  } else {
    doc.setTextColor(...BAD);
    const late = formatMinutes(-timeLeftMs(i, input.overdueAt) / MINUTE_MS, locale);
    doc.text(pdfText(`${t('pdf.overdueBy')} ${late}`), x + PAD, y + 17.8);
  }
  CARD_KINDS.forEach((kind, n) =>
    photoSlot(c, kind, item.photos[kind], x + PAD + n * (SLOT_W + PAD), y + SLOT_TOP),
  );
  if (i.proofWaived) {
    doc.setFont('helvetica', 'italic');
    doc.setFontSize(7);
    doc.setTextColor(...INK);
    // Who and why are typed by people: printed as text, folded and clipped to three lines.
    // A reader who may not see the log gets no name (shared/domain/access.ts).
    const note = clip(i.proofWaived.note, 200);
    const text = i.proofWaived.by
      ? t('pdf.waived', { by: clip(i.proofWaived.by, 60), note })
      : t('pdf.waivedNoName', { note });
    const lines = (doc.splitTextToSize(pdfText(text), inner) as string[]).slice(0, 3);
    doc.text(lines, x + PAD, y + SLOT_TOP + SLOT_H + 15.5);
  }
}

function cardsPage(
  c: CardContext,
  title: Parameters<Translate>[0],
  note: string,
  items: readonly ProofItem[],
  closed: boolean,
  none: string,
): void {
  const { doc, t, other } = c;
  doc.addPage();
  const y = pageHead(doc, t(title), other(title));
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(9);
  doc.setTextColor(...MUTED);
  doc.text(pdfText(note), PAGE.margin, y);
  if (items.length === 0) {
    doc.setTextColor(...INK);
    doc.text(pdfText(none), PAGE.margin, y + 8);
    return;
  }
  items.forEach((item, n) => {
    const col = n % COLS;
    const row = Math.floor(n / COLS);
    card(c, item, closed, PAGE.margin + col * (CARD_W + GAP), y + 4 + row * (CARD_H + GAP));
  });
}

/** The two photo pages: top overdue items (when there are any), then those closed with proof. */
export function photoPages(doc: jsPDF, input: PackInput, proof: PackProof): void {
  const { t, other } = languages(input.locale);
  const c: CardContext = { doc, input, t, other, photos: proof.photos };
  if (proof.overdue.length > 0)
    cardsPage(
      c,
      'pdf.overduePhotos',
      t('pdf.overduePhotosNote', { n: Math.min(OVERDUE_WITH_PHOTOS, proof.overdue.length) }),
      proof.overdue,
      false,
      t('pdf.none'),
    );
  cardsPage(
    c,
    'pdf.closedWithProof',
    t('pdf.closedWithProofNote', { n: CLOSED_WITH_PROOF }),
    proof.closed,
    true,
    t('pdf.closedNone'),
  );
}
