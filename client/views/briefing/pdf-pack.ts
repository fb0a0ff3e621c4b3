/**
 * The briefing pack as a PDF, built in the browser in one click: cover, KPIs against the
 * previous period, hotspot map, trends, league tables and top overdue items. Loaded on
 * demand, so jsPDF costs nothing until someone exports.
 */
import { jsPDF } from 'jspdf';
import { mainKelurahanByCell } from '../../../shared/domain/cell-kelurahan.ts';
import { formatRange } from './format.ts';
import { languages, type PackInput } from './pdf-context.ts';
import { footers } from './pdf-kit.ts';
import { coverPage, kpiPage, mapPage, trendPage } from './pdf-pages.ts';
import { leaguePages, overduePage } from './pdf-tables.ts';
import type { Incident } from '../../../shared/domain/types.ts';

export type { PackInput } from './pdf-context.ts';

export function buildBriefingPdf(input: PackInput, periodIncidents: readonly Incident[]): Blob {
  const { t } = languages(input.locale);
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: true });
  const title = t('pdf.title');
  doc.setProperties({
    title,
    subject: formatRange(input.period.from, input.period.to, input.pack.timeZone, input.locale),
    creator: 'Nakhoda',
  });
  coverPage(doc, input);
  kpiPage(doc, input);
  mapPage(doc, input, mainKelurahanByCell(periodIncidents));
  trendPage(doc, input);
  leaguePages(doc, input);
  overduePage(doc, input);
  const period = formatRange(input.period.from, input.period.to, input.pack.timeZone, input.locale);
  footers(doc, `Nakhoda · ${input.pack.name[input.locale]} · ${title} · ${period}`, (n, total) =>
    t('pdf.page', { n, total }),
  );
  return doc.output('blob');
}
