/**
 * Every number the Jakarta simulator draws from, in one place, each with what it is
 * calibrated on. Published figures are cited; where none exists the value is a judgement
 * chosen so the simulated whole lands on the published totals (the unit tests measure it).
 */
import { HOUR_MS } from '../../../shared/domain/time.ts';
import type { Source } from '../../../shared/domain/types.ts';

export { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../shared/domain/time.ts';
/** WIB is UTC+7 with no daylight saving, so local hours are whole UTC hours shifted. */
export const WIB_OFFSET_MS = 7 * HOUR_MS;

/**
 * Reports a day. Jakarta's complaint system (CRM: JAKI, Qlue, social media, email, 112,
 * LAPOR!) took about 500 a day on average in 2024, with peaks near 800 on flood days.
 */
export const RATE_PER_DAY = 500;

/**
 * Share of a day's reports per WIB hour (0..23, normalised below). Shape of the CRM and
 * JAKI dashboards: almost nothing 00–05, a climb with the morning commute, a mid-morning
 * peak (09–11), a lunchtime dip and a second evening peak (19–21) when people are home.
 */
const HOURLY_RAW = [
  1.0, 0.6, 0.4, 0.4, 0.6, 1.2, 2.6, 4.2, 6.0, 7.0, 7.2, 6.6, 5.6, 5.8, 5.8, 5.6, 5.4, 5.2, 5.4,
  6.2, 6.4, 5.4, 3.8, 2.2,
];
const HOURLY_TOTAL = HOURLY_RAW.reduce((a, b) => a + b, 0);
export const HOURLY_SHARE: readonly number[] = HOURLY_RAW.map((w) => w / HOURLY_TOTAL);

/** Day-of-week factor, Sunday first, averaging 1: fewer reports at weekends, most on Monday. */
export const DAY_OF_WEEK_FACTOR: readonly number[] = [0.87, 1.12, 1.06, 1.03, 1.02, 0.98, 0.92];

/** Day-to-day spread (log-space sigma, mean kept at 1), so no two days look alike. */
export const DAY_NOISE_SIGMA = 0.08;

/**
 * Channel mix. JAKI carried about 76–90% of CRM reports over 2022–2024; Qlue, Twitter/X,
 * email, LAPOR! and 112 share the rest, 112 being the smallest for non-emergencies.
 */
export const CHANNEL_MIX: readonly (readonly [Source, number])[] = [
  ['jaki', 0.82],
  ['qlue', 0.06],
  ['twitter', 0.05],
  ['email', 0.03],
  ['lapor', 0.025],
  ['call112', 0.015],
];
/** Fires are mostly phoned in: 112 is the emergency line that routes to Gulkarmat. */
export const FIRE_CALL112_SHARE = 0.6;

/**
 * Category mix outside rain. CRM's top complaint themes in 2023–2024 were damaged roads,
 * fallen or dangerous trees, illegal parking, public order / street vendors and garbage;
 * flooding is a small share on dry days and surges with rain (see RAIN_* below).
 */
export const CATEGORY_MIX: readonly (readonly [string, number])[] = [
  ['road_damage', 0.2],
  ['illegal_parking', 0.14],
  ['garbage', 0.12],
  ['street_vendor', 0.11],
  ['fallen_tree', 0.1],
  ['public_facility', 0.07],
  ['other', 0.07],
  ['street_light', 0.07],
  ['traffic_jam', 0.06],
  ['flooding', 0.04],
  ['fire', 0.02],
];

/** Share of dry-day flood reports (mostly tidal "rob" in the north) placed in known flood areas. */
export const FLOOD_HOTSPOT_SHARE = 0.5;

/**
 * Rain. Jakarta's flood events peak in January and November (the 2024 per-kelurahan
 * flood record has those two months highest, August lowest); a day's chance of a heavy
 * afternoon or evening downpour follows that season.
 */
export const RAIN_DAY_PROBABILITY: readonly number[] = [
  0.45, 0.4, 0.35, 0.3, 0.2, 0.15, 0.12, 0.06, 0.1, 0.2, 0.4, 0.35,
];
/** Convective rain starts in the afternoon or early evening (WIB hour, weight). */
export const RAIN_START_HOURS: readonly (readonly [number, number])[] = [
  [13, 1],
  [14, 2],
  [15, 3],
  [16, 3],
  [17, 2],
  [18, 1.5],
  [19, 1],
  [20, 0.5],
];
export const RAIN_HOURS_MIN = 2;
export const RAIN_HOURS_MAX = 5;
/** Intensity 1 is an ordinary heavy downpour; 2.5 a flood day that takes the total toward 800. */
export const RAIN_INTENSITY_MEDIAN = 1;
export const RAIN_INTENSITY_SIGMA = 0.4;
export const RAIN_INTENSITY_MAX = 2.5;
/**
 * Extra reports per hour at intensity 1 (scaled with the daily rate). Flood reports keep
 * coming for hours after the rain while water drains (TAU, TAIL); trees fall in the wind
 * and rain itself, traffic jams while roads are under water.
 */
export const RAIN_FLOOD_PER_HOUR = 9;
export const RAIN_TREE_PER_HOUR = 4;
export const RAIN_JAM_PER_HOUR = 3;
export const RAIN_FLOOD_TAIL_HOURS = 6;
export const RAIN_FLOOD_TAU_HOURS = 2;
export const RAIN_TREE_TAIL_HOURS = 1;
/** Share of rain-surge reports placed in the flood areas (north coast, Ciliwung banks). */
export const RAIN_FLOOD_HOTSPOT_SHARE = 0.8;
export const RAIN_TREE_HOTSPOT_SHARE = 0.5;
/**
 * Duplicate bursts: other citizens reporting a thing someone already reported. Per category,
 * the share of incidents others report again, the median number of extra reports when they
 * do, and the mean minutes after the first report at which each arrives. Visible, shared
 * nuisances (a flood, a fire, a fallen tree across a road) are reported many times and fast;
 * a broken street light or a pothole by a few people over days. An assumption in the shape of
 * what Jakarta's CRM reports of merged complaints, not a measurement.
 */
export const FOLLOW_UP: Readonly<
  Record<string, { share: number; median: number; meanMin: number }>
> = {
  flooding: { share: 0.2, median: 1, meanMin: 45 },
  road_damage: { share: 0.06, median: 1, meanMin: 600 },
  garbage: { share: 0.07, median: 1, meanMin: 360 },
  fallen_tree: { share: 0.15, median: 1, meanMin: 40 },
  illegal_parking: { share: 0.04, median: 1, meanMin: 30 },
  street_vendor: { share: 0.04, median: 1, meanMin: 240 },
  street_light: { share: 0.05, median: 1, meanMin: 900 },
  traffic_jam: { share: 0.12, median: 1, meanMin: 15 },
  fire: { share: 0.4, median: 1.5, meanMin: 8 },
  public_facility: { share: 0.04, median: 1, meanMin: 900 },
  other: { share: 0.02, median: 1, meanMin: 120 },
};
/** In a rain surge a flood is everyone's business: more of them reported again, by more people. */
export const RAIN_FOLLOW_UP = { share: 0.4, median: 2.5, sigma: 1 } as const;
/** Spread of the extra reports' numbers (lognormal sigma) outside surges. */
export const FOLLOW_UP_SIGMA = 0.8;
/** No thing gathers more reports than this, nor later than this after the first. */
export const FOLLOW_UP_MAX = 40;
export const FOLLOW_UP_MAX_HOURS = 24;
/**
 * Where a reporter stands: most on the spot (a phone's fix, ~20 m), some down the street
 * or across the block (~120 m), a few far off (~400 m: reporting what they saw on the way).
 */
export const FOLLOW_UP_SPREAD_M: readonly (readonly [number, number])[] = [
  [20, 0.8],
  [120, 0.15],
  [400, 0.05],
];

/** Typical point scatter around a kecamatan centre (~0.7 km per axis), hotspot (~0.4 km). */
export const KECAMATAN_JITTER_DEG = 0.0065;
export const HOTSPOT_JITTER_DEG = 0.0035;

/**
 * Outcomes. 94–99% of CRM reports were eventually marked done (2022–2024); the rest were
 * rejected (not the city's remit, unclear location), duplicates, or left unhandled — the
 * neglected few are what breaches SLA in the command center's view.
 */
export const REJECT_RATE = 0.012;
export const NEGLECT_RATE = 0.012;
/** Where neglect stops: never touched, verified only, or dispatched and forgotten. */
export const NEGLECT_STAGE_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 0.4],
  [1, 0.35],
  [2, 0.25],
];
/** Most citizens rate or the system auto-closes; the rest stay at resolved. */
export const CLOSE_RATE = 0.85;
export const CLOSE_DELAY = { medianMin: 18 * 60, sigma: 0.7 };
/** A stage never takes more than this many times its median (cuts the lognormal tail). */
export const STAGE_CAP_FACTOR = 6;

