/** Moved to shared/briefing-pdf/names.ts: the server's PDF pack uses it too (one home). */
export * from '../../../shared/briefing-pdf/names.ts';
