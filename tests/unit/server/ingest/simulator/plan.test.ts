/**
 * The simulator's plan against Jakarta's published figures: volume, rhythm, channels,
 * categories, outcomes, resolution times, places, and the shape of every command it makes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import { categoryByCode, kelurahanByCode } from '../../../../../shared/city/lookup.ts';
import {
  ReportIncidentSchema,
  UpdateIncidentSchema,
} from '../../../../../shared/domain/schemas.ts';
import { canTransition } from '../../../../../shared/domain/transitions.ts';
import type { Status } from '../../../../../shared/domain/types.ts';
import { floodAreaOf } from '../../../../../server/ingest/simulator/places.ts';
import type { PlannedIncident } from '../../../../../server/ingest/simulator/plan.ts';
import { planIncidents } from '../../../../../server/ingest/simulator/plan.ts';
import { thingOf } from '../../../../../server/ingest/simulator/duplicate-bursts.ts';
import { distanceM } from '../../../../../shared/domain/duplicates.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A late-November week, the rainy season, ending on "today". */
const TO = new Date('2026-11-28T00:00:00+07:00');
const FROM = new Date(TO.getTime() - 7 * DAY);
const wibHour = (d: Date) => (d.getUTCHours() + 7) % 24;
const lastStatus = (inc: PlannedIncident): Status =>
  inc.steps.reduce<Status>((s, step) => step.change.status ?? s, 'received');
const resolvedAfterMs = (inc: PlannedIncident) =>
  inc.steps.find((s) => s.change.status === 'resolved')?.afterMs;

let week: PlannedIncident[];
/** The first report of each thing: the incidents, without other citizens' duplicate reports. */
let firsts: PlannedIncident[];
const isFirst = (i: PlannedIncident) => thingOf(i.report.externalId!) === i.report.externalId;
beforeAll(() => {
  week = planIncidents({ seed: 7, from: FROM, to: TO });
  firsts = week.filter(isFirst);
});

describe('planIncidents: determinism', () => {
  it('plans the same city for the same seed and window', () => {
    expect(planIncidents({ seed: 7, from: FROM, to: TO })).toEqual(week);
  });

  it('plans a different city for another seed', () => {
    const other = planIncidents({ seed: 8, from: FROM, to: TO });
    expect(other).not.toEqual(week);
    expect(other.length).not.toBe(week.length);
  });

  it('plans the same incidents whether a window is planned whole or in hourly chunks', () => {
    const from = new Date('2026-11-25T10:20:00+07:00');
    const whole = planIncidents({ seed: 3, from, to: new Date(from.getTime() + 6 * HOUR) });
    const chunks: PlannedIncident[] = [];
    for (let i = 0; i < 6; i++) {
      const a = new Date(from.getTime() + i * HOUR);
      chunks.push(...planIncidents({ seed: 3, from: a, to: new Date(a.getTime() + HOUR) }));
    }
    expect(chunks).toEqual(whole);
  });
});

