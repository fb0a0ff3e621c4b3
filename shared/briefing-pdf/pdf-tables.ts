/**
 * The PDF pack's tables: the agency league table, the top kelurahan, and the top
 * overdue items with their citizen descriptions (as plain text, clipped to fit).
 */
import type { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import type { LeagueRow } from '../domain/briefing.ts';
import { timeLeftMs } from '../domain/sla.ts';
import { MINUTE_MS } from '../domain/time.ts';
import { formatMinutes, formatNumber, formatPercent } from '../i18n/format.ts';
import { zoneLabel } from '../i18n/zone-label.ts';
import { formatDateTime } from './format.ts';
import {
  agencyName,
  agencyShort,
  categoryName,
  kelurahanLabel,
  placeLabel,
  statusName,
} from './names.ts';
import { languages, type PackInput, type Translate } from './pdf-context.ts';
import { clip, INK, MUTED, NAVY, PAGE, pageHead, pdfText, RULE } from './pdf-kit.ts';

const TOP_KELURAHAN = 20;
const TOP_OVERDUE = 25;

function leagueTable(
  doc: jsPDF,
  input: PackInput,
  t: Translate,
  rows: LeagueRow[],
  nameOf: (k: string) => string,
  startY: number,
): void {
  const { locale, briefing } = input;
  autoTable(doc, {
    startY,
    margin: { left: PAGE.margin, right: PAGE.margin, bottom: 16 },
    head: [
      [
        t('col.rank'),
        t('col.name'),
        t('col.reports'),
        t('col.sla'),
        t('col.response'),
        t('col.overdue'),
        t('col.trend'),
      ].map(pdfText),
    ],
    body: rows.map((r) => {
      const trend =
        r.trendPts === null
          ? '–'
          : `${r.trendPts > 0 ? '+' : r.trendPts < 0 ? '-' : ''}${formatNumber(Math.abs(r.trendPts), locale, 1)}`;
      const name =
        r.rank === null
          ? `${nameOf(r.key)} (${t('belowMin', { n: briefing.minCount })})`
          : nameOf(r.key);
      return [
        r.rank === null ? '–' : String(r.rank),
        name,
        formatNumber(r.reports, locale),
        formatPercent(r.slaCompliancePct, locale),
        formatMinutes(r.medianResponseMin, locale),
        formatNumber(r.overdueAtEnd, locale),
        trend,
      ].map(pdfText);
    }),
    theme: 'striped',
    styles: { font: 'helvetica', fontSize: 9.5, cellPadding: 2, textColor: INK, lineColor: RULE },
    headStyles: { fillColor: NAVY, textColor: 255, fontStyle: 'bold' },
    columnStyles: {
      0: { cellWidth: 12, halign: 'right' },
      2: { halign: 'right', cellWidth: 22 },
      3: { halign: 'right', cellWidth: 32 },
      4: { halign: 'right', cellWidth: 34 },
      5: { halign: 'right', cellWidth: 28 },
      6: { halign: 'right', cellWidth: 34 },
    },
    didParseCell: (data) => {
      if (data.section === 'body' && rows[data.row.index]?.rank === null)
        data.cell.styles.textColor = MUTED;
    },
  });
}

export function leaguePages(doc: jsPDF, input: PackInput): void {
  const { locale, briefing, pack } = input;
  const { t, other } = languages(locale);
  doc.addPage();
  let y = pageHead(doc, t('agencies'), other('agencies'));
  doc.setFontSize(9);
  doc.setTextColor(...MUTED);
  doc.text(
    pdfText(`${t('rankedBy').split('. ')[0]}. ${t('minCount')}: ${briefing.minCount}.`),
    PAGE.margin,
    y,
  );
  leagueTable(doc, input, t, briefing.agencies, (k) => agencyName(pack, k, locale), y + 4);

  doc.addPage();
  y = pageHead(doc, t('pdf.topKelurahan'), other('pdf.topKelurahan'));
  doc.setFontSize(9);
  doc.setTextColor(...MUTED);
  doc.text(pdfText(`${t('minCount')}: ${briefing.minCount}.`), PAGE.margin, y);
  const ranked = briefing.kelurahan.filter((r) => r.rank !== null).slice(0, TOP_KELURAHAN);
  leagueTable(doc, input, t, ranked, (k) => kelurahanLabel(pack, k), y + 4);
}

export function overduePage(doc: jsPDF, input: PackInput): void {
  const { locale, pack, overdue, overdueAt } = input;
  const { t, other } = languages(locale);
  const tz = pack.timeZone;
  doc.addPage();
  const y = pageHead(doc, t('pdf.topOverdue'), other('pdf.topOverdue'));
  doc.setFontSize(9);
  doc.setTextColor(...MUTED);
  doc.text(
    pdfText(
      t('overdueNote', { time: `${formatDateTime(overdueAt, tz, locale)} ${zoneLabel(tz)}` }),
    ),
    PAGE.margin,
    y,
  );
  const items = overdue.slice(0, TOP_OVERDUE);
  autoTable(doc, {
    startY: y + 4,
    margin: { left: PAGE.margin, right: PAGE.margin, bottom: 16 },
    head: [
      [
        t('pdf.overdueBy'),
        t('pdf.reported'),
        t('category'),
        t('agency'),
        t('pdf.location'),
        t('pdf.description'),
      ].map(pdfText),
    ],
    body: items.length
      ? items.map((i) =>
          [
            formatMinutes(-timeLeftMs(i, overdueAt) / MINUTE_MS, locale),
            formatDateTime(i.reportedAt, tz, locale),
            `${categoryName(pack, i.category, locale)}\n${statusName(pack, i.status, locale)}`,
            agencyShort(pack, i.agency),
            placeLabel(pack, i),
            // Citizen text: printed as text, whitespace folded, clipped to keep rows short.
            clip(i.description, 240),
          ].map(pdfText),
        )
      : [[pdfText(t('pdf.none')), '', '', '', '', '']],
    theme: 'striped',
    rowPageBreak: 'avoid',
    styles: {
      font: 'helvetica',
      fontSize: 8.5,
      cellPadding: 1.8,
      textColor: INK,
      lineColor: RULE,
      overflow: 'linebreak',
    },
    headStyles: { fillColor: NAVY, textColor: 255, fontStyle: 'bold' },
    columnStyles: {
      0: { cellWidth: 24, fontStyle: 'bold' },
      1: { cellWidth: 30 },
      2: { cellWidth: 34 },
      3: { cellWidth: 24 },
      4: { cellWidth: 44 },
    },
  });
}
