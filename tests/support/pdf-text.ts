/** A PDF's text, as poppler's `pdftotext` reads it (layout kept, so a table row is one line). */
import { execFileSync } from 'node:child_process';

export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}
