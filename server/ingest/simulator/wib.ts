/**
 * Jakarta local time (WIB, UTC+7, no daylight saving) as plain arithmetic on epoch
 * milliseconds: the simulator asks "which local hour, which local day" millions of times
 * and Intl would be needlessly slow for a fixed offset.
 */
import { DAY_MS, HOUR_MS, WIB_OFFSET_MS } from './calibration.ts';

/** WIB calendar day number: days since 1970-01-01 WIB. */
export const wibDay = (ms: number): number => Math.floor((ms + WIB_OFFSET_MS) / DAY_MS);

/** WIB hour of the day, 0..23. */
export const wibHour = (ms: number): number =>
  Math.floor(((((ms + WIB_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);

/** The UTC instant at which WIB day `day` starts. */
export const wibDayStart = (day: number): number => day * DAY_MS - WIB_OFFSET_MS;

/** Month (0..11) of WIB day `day`. */
export const wibMonth = (day: number): number => new Date(day * DAY_MS).getUTCMonth();
