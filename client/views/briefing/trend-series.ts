/** Moved to shared/briefing-pdf/trend-series.ts: the server's PDF pack uses it too (one home). */
export * from '../../../shared/briefing-pdf/trend-series.ts';
