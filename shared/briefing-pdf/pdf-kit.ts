/**
 * The PDF pack's house style and helpers: A4 landscape, Helvetica (jsPDF's built-in
 * fonts, so nothing is fetched), a navy running head, page numbers in the footer, and
 * text reduced to what the built-in fonts' WinAnsi encoding can print.
 */
import type { jsPDF } from 'jspdf';

export const PAGE = { w: 297, h: 210, margin: 14 } as const;
export const NAVY: [number, number, number] = [11, 46, 79];
export const BLUE: [number, number, number] = [0, 114, 178];
export const INK: [number, number, number] = [33, 37, 41];
export const MUTED: [number, number, number] = [96, 108, 118];
export const RULE: [number, number, number] = [206, 214, 222];
export const GOOD: [number, number, number] = [0, 130, 96];
export const BAD: [number, number, number] = [196, 78, 0];

// WinAnsi beyond Latin-1: the characters Windows-1252 adds in 0x80–0x9F.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const REPLACE: Record<string, string> = {
  '\u2212': '-',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '▲': '+',
  '▼': '-',
  '→': '=',
  '≥': '>=',
  '≤': '<=',
  '×': 'x',
};

/** Text the built-in fonts can print: WinAnsi kept, a few symbols spelled, the rest dropped. */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (REPLACE[ch] !== undefined) out += REPLACE[ch];
    else if (
      code === 10 ||
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.includes(ch)
    )
      out += ch;
    else if (code === 9 || code === 13) out += ' ';
  }
  return out;
}

export function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A page's title (in the reader's language) and its other-language subtitle. */
export function pageHead(doc: jsPDF, title: string, subtitle: string): number {
  doc.setFillColor(...NAVY);
  doc.rect(0, 0, PAGE.w, 4, 'F');
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(17);
  doc.setTextColor(...NAVY);
  doc.text(pdfText(title), PAGE.margin, 16);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(10);
  doc.setTextColor(...MUTED);
  doc.text(pdfText(subtitle), PAGE.margin, 22);
  doc.setDrawColor(...RULE);
  doc.setLineWidth(0.3);
  doc.line(PAGE.margin, 25, PAGE.w - PAGE.margin, 25);
  return 31;
}

/** Footer on every page but the cover: what the pack is, and "page n of N". */
export function footers(
  doc: jsPDF,
  left: string,
  pageLabel: (n: number, total: number) => string,
): void {
  const total = doc.getNumberOfPages();
  for (let n = 2; n <= total; n++) {
    doc.setPage(n);
    // Tables that run onto a new page get the running head's band too.
    doc.setFillColor(...NAVY);
    doc.rect(0, 0, PAGE.w, 4, 'F');
    doc.setDrawColor(...RULE);
    doc.setLineWidth(0.3);
    doc.line(PAGE.margin, PAGE.h - 11, PAGE.w - PAGE.margin, PAGE.h - 11);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(8);
    doc.setTextColor(...MUTED);
    doc.text(pdfText(left), PAGE.margin, PAGE.h - 6);
    doc.text(pdfText(pageLabel(n, total)), PAGE.w - PAGE.margin, PAGE.h - 6, { align: 'right' });
  }
}

/** The y where the last autoTable ended (jspdf-autotable records it on the document). */
export function afterTable(doc: jsPDF, fallback: number): number {
  return (
    (doc as unknown as { lastAutoTable?: { finalY?: number } }).lastAutoTable?.finalY ?? fallback
  );
}

export function triangle(
  doc: jsPDF,
  x: number,
  y: number,
  up: boolean,
  color: [number, number, number],
): void {
  doc.setFillColor(...color);
  if (up) doc.triangle(x, y + 1.2, x + 2.4, y + 1.2, x + 1.2, y - 1, 'F');
  else doc.triangle(x, y - 1, x + 2.4, y - 1, x + 1.2, y + 1.2, 'F');
}

/** Fits an image of `w`×`h` pixels into a box, keeping its shape; returns the drawn size. */
export function fit(w: number, h: number, boxW: number, boxH: number): { w: number; h: number } {
  const scale = Math.min(boxW / w, boxH / h);
  return { w: w * scale, h: h * scale };
}
