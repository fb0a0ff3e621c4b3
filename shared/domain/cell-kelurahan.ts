/**
 * Which kelurahan an H3 cell is known by: the one most of its reports came from (how
 * people know the place), the lowest code on a tie so every screen names it alike. The
 * wall's hotspots and the briefing's hotspot list and PDF both name cells by this rule.
 */
import type { Incident } from './types.ts';

/** The kelurahan with the most reports in a tally of code → count; null for none. */
export function mainKelurahan(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [code, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && code < best)) {
      best = code;
      bestCount = count;
    }
  }
  return best;
}

/** Each cell's main kelurahan over the reports given; cells with no kelurahan are left out. */
export function mainKelurahanByCell(incidents: Iterable<Incident>): Map<string, string> {
  const tallies = new Map<string, Map<string, number>>();
  for (const i of incidents) {
    if (!i.kelurahanCode) continue;
    let tally = tallies.get(i.h3);
    if (!tally) tallies.set(i.h3, (tally = new Map()));
    tally.set(i.kelurahanCode, (tally.get(i.kelurahanCode) ?? 0) + 1);
  }
  const places = new Map<string, string>();
  for (const [cell, tally] of tallies) {
    const main = mainKelurahan(tally);
    if (main !== null) places.set(cell, main);
  }
  return places;
}
