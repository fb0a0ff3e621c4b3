/**
 * The briefing pack as a PDF: cover, KPIs against the previous period, hotspot map,
 * trends, league tables and top overdue items. One code path for both sides: the browser
 * exports it in one click (with its captured map and charts), the server renders it for
 * scheduled briefings (server/briefing/schedule-render.ts), drawing map and charts itself.
 * jsPDF runs in either; nothing here touches the DOM.
 */
import { jsPDF } from 'jspdf';
import type { Briefing } from '../domain/briefing.ts';
import type { CityPack } from '../city/types.ts';
import type { Locale } from '../i18n/format.ts';
import { formatRange } from './format.ts';
import { languages, type PackInput } from './pdf-context.ts';
import { trendPage } from './pdf-charts.ts';
import { footers } from './pdf-kit.ts';
import { mapPage } from './pdf-map.ts';
import { coverPage, kpiPage } from './pdf-pages.ts';
import { leaguePages, overduePage } from './pdf-tables.ts';
import { categoryChart, volumeChart } from './trend-series.ts';

export type { PackFilters, PackImage, PackInput, Ring } from './pdf-context.ts';

/** The pack's bytes. */
export function buildBriefingPdf(input: PackInput): ArrayBuffer {
  const { t } = languages(input.locale);
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: true });
  const title = t('pdf.title');
  const period = formatRange(input.period.from, input.period.to, input.pack.timeZone, input.locale);
  doc.setProperties({ title, subject: period, creator: 'Nakhoda' });
  coverPage(doc, input);
  kpiPage(doc, input);
  mapPage(doc, input);
  trendPage(doc, input);
  leaguePages(doc, input);
  overduePage(doc, input);
  footers(doc, `Nakhoda · ${input.pack.name[input.locale]} · ${title} · ${period}`, (n, total) =>
    t('pdf.page', { n, total }),
  );
  return doc.output('arraybuffer');
}

/** The two trend charts' titles and series, with images when the caller captured them. */
export function packCharts(
  briefing: Briefing,
  pack: CityPack,
  locale: Locale,
  images: {
    volume?: PackInput['charts'][number]['image'];
    category?: PackInput['charts'][number]['image'];
  } = {},
): PackInput['charts'] {
  const { t } = languages(locale);
  const bucket = t(`bucket.${briefing.trend.bucket}`);
  return [
    {
      title: t('trendVolume', { bucket }),
      image: images.volume ?? null,
      series: volumeChart(briefing, {
        received: t('seriesReceived'),
        resolved: t('seriesResolved'),
      }).series,
    },
    {
      title: t('trendCategory', { bucket }),
      image: images.category ?? null,
      series: categoryChart(briefing, pack, locale, t('otherCategories')).series,
    },
  ];
}
