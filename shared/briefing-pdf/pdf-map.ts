/**
 * The PDF pack's hotspot page: the map on the left, the top cells and the rising
 * categories on the right. The map is the browser's captured image when it has one;
 * otherwise (the server, or a browser whose map was not ready) it is drawn here as
 * vectors: the kelurahan outlines when boundaries are configured, else the city's
 * bounding box, and each hotspot as a circle whose area grows with its reports, numbered
 * as in the table beside it.
 */
import { cellToLatLng } from 'h3-js';
import type { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { formatNumber } from '../i18n/format.ts';
import { cellLabel } from './cell-places.ts';
import { categoryName, kelurahanLabel } from './names.ts';
import { languages, type PackInput, type Ring } from './pdf-context.ts';
import {
  afterTable,
  BAD,
  fit,
  INK,
  MUTED,
  NAVY,
  PAGE,
  pageHead,
  pdfText,
  RULE,
} from './pdf-kit.ts';

const MAP_W = 168;
const HOT: [number, number, number] = [213, 94, 0];
/** Outline points closer than this (mm) to the last one drawn are skipped. */
const MIN_STEP_MM = 0.35;
const MAX_RADIUS_MM = 9;
const MIN_RADIUS_MM = 1.6;
const MIN_SPAN_DEG = 0.2;

interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
  project(lon: number, lat: number): [number, number];
}

/** An equirectangular frame over `bbox`, its shape kept (longitude shrunk by cos lat). */
export function mapFrame(
  bbox: readonly [number, number, number, number],
  box: { x: number; y: number; w: number; h: number },
): Frame {
  const [w0, s0, e0, n0] = bbox;
  const k = Math.cos((((s0 + n0) / 2) * Math.PI) / 180);
  const size = fit((e0 - w0) * k, n0 - s0, box.w, box.h);
  const scale = size.w / ((e0 - w0) * k);
  return {
    x: box.x,
    y: box.y,
    w: size.w,
    h: size.h,
    project: (lon, lat) => [box.x + (lon - w0) * k * scale, box.y + (n0 - lat) * scale],
  };
}

function drawRing(doc: jsPDF, frame: Frame, ring: Ring): void {
  const pts: [number, number][] = [];
  for (const [lon, lat] of ring) {
    const p = frame.project(lon, lat);
    const last = pts[pts.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= MIN_STEP_MM) pts.push(p);
  }
  if (pts.length < 3) return;
  const [x0, y0] = pts[0]!;
  const deltas = pts.slice(1).map(([x, y], i) => [x - pts[i]![0], y - pts[i]![1]]);
  doc.lines(deltas, x0, y0, [1, 1], 'S', true);
}

type Bbox = [number, number, number, number];

/**
 * What the map shows: the outlines and the hotspots with a margin (at least MIN_SPAN_DEG
 * across), within the city's bounding box; the whole box when there is neither. A city's
 * box may hold far islands (Kepulauan Seribu): zooming to what is drawn keeps it legible.
 */
export function mapExtent(city: Bbox, points: readonly (readonly [number, number])[]): Bbox {
  if (points.length === 0) return city;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  const padX = Math.max((e - w) * 0.08, (MIN_SPAN_DEG - (e - w)) / 2, 0);
  const padY = Math.max((n - s) * 0.08, (MIN_SPAN_DEG - (n - s)) / 2, 0);
  return [
    Math.max(city[0], w - padX),
    Math.max(city[1], s - padY),
    Math.min(city[2], e + padX),
    Math.min(city[3], n + padY),
  ];
}

