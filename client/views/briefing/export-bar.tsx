/**
 * Exports of the briefing: the PDF pack (with its photo proof, thumbnails fetched as the
 * page's reads are) and a PNG of the map, made in the browser; CSV
 * and GeoJSON of the period's incidents, streamed by the server; and the shareable link.
 * A token user's files are fetched with the token and saved from a Blob URL; a cookie
 * session follows the plain link, which streams straight to disk.
 */
import { useState, type MouseEvent, type RefObject } from 'react';
import type { PackImage } from '../../../shared/briefing-pdf/pdf-context.ts';
import type { CityPack } from '../../../shared/city/types.ts';
import type { Briefing } from '../../../shared/domain/briefing.ts';
import { mainKelurahanByCell } from '../../../shared/domain/cell-kelurahan.ts';
import { formatYmd, zonedDate } from '../../../shared/domain/time.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { useLocale, useMessages } from '../../i18n/locale.tsx';
import { apiPath } from './briefing-api.ts';
import { BRIEFING_MESSAGES } from './briefing.messages.ts';
import { filterQuery, type BriefingParams } from './briefing-url.ts';
import { canvasBlob, downloadWithToken, fileStem, saveBlob } from './download.ts';
import { overdueItems } from './overdue.ts';
import type { Period } from './period.ts';
import { thumbLoader } from './photo-thumbs.ts';
import { chartSnapshot, mapSnapshot } from './snapshot.ts';

/** A captured canvas as the PDF pack takes it; none when nothing was captured. */
function packImage(canvas: HTMLCanvasElement | null): PackImage | null {
  return canvas
    ? { dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height }
    : null;
}

interface ExportBarProps {
  pack: CityPack;
  briefing: Briefing;
  params: BriefingParams;
  period: Period;
  token: string | null;
  mapBoxRef: RefObject<HTMLDivElement | null>;
  chartsRef: RefObject<HTMLDivElement | null>;
  periodIncidents: readonly Incident[];
  open: readonly Incident[] | null;
  overdueAt: Date;
  mapCaption: string;
}

type Busy = 'pdf' | 'png' | 'csv' | 'geojson' | null;

export function ExportBar(props: ExportBarProps) {
  const { pack, briefing, params, period, token } = props;
  const t = useMessages(BRIEFING_MESSAGES);
  const { locale } = useLocale();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const tz = pack.timeZone;
  const stem = (kind: string) =>
    fileStem(
      kind,
      formatYmd(zonedDate(period.from, tz)),
      formatYmd(zonedDate(new Date(period.to.getTime() - 1), tz)),
    );

  const run = async (kind: Exclude<Busy, null>, job: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    try {
      await job();
    } catch (e) {
      setError(t('exportFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  };

  const exportPng = () =>
    run('png', async () => {
      const canvas = props.mapBoxRef.current ? mapSnapshot(props.mapBoxRef.current) : null;
      if (!canvas) throw new Error(t('pdf.noMap'));
      saveBlob(await canvasBlob(canvas), `${stem('peta')}.png`);
    });

  const exportPdf = () =>
    run('pdf', async () => {
      // Loaded on demand: jsPDF costs nothing until someone exports.
      const { buildBriefingPdf, packCharts } =
        await import('../../../shared/briefing-pdf/pdf-pack.ts');
      const charts = props.chartsRef.current;
      const chart = (id: string) =>
        packImage(chartSnapshot(charts?.querySelector(`[data-testid="${id}"]`) ?? null));
      const bytes = await buildBriefingPdf({
        pack,
        locale,
        briefing,
        filters: params,
        period,
        map: {
          image: packImage(props.mapBoxRef.current ? mapSnapshot(props.mapBoxRef.current) : null),
          caption: props.mapCaption,
        },
        charts: packCharts(briefing, pack, locale, {
          volume: chart('briefing-chart-volume'),
          category: chart('briefing-chart-categories'),
        }),
        places: mainKelurahanByCell(props.periodIncidents),
        overdue: props.open ? overdueItems(props.open, props.overdueAt, null) : [],
        overdueAt: props.overdueAt,
        resolved: props.periodIncidents,
        loadPhoto: thumbLoader(token),
        generatedAt: new Date(),
      });
      saveBlob(new Blob([bytes], { type: 'application/pdf' }), `${stem('ringkasan')}.pdf`);
    });

  const exportLink = (kind: 'csv' | 'geojson') => {
    const href = apiPath(`/api/v1/export.${kind}`, {
      since: period.from.toISOString(),
      until: period.to.toISOString(),
      ...filterQuery(params),
    });
    const onClick = (e: MouseEvent) => {
      // Without a token the session cookie rides along and the plain link streams to disk.
      if (!token) return;
      e.preventDefault();
      void run(kind, () => downloadWithToken(href, token, `${stem('insiden')}.${kind}`));
    };
    return (
      <a
        className="briefing-button"
        href={href}
        download
        onClick={onClick}
        data-testid={`export-${kind}`}
        aria-busy={busy === kind}
      >
        {busy === kind ? t('exporting') : t(kind === 'csv' ? 'exportCsv' : 'exportGeojson')}
      </a>
    );
  };

  return (
    <div className="briefing-export" role="group" aria-label={t('export')}>
      <span className="briefing-export__label">{t('export')}</span>
      <button
        type="button"
        className="briefing-button briefing-button--primary"
        onClick={() => void exportPdf()}
        disabled={busy !== null}
        data-testid="export-pdf"
      >
        {busy === 'pdf' ? t('exporting') : t('exportPdf')}
      </button>
      <button
        type="button"
        className="briefing-button"
        onClick={() => void exportPng()}
        disabled={busy !== null}
        data-testid="export-png"
      >
        {busy === 'png' ? t('exporting') : t('exportPng')}
      </button>
      {exportLink('csv')}
      {exportLink('geojson')}
      {params.area && <span className="briefing-note">{t('exportAreaNote')}</span>}
      {error && (
        <span className="briefing-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