describe('planIncidents: calibration on Jakarta CRM 2024', () => {
  it('averages 400–650 reports a day (published ~500, peaks ~800)', () => {
    const perDay = week.length / 7;
    expect(perDay).toBeGreaterThanOrEqual(400);
    expect(perDay).toBeLessThanOrEqual(650);
  });

  it('takes 76–90% of reports through JAKI', () => {
    const share = week.filter((i) => i.report.source === 'jaki').length / week.length;
    expect(share).toBeGreaterThanOrEqual(0.76);
    expect(share).toBeLessThanOrEqual(0.9);
  });

  it('has roads, trees, parking, street vendors and garbage as the top five categories of incidents', () => {
    const counts = new Map<string, number>();
    for (const i of firsts) counts.set(i.report.category, (counts.get(i.report.category) ?? 0) + 1);
    const top5 = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([c]) => c);
    expect(new Set(top5)).toEqual(
      new Set(['road_damage', 'fallen_tree', 'illegal_parking', 'street_vendor', 'garbage']),
    );
  });

  it('is quiet at night (00–05 WIB) and busy by day (08–21 WIB)', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const i of week) byHour[wibHour(i.reportAt)]! += 1;
    const mean = (hours: number[]) => hours.reduce((a, h) => a + byHour[h]!, 0) / hours.length;
    const night = mean([0, 1, 2, 3, 4]);
    const day = mean([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(night * 4).toBeLessThan(day);
    // Two peaks: mid-morning and evening both above the early afternoon lull's neighbours at dawn.
    expect(byHour[10]!).toBeGreaterThan(byHour[6]! * 2);
    expect(byHour[20]!).toBeGreaterThan(byHour[23]! * 1.5);
  });

  it('ends ≥94% of incidents resolved or closed, and leaves a few open to breach SLA', () => {
    const done = firsts.filter((i) => ['resolved', 'closed'].includes(lastStatus(i))).length;
    expect(done / firsts.length).toBeGreaterThanOrEqual(0.94);
    const open = firsts.filter(
      (i) => !['resolved', 'closed', 'rejected', 'duplicate'].includes(lastStatus(i)),
    );
    expect(open.length / firsts.length).toBeGreaterThan(0.005);
    expect(open.length / firsts.length).toBeLessThan(0.03);
    const late = firsts.filter((i) => {
      const at = resolvedAfterMs(i);
      const sla = categoryByCode(JAKARTA, i.report.category)!.sla.resolveMinutes * 60_000;
      return at !== undefined && at > sla;
    });
    expect(late.length).toBeGreaterThan(0);
  });

  it('resolves in 27–60 h on average (published mean)', () => {
    const hours = week
      .map(resolvedAfterMs)
      .filter((ms) => ms !== undefined)
      .map((ms) => ms / HOUR);
    const mean = hours.reduce((a, b) => a + b, 0) / hours.length;
    expect(mean).toBeGreaterThanOrEqual(27);
    expect(mean).toBeLessThanOrEqual(60);
  });

  it('answers fires within minutes and works roads over days', () => {
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const firstStep = (cat: string) =>
      median(
        firsts
          .filter((i) => i.report.category === cat && i.steps[0])
          .map((i) => i.steps[0]!.afterMs),
      );
    expect(firstStep('fire')).toBeLessThan(15 * 60_000);
    const resolveRoads = median(
      firsts
        .filter((i) => i.report.category === 'road_damage')
        .flatMap((i) => resolvedAfterMs(i) ?? []),
    );
    expect(resolveRoads).toBeGreaterThan(DAY);
  });
});

describe('planIncidents: rain', () => {
  const start = new Date('2026-11-25T15:00:00+07:00');
  const window = { from: start, to: new Date(start.getTime() + 10 * HOUR) };
  const inFloodArea = (i: PlannedIncident) => floodAreaOf(i.report.location) !== null;
  const count = (plan: PlannedIncident[], cat: string, where = (_: PlannedIncident) => true) =>
    plan.filter((i) => i.report.category === cat && where(i)).length;

  it('surges flooding and fallen trees in the north and along the Ciliwung', () => {
    const dry = planIncidents({ seed: 11, ...window, rain: { seasonal: false } });
    const wet = planIncidents({
      seed: 11,
      ...window,
      rain: { seasonal: false, episodes: [{ startAt: start, hours: 4, intensity: 1.5 }] },
    });
    // The rain adds to the day's reports; it does not replace them.
    expect(wet.length).toBeGreaterThan(dry.length);
    expect(count(wet, 'flooding', inFloodArea)).toBeGreaterThan(
      3 * Math.max(1, count(dry, 'flooding', inFloodArea)),
    );
    expect(count(wet, 'fallen_tree')).toBeGreaterThan(count(dry, 'fallen_tree'));
    const floodShare = (plan: PlannedIncident[]) =>
      count(plan, 'flooding', inFloodArea) / Math.max(1, plan.filter(inFloodArea).length);
    expect(floodShare(wet)).toBeGreaterThan(floodShare(dry) + 0.2);
    expect(floodShare(wet)).toBeGreaterThan(0.6);
    const areas = new Set(
      wet
        .filter((i) => i.report.category === 'flooding')
        .map((i) => floodAreaOf(i.report.location)),
    );
    expect(areas).toEqual(new Set(['north', 'ciliwung', null]));
  });

  it('names the kelurahan of hotspot reports with a code the pack knows', () => {
    const withCode = week.filter((i) => i.report.kelurahanCode !== undefined);
    expect(withCode.length).toBeGreaterThan(0);
    for (const i of withCode) {
      const kel = kelurahanByCode(JAKARTA, i.report.kelurahanCode!);
      expect(kel?.code).toBe(i.report.kelurahanCode);
      expect(i.report.address).toContain(`Kel. ${kel!.name}`);
    }
  });
});

