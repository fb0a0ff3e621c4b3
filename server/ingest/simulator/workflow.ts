/**
 * How an agency works one incident, planned up front: the status changes it will make and
 * when, relative to the report. Pure; draws only from the stream it is given.
 */
import type { CityPack, Category } from '../../../shared/city/types.ts';
import { agencyByCode } from '../../../shared/city/lookup.ts';
import type { UpdateIncidentInput } from '../../../shared/domain/schemas.ts';
import type { Stage } from './calibration.ts';
import {
  AGENCY_PROFILES,
  CLOSE_DELAY,
  CLOSE_RATE,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  MORNING_HOUR,
  MORNING_SPREAD_MIN,
  NEGLECT_RATE,
  NEGLECT_STAGE_WEIGHTS,
  NIGHT_START_HOUR,
  NOTE_SHARE,
  OTHER_REROUTE_SHARE,
  OTHER_REROUTE_TO,
  REJECT_RATE,
  STAGE_CAP_FACTOR,
} from './calibration.ts';
import type { Rng } from './prng.ts';
import { chance, lognormal, pick, pickWeighted, uniform } from './prng.ts';
import {
  CLOSED_NOTES,
  DEFAULT_WORK_NOTES,
  DISPATCHED_NOTES,
  ESCALATED_NOTE,
  REJECTED_NOTES,
  RESOLVED_NOTES,
  VERIFIED_NOTES,
  WORK_NOTES,
} from './texts.ts';
import { wibDay, wibDayStart, wibHour } from './wib.ts';

export interface PlannedStep {
  /** Simulated milliseconds after the report. */
  afterMs: number;
  change: UpdateIncidentInput;
}

/** Duplicates are other citizens' reports of one thing: duplicate-bursts.ts plans them. */
type Outcome = 'done' | 'rejected' | 'neglected';

/** Agencies without a profile of their own work like the command center's triage. */
const FALLBACK_PROFILE = AGENCY_PROFILES.command_center!;
const MIN_STEP_MS = 30_000;

const profileFor = (agency: string) => AGENCY_PROFILES[agency] ?? FALLBACK_PROFILE;

/** Moves a time that falls in the night to the next working morning (WIB). */
function toWorkingHours(rng: Rng, t: number): number {
  const hour = wibHour(t);
  if (hour >= MORNING_HOUR && hour < NIGHT_START_HOUR) return t;
  const dayStart = wibDayStart(wibDay(t));
  const morningDay = hour >= NIGHT_START_HOUR ? dayStart + DAY_MS : dayStart;
  return morningDay + MORNING_HOUR * HOUR_MS + uniform(rng, 0, MORNING_SPREAD_MIN) * MINUTE_MS;
}

export interface WorkflowInput {
  pack: CityPack;
  category: Category;
  reportAtMs: number;
  /** Water still rising: the crew raises the severity when it is dispatched. */
  escalate: boolean;
}

export function planWorkflow(rng: Rng, input: WorkflowInput): PlannedStep[] {
  const { pack, category, reportAtMs } = input;
  const outcome = pickWeighted<Outcome>(rng, [
    ['done', 1 - REJECT_RATE - NEGLECT_RATE],
    ['rejected', REJECT_RATE],
    ['neglected', NEGLECT_RATE],
  ]);
  const stopAfter = outcome === 'neglected' ? pickWeighted(rng, NEGLECT_STAGE_WEIGHTS) : Infinity;

  let agency = category.agency;
  let profile = profileFor(agency);
  let t = reportAtMs;
  const steps: PlannedStep[] = [];
  const advance = (stage: Stage, officeHours = profile.officeHours) => {
    const minutes = Math.min(
      lognormal(rng, stage.medianMin, stage.sigma),
      stage.medianMin * STAGE_CAP_FACTOR,
    );
    t += Math.max(minutes * MINUTE_MS, MIN_STEP_MS);
    if (officeHours) t = toWorkingHours(rng, t);
    // Whole seconds: timestamps read cleanly and sort the same everywhere.
    t = Math.ceil(t / 1000) * 1000;
  };
  const push = (change: UpdateIncidentInput) => {
    steps.push({ afterMs: t - reportAtMs, change });
    return steps.length >= stopAfter;
  };
  const maybe = (share: number, note: string): { note?: string } =>
    chance(rng, share) ? { note } : {};
  const work = WORK_NOTES[category.code] ?? DEFAULT_WORK_NOTES;

  if (outcome === 'rejected') {
    advance(profile.verify);
    if (chance(rng, 0.5)) {
      push({ status: 'verified' });
      advance(profile.dispatch);
    }
    push({ status: 'rejected', note: pick(rng, REJECTED_NOTES) });
    return steps;
  }
  if (stopAfter === 0) return steps;

  advance(profile.verify);
  if (!profile.skipVerify) {
    const change: UpdateIncidentInput = {
      status: 'verified',
      ...maybe(NOTE_SHARE.verified, pick(rng, VERIFIED_NOTES)),
    };
    if (agency === 'command_center' && chance(rng, OTHER_REROUTE_SHARE)) {
      agency = pickWeighted(rng, OTHER_REROUTE_TO);
      profile = profileFor(agency);
      change.agency = agency;
      change.note = `Didisposisikan ke ${agencyByCode(pack, agency)?.short ?? agency}`;
    }
    if (push(change)) return steps;
  }

  advance(profile.dispatch);
  const dispatched: UpdateIncidentInput = {
    status: 'dispatched',
    ...maybe(NOTE_SHARE.dispatched, pick(rng, DISPATCHED_NOTES)),
  };
  if (input.escalate) {
    dispatched.severity = 'critical';
    dispatched.note = ESCALATED_NOTE;
  }
  if (push(dispatched)) return steps;

  advance(profile.arrive);
  if (!chance(rng, profile.fixOnArrival)) {
    if (push({ status: 'in_progress', ...maybe(NOTE_SHARE.in_progress, work.start) })) return steps;
    advance(profile.work);
  }
  if (outcome === 'neglected') return steps;
  push({
    status: 'resolved',
    ...maybe(NOTE_SHARE.resolved, chance(rng, 0.6) ? work.done : pick(rng, RESOLVED_NOTES)),
  });

  if (chance(rng, CLOSE_RATE)) {
    // Closing is the citizen's rating or the system's auto-close: no office hours.
    advance(CLOSE_DELAY, false);
    push({ status: 'closed', ...maybe(NOTE_SHARE.closed, pick(rng, CLOSED_NOTES)) });
  }
  return steps;
}
