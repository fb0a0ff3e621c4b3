/**
 * The briefing pack as a PDF: cover, KPIs against the previous period, hotspot map,
 * trends, league tables, top overdue items, and photo proof for the top overdue items and
 * those closed with proof (pdf-photos.ts). One code path for both sides: the browser
 * exports it in one click (with its captured map and charts), the server renders it for
 * scheduled briefings (server/briefing/schedule-render.ts), drawing map and charts itself.
 * jsPDF runs in either; nothing here touches the DOM, and nothing fetches: the photos come
 * through the caller's `loadPhoto`.
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
import { photoPages } from './pdf-photos.ts';
import { coverPage, kpiPage } from './pdf-pages.ts';
import { leaguePages, overduePage } from './pdf-tables.ts';
import { loadPackPhotos } from './photo-load.ts';
import { photosToLoad, proofSelection } from './photo-proof.ts';
import { categoryChart, volumeChart } from './trend-series.ts';

export type { PackFilters, PackImage, PackInput, Ring } from './pdf-context.ts';
export type { LoadPhoto } from './photo-load.ts';

/** The pack's bytes, once its photos have loaded (a few at a time, at most MAX_PACK_PHOTOS). */
export async function buildBriefingPdf(input: PackInput): Promise<ArrayBuffer> {
  const { t } = languages(input.locale);
  const chosen = proofSelection(input.overdue, input.resolved, input.period);
  const photos = input.loadPhoto
    ? await loadPackPhotos(photosToLoad(chosen), input.loadPhoto)
    : new Map<string, null>();
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
  photoPages(doc, input, { ...chosen, photos });
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