/** Office-hours crews do not move between these WIB hours; work resumes in the morning. */
export const NIGHT_START_HOUR = 21;
export const MORNING_HOUR = 7;
export const MORNING_SPREAD_MIN = 120;

export interface Stage {
  medianMin: number;
  sigma: number;
}

export interface AgencyProfile {
  /** received → verified (triage by the agency's CRM admin). */
  verify: Stage;
  /** verified → dispatched (a crew is assigned). */
  dispatch: Stage;
  /** dispatched → in_progress (the crew arrives). */
  arrive: Stage;
  /** in_progress → resolved. */
  work: Stage;
  /** Share fixed on arrival (dispatched → resolved directly). */
  fixOnArrival: number;
  /** Skips verification: the report is self-evident and every minute counts. */
  skipVerify: boolean;
  officeHours: boolean;
}

const stage = (medianMin: number, sigma: number): Stage => ({ medianMin, sigma });

/**
 * Per-agency delays (lognormal: median minutes, log sigma). Calibrated so the whole lands
 * on CRM's reported mean time to completion of about 27–60 h: Gulkarmat's 15-minute
 * response standard (arrival in under 15 min), Dishub and Distamhut same-day, DLH within a
 * day, Satpol PP and Bina Marga (repairs need materials and a work order) over days,
 * kelurahan PPSU crews and triaged "other" reports slowest.
 */
