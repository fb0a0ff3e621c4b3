/** Moved to shared/briefing-pdf/cell-places.ts: the server's PDF pack uses it too (one home). */
export * from '../../../shared/briefing-pdf/cell-places.ts';
