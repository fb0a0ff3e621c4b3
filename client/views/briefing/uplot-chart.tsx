/**
 * A uPlot time chart in React: built on mount and whenever its data or labels change,
 * resized with its box, destroyed on unmount. The x axis is in the city's zone (ticks
 * on local midnights and hours), its labels in the reader's language.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Locale } from '../../i18n/locale.tsx';
import type { TrendChart } from './trend-series.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;
const HOUR_INCRS = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY];
const DAY_INCRS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY];

interface UplotChartProps {
  chart: TrendChart;
  timeZone: string;
  locale: Locale;
  bucket: 'hour' | 'day';
  height: number;
  testId: string;
  ariaLabel: string;
  /** The legend's name for the x value. */
  timeLabel: string;
}

export function UplotChart({
  chart,
  timeZone,
  locale,
  bucket,
  height,
  testId,
  ariaLabel,
  timeLabel,
}: UplotChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const intl = locale === 'id' ? 'id-ID' : 'en-GB';
    const dayFmt = new Intl.DateTimeFormat(intl, { timeZone, day: 'numeric', month: 'short' });
    const hourFmt = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const numFmt = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
    // Hourly charts name the day at local midnight and the hour elsewhere.
    const fmtX = (ts: number) => {
      const d = new Date(ts * 1000);
      const hour = hourFmt.format(d);
      return bucket === 'day' || hour === '00:00' ? dayFmt.format(d) : hour;
    };
    const opts: uPlot.Options = {
      width: Math.max(200, box.clientWidth),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        {
          stroke: '#36454f',
          grid: { stroke: '#e3e8ec', width: 1 },
          values: (_u, splits) => splits.map(fmtX),
          // Ticks on whole buckets only: a daily chart has no tick at noon.
          incrs: bucket === 'day' ? DAY_INCRS : HOUR_INCRS,
        },
        {
          stroke: '#36454f',
          grid: { stroke: '#e3e8ec', width: 1 },
          values: (_u, splits) => splits.map((v) => numFmt.format(v)),
          size: 50,
        },
      ],
      series: [
        {
          label: timeLabel,
          value: (_u, ts) =>
            ts === null
              ? '–'
              : `${bucket === 'day' ? '' : `${dayFmt.format(new Date(ts * 1000))} `}${fmtX(ts)}`,
        },
        ...chart.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          dash: s.dash,
          width: 2,
          points: { show: chart.times.length <= 40, size: 5, fill: s.color },
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : numFmt.format(v)),
        })),
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    };
    const data: uPlot.AlignedData = [chart.times, ...chart.series.map((s) => s.values)];
    const plot = new uPlot(opts, data, box);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(200, box.clientWidth), height }),
    );
    resize.observe(box);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [chart, timeZone, locale, bucket, height, timeLabel]);

  return (
    <div
      ref={boxRef}
      className="briefing-chart"
      data-testid={testId}
      role="figure"
      aria-label={ariaLabel}
    />
  );
}
