/**
 * A city pack: everything city-specific the product renders from or validates against.
 * Jakarta is the first pack; another city is another object of this shape.
 */
import type { EscalationLevel, SlaClockName } from '../domain/alerts.ts';
import type { Severity, Status } from '../domain/types.ts';

export interface LocalName {
  id: string;
  en: string;
}

export interface Agency {
  code: string;
  name: LocalName;
  /** Short label for boards and pins. */
  short: string;
}

/** Open311 GeoReport v2 attribute datatypes. */
export type AttributeDatatype =
  'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/**
 * A question a category asks its reporter beyond the description (e.g. how deep the water
 * is), in the fields of an Open311 service definition's attribute.
 */
export interface CategoryAttribute {
  /** False for text shown to the reporter that takes no answer. */
  variable: boolean;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  /** How to fill it in, e.g. units. */
  datatype_description: string;
  /** Its position in the form: unique within the category, from 1. */
  order: number;
  description: string;
  /** The choices of a single- or multi-value list; empty otherwise. */
  values: { key: string; name: string }[];
}

export interface Category {
  code: string;
  name: LocalName;
  agency: string;
  defaultSeverity: Severity;
  /** Minutes from report to first response, and to resolution. */
  sla: { responseMinutes: number; resolveMinutes: number };
  /** What else a report of this category may tell (Open311 service attributes). */
  attributes?: CategoryAttribute[];
}

export interface AdminUnit {
  /** Official Kemendagri code, e.g. 31.73.04.1004 for a kelurahan. */
  code: string;
  name: string;
  parent: string | null;
}

export interface AdminHierarchy {
  /** Credit that must travel with the data wherever it is shown. */
  attribution: string;
  kota: AdminUnit[];
  kecamatan: AdminUnit[];
  kelurahan: AdminUnit[];
}

export interface CityPack {
  code: string;
  name: LocalName;
  timeZone: string;
  /** [west, south, east, north] in degrees; reports outside it are refused. */
  bbox: [number, number, number, number];
  center: { lon: number; lat: number; zoom: number };
  h3Resolution: number;
  agencies: Agency[];
  categories: Category[];
  statuses: { code: Status; name: LocalName }[];
  transitions: Record<Status, Status[]>;
  admin: AdminHierarchy;
  /** When the analyst warns about SLA clocks, and whom it escalates to (escalation.ts checks it). */
  analyst: AnalystPack;
}

/**
 * One step up an escalation chain: reached `afterMinutes` after the step before it (the
 * breach, for the first step) unless someone acknowledges the alert in between.
 */
export interface EscalationStep {
  level: EscalationLevel;
  afterMinutes: number;
}

/**
 * A chain for some alerts: those of a category, of an agency, or of a category at an
 * agency. The most specific override that matches wins (category and agency, then
 * category, then agency), else the default chain.
 */
export interface EscalationOverride {
  category?: string;
  agency?: string;
  steps: EscalationStep[];
}

export interface AnalystPack {
  /**
   * How long before an SLA clock runs out its will-breach warning is raised: by default a
   * fraction of the clock's window (report to deadline), at most `maxMinutes`; a category
   * may fix its own minutes per clock.
   */
  willBreachLead: {
    fraction: number;
    maxMinutes: number;
    categories: Record<string, Partial<Record<SlaClockName, number>>>;
  };
  /**
   * Who is chased about a breached SLA. Every breach starts at the agency's `desk`; the
   * steps after it, in ESCALATION_LEVELS order.
   */
  escalation: {
    default: EscalationStep[];
    overrides: EscalationOverride[];
  };
  /** When a burst of reports in one area is a surge (shared/domain/surge.ts reads it). */
  surge: SurgeSettings;
  /** When a new report is linked to an open incident as its duplicate (duplicates.ts). */
  duplicates: DuplicateSettings;
}

/**
 * A new report is linked to an open incident of the same category within `radiusM` metres
 * whose latest report (its own or a linked one) is at most `withinHours` older. A category
 * without a rule is never linked automatically (a supervisor still may).
 */
export interface DuplicateRule {
  radiusM: number;
  withinHours: number;
}

export interface DuplicateSettings {
  categories: Record<string, DuplicateRule>;
}

/** Categories watched together for surges, e.g. flooding and blocked drains as "water". */
export interface SurgeGroup {
  code: string;
  name: LocalName;
  /** What one report is called in a surge's summary: "laporan banjir" / "flood reports". */
  reports: LocalName;
  categories: string[];
  /**
   * This group's own `raiseP`: looser where a missed surge costs most and chance bursts are
   * rare (floods), so it is raised sooner without more false alarms elsewhere.
   */
  raiseP?: number;
}

/**
 * Surge detection: per H3 cell with its ring of neighbours and per category group, the
 * count in a rolling window against what is expected there then (an hour-of-week profile
 * learned from the log, times the recent level, spread over cells by their history shrunk
 * toward the city's). Raised when the Poisson upper tail is below `raiseP`, the count at
 * least `minCount` and `minRatio` times the expectation; cleared once the tail is above
 * `clearP` or the count below half of `minCount` (hysteresis).
 */
export interface SurgeSettings {
  /** H3 resolution of an area's cells (7: about 5 km² each). */
  resolution: number;
  /** Rings of neighbours counted with the centre cell (1: the centre and its 6 neighbours). */
  ring: number;
  windowHours: number;
  /** How much of the log the profile and the cell shares are learned from. */
  historyDays: number;
  /** The recent level: the last days' count against what the profile expected of them. */
  recentDays: number;
  raiseP: number;
  clearP: number;
  minCount: number;
  minRatio: number;
  groups: SurgeGroup[];
}
