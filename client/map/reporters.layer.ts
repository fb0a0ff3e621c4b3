/**
 * The count of reporters beside a master's pin: forty citizens reporting one flooded street
 * are one pin with "40" on it, not forty pins (a linked report draws no pin of its own, see
 * pins.layer.ts). Only masters with more than one report have a badge, so its data is a few
 * dozen rows picked at the paced moments; the digits are drawn by deck.gl's TextLayer with
 * the machine's fonts, on a dark plate so they read on a wall across the room.
 */
import { TextLayer } from '@deck.gl/layers';
import { countsAsIncident, reportersOf } from '../../shared/domain/duplicates.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { SEVERITY_RADIUS_PX } from './status-colors.ts';

export const REPORTERS_LAYER_ID = 'incident-reporters';

const FONT = "'DejaVu Sans', 'Liberation Sans', system-ui, sans-serif";
/** Pixels at scale 1; the wall doubles it at 4K. */
const BADGE_SIZE_PX = 13;

/** Masters that stand for more than one report: the pins that carry a count. */
export function reporterBadges(incidents: readonly Incident[]): Incident[] {
  return incidents.filter((i) => reportersOf(i) > 1 && countsAsIncident(i));
}

/** `badges` is a fresh array whenever its members change, so it is its own trigger. */
export function reportersLayer(badges: readonly Incident[], scale = 1): TextLayer<Incident> {
  return new TextLayer<Incident>({
    id: REPORTERS_LAYER_ID,
    data: badges as Incident[],
    getPosition: (d) => [d.location.lon, d.location.lat],
    getText: (d) => String(reportersOf(d)),
    // Up and to the right of the pin's edge, so the pin's colour (its status) stays seen.
    getPixelOffset: (d) => {
      const r = SEVERITY_RADIUS_PX[d.severity] * scale;
      return [r + 2 * scale, -r - 2 * scale];
    },
    getTextAnchor: 'start',
    getAlignmentBaseline: 'bottom',
    getSize: BADGE_SIZE_PX * scale,
    sizeUnits: 'pixels',
    getColor: [255, 255, 255, 255],
    fontFamily: FONT,
    fontWeight: 700,
    characterSet: '0123456789',
    background: true,
    getBackgroundColor: [8, 14, 20, 225],
    getBorderColor: [255, 255, 255, 200],
    getBorderWidth: 1,
    backgroundPadding: [3 * scale, 1 * scale, 3 * scale, 1 * scale],
    pickable: false,
  });
}
