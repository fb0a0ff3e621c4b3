/**
 * The PDF pack's first pages: the cover, and the KPI table against the previous period.
 */
import type { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { zoneLabel } from '../i18n/zone-label.ts';
import { formatChange, formatDateTime, formatKpi, formatRange } from './format.ts';
import { KPI_NAMES, kpiDelta, type KpiName } from './kpi-delta.ts';
import { adminName, agencyName, categoryName } from './names.ts';
import { languages, type PackInput } from './pdf-context.ts';
import {
  afterTable,
  BAD,
  BLUE,
  GOOD,
  INK,
  MUTED,
  NAVY,
  PAGE,
  pageHead,
  pdfText,
  RULE,
  triangle,
} from './pdf-kit.ts';

export function coverPage(doc: jsPDF, input: PackInput): void {
  const { pack, locale, briefing, period, filters } = input;
  const { t } = languages(locale);
  const tz = pack.timeZone;
  doc.setFillColor(...NAVY);
  doc.rect(0, 0, PAGE.w, 84, 'F');
  doc.setFillColor(...BLUE);
  doc.rect(0, 84, PAGE.w, 2, 'F');
  doc.setTextColor(255, 255, 255);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(11);
  doc.text('N A K H O D A', 22, 24);
  doc.setFontSize(28);
  doc.text(doc.splitTextToSize(pdfText(t('pdf.title')), PAGE.w - 44) as string[], 22, 44);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(14);
  doc.setTextColor(190, 215, 235);
  doc.text(pdfText(t('pdf.subtitle', { city: pack.name[locale] })), 22, 70);

  const chosen = [
    filters.area ? adminName(pack, filters.area) : null,
    filters.category ? categoryName(pack, filters.category, locale) : null,
    filters.agency ? agencyName(pack, filters.agency, locale) : null,
  ].filter((x): x is string => x !== null);
  const rows: [string, string][] = [
    [t('pdf.period'), formatRange(period.from, period.to, tz, locale)],
    [
      t('pdf.previous'),
      formatRange(new Date(briefing.previous.from), new Date(briefing.previous.to), tz, locale),
    ],
    [t('pdf.filters'), chosen.length ? chosen.join(' · ') : t('pdf.allCity')],
    [t('pdf.generated'), `${formatDateTime(input.generatedAt, tz, locale)} ${zoneLabel(tz)}`],
  ];
  let y = 104;
  for (const [label, value] of rows) {
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(10);
    doc.setTextColor(...MUTED);
    doc.text(pdfText(label.toUpperCase()), 22, y);
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(13);
    doc.setTextColor(...INK);
    doc.text(pdfText(value), 80, y);
    y += 9;
  }

  const highlights: KpiName[] = [
    'received',
    'resolutionRatePct',
    'slaCompliancePct',
    'overdueAtEnd',
  ];
  const boxW = (PAGE.w - 44 - 3 * 6) / 4;
  highlights.forEach((name, i) => {
    const x = 22 + i * (boxW + 6);
    const top = 146;
    doc.setDrawColor(...RULE);
    doc.setFillColor(246, 248, 250);
    doc.roundedRect(x, top, boxW, 36, 2, 2, 'FD');
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(9);
    doc.setTextColor(...MUTED);
    doc.text(pdfText(t(`kpi.${name}`)), x + 5, top + 8);
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(22);
    doc.setTextColor(...NAVY);
    doc.text(pdfText(formatKpi(name, briefing.kpis[name], locale)), x + 5, top + 21);
    const delta = kpiDelta(name, briefing.kpis[name], briefing.previousKpis[name]);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(9);
    doc.setTextColor(...MUTED);
    const prev = `${formatKpi(name, briefing.previousKpis[name], locale)} ${t('previous')}`;
    const verdict =
      delta.verdict === 'better' ? t('better') : delta.verdict === 'worse' ? t('worse') : '';
    doc.text(pdfText(verdict ? `${prev} · ${verdict}` : prev), x + 5, top + 30);
  });

  doc.setFontSize(8);
  doc.setTextColor(...MUTED);
  doc.text(pdfText(t('pdf.source')), 22, PAGE.h - 14);
  doc.text(pdfText(pack.admin.attribution), 22, PAGE.h - 9, { maxWidth: PAGE.w - 44 });
}

export function kpiPage(doc: jsPDF, input: PackInput): void {
  const { locale, briefing } = input;
  const { t, other } = languages(locale);
  doc.addPage();
  const y = pageHead(doc, t('kpis'), other('kpis'));
  const body = KPI_NAMES.map((name) => {
    const d = kpiDelta(name, briefing.kpis[name], briefing.previousKpis[name]);
    const change =
      d.change === null
        ? '–'
        : d.change === 0
          ? t('unchanged')
          : formatChange(name, d.change, locale);
    const verdict = d.verdict === 'better' ? t('better') : d.verdict === 'worse' ? t('worse') : '';
    return [
      t(`kpi.${name}`),
      formatKpi(name, briefing.kpis[name], locale),
      formatKpi(name, briefing.previousKpis[name], locale),
      verdict ? `${change} (${verdict})` : change,
    ].map(pdfText);
  });
  autoTable(doc, {
    startY: y,
    margin: { left: PAGE.margin, right: PAGE.margin },
    head: [
      [t('pdf.indicator'), t('pdf.thisPeriod'), t('pdf.previousPeriod'), t('pdf.change')].map(
        pdfText,
      ),
    ],
    body,
    theme: 'grid',
    styles: { font: 'helvetica', fontSize: 11, cellPadding: 2.6, textColor: INK, lineColor: RULE },
    headStyles: { fillColor: NAVY, textColor: 255, fontStyle: 'bold' },
    columnStyles: {
      0: { cellWidth: 90 },
      1: { halign: 'right', fontStyle: 'bold' },
      2: { halign: 'right' },
      3: { cellPadding: { left: 8, top: 2.6, bottom: 2.6, right: 2.6 } },
    },
    didDrawCell: (data) => {
      if (data.section !== 'body' || data.column.index !== 3) return;
      const name = KPI_NAMES[data.row.index]!;
      const d = kpiDelta(name, briefing.kpis[name], briefing.previousKpis[name]);
      if (d.direction !== 'up' && d.direction !== 'down') return;
      const color = d.verdict === 'better' ? GOOD : d.verdict === 'worse' ? BAD : MUTED;
      triangle(
        doc,
        data.cell.x + 3,
        data.cell.y + data.cell.height / 2,
        d.direction === 'up',
        color,
      );
    },
  });
  const end = afterTable(doc, 150);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(10);
  doc.setTextColor(...NAVY);
  doc.text(pdfText(t('pdf.definitions')), PAGE.margin, end + 10);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(9);
  doc.setTextColor(...MUTED);
  doc.text(
    doc.splitTextToSize(pdfText(t('pdf.definitionsText')), PAGE.w - 2 * PAGE.margin) as string[],
    PAGE.margin,
    end + 16,
  );
}
