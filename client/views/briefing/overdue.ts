/** Moved to shared/briefing-pdf/overdue.ts: the server's PDF pack uses it too (one home). */
export * from '../../../shared/briefing-pdf/overdue.ts';