/** The vector map: outlines (when configured), then hotspot circles, largest first. */
export function drawVectorMap(
  doc: jsPDF,
  input: PackInput,
  box: { x: number; y: number; w: number; h: number },
): Frame {
  const { pack, briefing, map, locale } = input;
  const centres = briefing.hotspots.map((c) => {
    const [lat, lon] = cellToLatLng(c.h3);
    return [lon, lat] as const;
  });
  const frame = mapFrame(mapExtent(pack.bbox, [...(map.outlines ?? []).flat(), ...centres]), box);
  doc.setFillColor(244, 247, 250);
  doc.setDrawColor(...RULE);
  doc.setLineWidth(0.3);
  doc.rect(frame.x, frame.y, frame.w, frame.h, 'FD');
  if (map.outlines?.length) {
    doc.setDrawColor(150, 162, 174);
    doc.setLineWidth(0.12);
    for (const ring of map.outlines) drawRing(doc, frame, ring);
  }
  const max = Math.max(1, ...briefing.hotspots.map((c) => c.reports));
  const circles = briefing.hotspots
    .map((c, i) => {
      const [x, y] = frame.project(...centres[i]!);
      const r = Math.max(MIN_RADIUS_MM, MAX_RADIUS_MM * Math.sqrt(c.reports / max));
      return { rank: i + 1, reports: c.reports, x, y, r };
    })
    .sort((a, b) => b.r - a.r);
  for (const c of circles) {
    doc.setFillColor(250, 196, 160);
    doc.setDrawColor(...HOT);
    doc.setLineWidth(0.35);
    doc.circle(c.x, c.y, c.r, 'FD');
  }
  doc.setFont('helvetica', 'bold');
  for (const c of circles) {
    doc.setFontSize(c.r > 3 ? 8 : 6);
    doc.setTextColor(...NAVY);
    doc.text(String(c.rank), c.x, c.y + 1, { align: 'center' });
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(6.5);
    doc.setTextColor(...INK);
    doc.text(formatNumber(c.reports, locale), c.x + c.r + 0.8, c.y - c.r * 0.4);
    doc.setFont('helvetica', 'bold');
  }
  return frame;
}

export function mapPage(doc: jsPDF, input: PackInput): void {
  const { locale, briefing, pack, map, places } = input;
  const { t, other } = languages(locale);
  doc.addPage();
  const top = pageHead(doc, t('hotspots'), other('hotspots'));
  const boxH = PAGE.h - top - 22;
  let drawnH: number;
  if (map.image) {
    const size = fit(map.image.width, map.image.height, MAP_W, boxH);
    doc.addImage(map.image.dataUrl, 'PNG', PAGE.margin, top, size.w, size.h);
    drawnH = size.h;
  } else {
    drawnH = drawVectorMap(doc, input, { x: PAGE.margin, y: top, w: MAP_W, h: boxH }).h;
  }
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(8);
  doc.setTextColor(...MUTED);
  const caption = map.image
    ? map.caption
    : t(map.outlines?.length ? 'pdf.vectorMapCaption' : 'pdf.bboxMapCaption');
  doc.text(pdfText(caption), PAGE.margin, top + drawnH + 5, { maxWidth: MAP_W });

  const x = PAGE.margin + MAP_W + 8;
  const w = PAGE.w - PAGE.margin - x;
  autoTable(doc, {
    startY: top,
    margin: { left: x, right: PAGE.margin },
    tableWidth: w,
    head: [['#', t('pdf.location'), t('col.reports')].map(pdfText)],
    body: briefing.hotspots.map((c, i) => [
      String(i + 1),
      pdfText(cellLabel(c.h3, places, (k) => kelurahanLabel(pack, k), locale)),
      formatNumber(c.reports, locale),
    ]),
    theme: 'striped',
    styles: { font: 'helvetica', fontSize: 8.5, cellPadding: 1.6, textColor: INK },
    headStyles: { fillColor: NAVY, textColor: 255 },
    columnStyles: { 0: { cellWidth: 7 }, 2: { halign: 'right', cellWidth: 18 } },
  });
  const after = afterTable(doc, top + 80);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(10);
  doc.setTextColor(...NAVY);
  doc.text(pdfText(t('rising')), x, after + 9);
  autoTable(doc, {
    startY: after + 12,
    margin: { left: x, right: PAGE.margin },
    tableWidth: w,
    body: briefing.risingCategories.length
      ? briefing.risingCategories.map((c) => [
          pdfText(categoryName(pack, c.category, locale)),
          `+${formatNumber(c.change, locale)}`,
          pdfText(
            t('risingDetail', {
              now: formatNumber(c.reports, locale),
              prev: formatNumber(c.previous, locale),
            }),
          ),
        ])
      : [[pdfText(t('risingNone')), '', '']],
    theme: 'plain',
    styles: { font: 'helvetica', fontSize: 8.5, cellPadding: 1.4, textColor: INK },
    columnStyles: { 1: { halign: 'right', textColor: BAD, fontStyle: 'bold', cellWidth: 12 } },
  });
}