export const AGENCY_PROFILES: Readonly<Record<string, AgencyProfile>> = {
  gulkarmat: {
    verify: stage(1, 0.4),
    dispatch: stage(2, 0.4),
    arrive: stage(9, 0.35),
    work: stage(75, 0.7),
    fixOnArrival: 0,
    skipVerify: true,
    officeHours: false,
  },
  dsda: {
    verify: stage(25, 0.8),
    dispatch: stage(40, 0.8),
    arrive: stage(60, 0.7),
    work: stage(7 * 60, 0.9),
    fixOnArrival: 0.05,
    skipVerify: false,
    officeHours: false,
  },
  dishub: {
    verify: stage(20, 0.8),
    dispatch: stage(40, 0.8),
    arrive: stage(45, 0.7),
    work: stage(90, 0.8),
    fixOnArrival: 0.5,
    skipVerify: false,
    officeHours: false,
  },
  distamhut: {
    verify: stage(45, 0.8),
    dispatch: stage(2 * 60, 0.8),
    arrive: stage(4 * 60, 0.8),
    work: stage(6 * 60, 0.8),
    fixOnArrival: 0.1,
    skipVerify: false,
    officeHours: false,
  },
  dlh: {
    verify: stage(60, 0.8),
    dispatch: stage(3 * 60, 0.8),
    arrive: stage(5 * 60, 0.8),
    work: stage(6 * 60, 0.8),
    fixOnArrival: 0.3,
    skipVerify: false,
    officeHours: false,
  },
  satpol_pp: {
    verify: stage(3 * 60, 0.9),
    dispatch: stage(10 * 60, 0.9),
    arrive: stage(12 * 60, 0.9),
    work: stage(6 * 60, 0.9),
    fixOnArrival: 0.2,
    skipVerify: false,
    officeHours: true,
  },
  bina_marga: {
    verify: stage(3 * 60, 0.9),
    dispatch: stage(10 * 60, 0.9),
    arrive: stage(14 * 60, 0.9),
    work: stage(20 * 60, 0.9),
    fixOnArrival: 0.05,
    skipVerify: false,
    officeHours: true,
  },
  kelurahan: {
    verify: stage(4 * 60, 0.9),
    dispatch: stage(12 * 60, 0.9),
    arrive: stage(16 * 60, 0.9),
    work: stage(24 * 60, 0.9),
    fixOnArrival: 0.1,
    skipVerify: false,
    officeHours: true,
  },
  command_center: {
    verify: stage(2 * 60, 0.8),
    dispatch: stage(12 * 60, 0.9),
    arrive: stage(18 * 60, 0.9),
    work: stage(24 * 60, 0.9),
    fixOnArrival: 0.1,
    skipVerify: false,
    officeHours: true,
  },
};

/**
 * "Other" reports land at the command center, whose triage routes most of them on at
 * verification (the CRM "disposisi"); these are the usual owners.
 */
export const OTHER_REROUTE_SHARE = 0.7;
export const OTHER_REROUTE_TO: readonly (readonly [string, number])[] = [
  ['kelurahan', 0.5],
  ['dlh', 0.2],
  ['bina_marga', 0.15],
  ['satpol_pp', 0.15],
];

/** Share of each step that carries a note, so timelines read like real ones without a note on every line. */
export const NOTE_SHARE = {
  verified: 0.5,
  dispatched: 0.8,
  in_progress: 0.6,
  resolved: 0.9,
  closed: 0.4,
};