describe('planIncidents: every command is one the server accepts', () => {
  it('puts every report inside the pack bbox and on land', () => {
    const [w, s, e, n] = JAKARTA.bbox;
    for (const { report } of week) {
      const { lon, lat } = report.location;
      expect(lon >= w && lon <= e && lat >= s && lat <= n, `${lon},${lat}`).toBe(true);
      expect(lat, `${lon},${lat}`).toBeLessThan(-6.1);
      // The mainland, not the islands or the far side of the bay.
      expect(lon).toBeGreaterThan(106.66);
      expect(lon).toBeLessThan(106.99);
      expect(lat).toBeGreaterThan(-6.38);
    }
  });

  it('passes the report and update schemas unchanged', () => {
    for (const inc of week) {
      const reportedAt = inc.reportAt.toISOString();
      const parsed = ReportIncidentSchema.parse({ ...inc.report, reportedAt });
      expect(parsed).toEqual({ ...inc.report, reportedAt });
      expect(categoryByCode(JAKARTA, inc.report.category)?.code).toBe(inc.report.category);
      for (const step of inc.steps) {
        const occurredAt = new Date(inc.reportAt.getTime() + step.afterMs).toISOString();
        expect(UpdateIncidentSchema.parse({ ...step.change, occurredAt })).toEqual({
          ...step.change,
          occurredAt,
        });
      }
    }
  });

  it('walks each incident along a legal path from received, forward in time', () => {
    for (const inc of week) {
      let status: Status = 'received';
      let last = 0;
      for (const step of inc.steps) {
        expect(step.afterMs).toBeGreaterThan(last);
        last = step.afterMs;
        const to = step.change.status;
        if (to === undefined) continue;
        expect(canTransition(status, to), `${inc.report.externalId}: ${status} → ${to}`).toBe(true);
        status = to;
      }
    }
  });

  it('gives every report a unique externalId', () => {
    const ids = new Set(week.map((i) => i.report.externalId));
    expect(ids.size).toBe(week.length);
  });
});

describe('planIncidents: flat rhythm for load', () => {
  it.each([1440, 2400, 100, 50_000])(
    'plans exactly %i a day, evenly, with no rain',
    (ratePerDay) => {
      const from = new Date('2026-11-27T00:00:00Z');
      const plan = planIncidents({
        seed: 1,
        from,
        to: new Date(from.getTime() + 3 * HOUR),
        ratePerDay,
        rhythm: 'flat',
      });
      expect(Math.abs(plan.length - (ratePerDay * 3) / 24)).toBeLessThanOrEqual(1);
      expect(plan.every((i) => !i.report.externalId?.includes('-r'))).toBe(true);
    },
  );
});

describe('planIncidents: duplicate bursts', () => {
  it('reports some things again: each extra report later, nearby, of the same category, confirmed as a duplicate', () => {
    const byExternalId = new Map(week.map((i) => [i.report.externalId!, i]));
    const extras = week.filter((i) => !isFirst(i));
    expect(extras.length / week.length).toBeGreaterThan(0.05);
    expect(extras.length / week.length).toBeLessThan(0.25);
    const far = extras.filter((extra) => {
      const first = byExternalId.get(thingOf(extra.report.externalId!));
      // A thing first reported before the window is not in it; its extras are.
      if (!first) return false;
      expect(extra.report.category).toBe(first.report.category);
      expect(extra.reportAt.getTime()).toBeGreaterThan(first.reportAt.getTime());
      expect(extra.steps.map((s) => s.change.status)).toEqual(['duplicate']);
      return distanceM(extra.report.location, first.report.location) > 300;
    });
    // Most stand where the first reporter stood; a few report from well down the road.
    expect(far.length).toBeGreaterThan(0);
    expect(far.length / extras.length).toBeLessThan(0.1);
  });

  it('draws more reports of a flood in a downpour than of one on a dry day', () => {
    const perThing = (from: Date, to: Date) => {
      const floods = planIncidents({ seed: 7, from, to }).filter(
        (i) => i.report.category === 'flooding',
      );
      return floods.length / floods.filter(isFirst).length;
    };
    const rainy = perThing(FROM, TO);
    const dry = perThing(
      new Date('2026-08-01T00:00:00+07:00'),
      new Date('2026-08-08T00:00:00+07:00'),
    );
    expect(rainy).toBeGreaterThan(dry * 1.3);
  });

  it('never in the flat rhythm of load tests, nor when turned off', () => {
    const flat = planIncidents({ seed: 7, from: FROM, to: TO, rhythm: 'flat', ratePerDay: 500 });
    expect(flat.every(isFirst)).toBe(true);
    expect(planIncidents({ seed: 7, from: FROM, to: TO, duplicates: false }).every(isFirst)).toBe(
      true,
    );
  });
});
