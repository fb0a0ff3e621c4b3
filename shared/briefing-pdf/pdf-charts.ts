/**
 * The PDF pack's trend page: each chart's title and legend (colour and dash, so lines
 * differ without colour), then the browser's captured chart, or, without one (the
 * server), the series drawn here as lines over the period's buckets with a zero line and
 * the peak value on the axis.
 */
import type { jsPDF } from 'jspdf';
import { formatNumber } from '../i18n/format.ts';
import { zoneLabel } from '../i18n/zone-label.ts';
import { formatDate } from './format.ts';
import { languages, type PackInput } from './pdf-context.ts';
import { fit, INK, MUTED, NAVY, PAGE, pageHead, pdfText, RULE } from './pdf-kit.ts';
import type { TrendSeries } from './trend-series.ts';

function drawLines(
  doc: jsPDF,
  input: PackInput,
  series: readonly TrendSeries[],
  box: { x: number; y: number; w: number; h: number },
): void {
  const times = input.briefing.trend.times;
  const n = Math.max(...series.map((s) => s.values.length), 0);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const axis = 12;
  const plot = { x: box.x + axis, y: box.y + 2, w: box.w - axis, h: box.h - 8 };
  doc.setDrawColor(...RULE);
  doc.setLineWidth(0.2);
  doc.line(plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h);
  doc.line(plot.x, plot.y, plot.x + plot.w, plot.y);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(7);
  doc.setTextColor(...MUTED);
  const { locale, pack } = input;
  doc.text(formatNumber(max, locale), plot.x - 1.5, plot.y + 2, { align: 'right' });
  doc.text('0', plot.x - 1.5, plot.y + plot.h, { align: 'right' });
  const first = times[0];
  const last = times[times.length - 1];
  if (first && last) {
    const tz = pack.timeZone;
    doc.text(pdfText(formatDate(new Date(first), tz, locale)), plot.x, plot.y + plot.h + 4);
    doc.text(
      pdfText(formatDate(new Date(last), tz, locale)),
      plot.x + plot.w,
      plot.y + plot.h + 4,
      {
        align: 'right',
      },
    );
  }
  if (n < 2) return;
  const xOf = (i: number) => plot.x + (plot.w * i) / (n - 1);
  const yOf = (v: number) => plot.y + plot.h - (plot.h * v) / max;
  for (const s of series) {
    doc.setDrawColor(s.color);
    doc.setLineWidth(0.5);
    doc.setLineDashPattern(
      s.dash.map((d) => d / 3),
      0,
    );
    const deltas = s.values
      .slice(1)
      .map((v, i) => [xOf(i + 1) - xOf(i), yOf(v) - yOf(s.values[i]!)]);
    doc.lines(deltas, xOf(0), yOf(s.values[0] ?? 0), [1, 1], 'S', false);
    doc.setLineDashPattern([], 0);
  }
}

export function trendPage(doc: jsPDF, input: PackInput): void {
  const { locale, charts } = input;
  const { t, other } = languages(locale);
  doc.addPage();
  let y = pageHead(
    doc,
    t('trends'),
    `${other('trends')} · ${t('timesIn', { zone: zoneLabel(input.pack.timeZone) })}`,
  );
  const slotH = (PAGE.h - y - 16) / Math.max(1, charts.length);
  for (const chart of charts) {
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(11);
    doc.setTextColor(...NAVY);
    doc.text(pdfText(chart.title), PAGE.margin, y + 3);
    let legendX = PAGE.margin;
    const legendY = y + 9;
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(8.5);
    for (const s of chart.series) {
      doc.setDrawColor(s.color);
      doc.setLineWidth(0.8);
      doc.setLineDashPattern(
        s.dash.map((d) => d / 3),
        0,
      );
      doc.line(legendX, legendY - 1, legendX + 8, legendY - 1);
      doc.setLineDashPattern([], 0);
      doc.setTextColor(...INK);
      const label = pdfText(s.label);
      doc.text(label, legendX + 10, legendY);
      legendX += 14 + doc.getTextWidth(label);
    }
    const box = { x: PAGE.margin, y: y + 12, w: PAGE.w - 2 * PAGE.margin, h: slotH - 16 };
    if (chart.image) {
      const size = fit(chart.image.width, chart.image.height, box.w, box.h);
      doc.addImage(chart.image.dataUrl, 'PNG', box.x, box.y, size.w, size.h);
    } else {
      drawLines(doc, input, chart.series, box);
    }
    y += slotH;
  }
}
