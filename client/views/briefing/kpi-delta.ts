/** Moved to shared/briefing-pdf/kpi-delta.ts: the server's PDF pack uses it too (one home). */
export * from '../../../shared/briefing-pdf/kpi-delta.ts';
