/**
 * Pin colours by status, from the Okabe–Ito palette so the lifecycle stays readable to
 * colour-blind viewers; ended statuses are greys or muted so open work stands out on the
 * dark map. One table feeds both the map and the legend.
 */
import type { Severity, Status } from '../../shared/domain/types.ts';

export type Rgb = [number, number, number];

export const STATUS_COLORS: Record<Status, Rgb> = {
  received: [213, 94, 0], // vermillion: new, nobody has looked yet
  verified: [230, 159, 0], // orange
  dispatched: [240, 228, 66], // yellow
  in_progress: [86, 180, 233], // sky blue
  resolved: [0, 158, 115], // bluish green
  closed: [150, 150, 150],
  rejected: [204, 121, 167], // reddish purple
  duplicate: [105, 105, 105],
};

/** Pixels, not metres: a wall shows the whole city, where metre-sized pins vanish. */
export const SEVERITY_RADIUS_PX: Record<Severity, number> = {
  low: 3.5,
  medium: 5,
  high: 6.5,
  critical: 8.5,
};

export const cssColor = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;
