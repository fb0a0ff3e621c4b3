/**
 * Domain vocabulary shared by server and browser: incidents, their lifecycle and the
 * events of the append-only log. Pure types and constants; no I/O.
 */
import type { AlertEvent } from './alerts.ts';

export const STATUSES = [
  'received',
  'verified',
  'dispatched',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses after which an incident needs no more work. */
export const TERMINAL_STATUSES: readonly Status[] = ['resolved', 'closed', 'rejected', 'duplicate'];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SOURCES = [
  'jaki',
  'qlue',
  'lapor',
  'twitter',
  'email',
  'call112',
  'cctv',
  'sensor',
  'field',
  'simulator',
  /** Pulled from another city's Open311 GeoReport v2 server by a connector. */
  'open311',
] as const;
export type Source = (typeof SOURCES)[number];

export interface LonLat {
  lon: number;
  lat: number;
}

/** A phone's position as its Geolocation gave it: where a field crew acted. */
export interface FieldPosition extends LonLat {
  /** The radius of uncertainty in metres, when the device said. */
  accuracyM: number | null;
}

/** A photo of an incident as the projection keeps it, for the closure rule (field-proof.ts). */
export interface PhotoSummary {
  photoId: string;
  kind: PhotoKind;
  /** When it was taken (UTC ISO): its EXIF capture time, else the device's; null unknown. */
  takenAt: string | null;
  /** Metres from the incident: its EXIF GPS, else the device position; null unknown. */
  distanceM: number | null;
}

export const PHOTO_KINDS = ['before', 'after'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** The photo types taken (by their bytes on the server; offered by the phone's picker). */
export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIMES)[number];

/** The citizen's contact details: personal data, never sent to viewers or wall displays. */
export interface Reporter {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** Who caused an event. Every write in the log carries one. */
export interface Actor {
  kind: 'source' | 'user' | 'system';
  id: string;
}

/** The current picture of one incident, as the shared reducer builds it from the log. */
export interface Incident {
  id: string;
  source: Source;
  externalId: string | null;
  category: string;
  severity: Severity;
  description: string;
  reporter: Reporter | null;
  location: LonLat;
  address: string | null;
  kelurahanCode: string | null;
  /** H3 cell at the city's binning resolution. */
  h3: string;
  /** When the citizen reported it (UTC ISO). */
  reportedAt: string;
  /**
   * When the server logged the report (UTC ISO), shown beside a `reportedAt` its source
   * dated back. Absent on incidents stored before it was kept.
   */
  loggedAt?: string;
  status: Status;
  agency: string;
  /** SLA deadlines (UTC ISO), fixed at report time from the category. */
  responseDueAt: string;
  resolveDueAt: string;
  /** First move out of `received` (UTC ISO), the start of the agency's response. */
  firstResponseAt: string | null;
  resolvedAt: string | null;
  /** When the incident reached a terminal status (resolved, closed, rejected, duplicate). */
  endedAt: string | null;
  updatedAt: string;
  /**
   * The latest field time of its events (UTC ISO): no change may be dated before it.
   * Absent on incidents stored before it was kept; read it with `lastFieldTime`.
   */
  lastFieldAt?: string;
  notes: number;
  /**
   * The master this report is linked to as a duplicate (duplicates.ts): set by the automatic
   * link at report time or by a supervisor, kept when confirmed (status `duplicate`), cleared
   * by a split. Absent on incidents stored before duplicates were linked; read it with
   * `masterOf`.
   */
  duplicateOf?: string | null;
  /**
   * How many reports this incident stands for: itself and the reports linked to it. Absent
   * means 1; read it with `reportersOf`.
   */
  reporters?: number;
  /** The field crew member who claimed it (field-claim.ts); absent or null when nobody has. */
  assignee?: string | null;
  /** Field time of its latest move to `dispatched`; absent when it never was. */
  dispatchedAt?: string | null;
  /** Its photos, oldest first (field crews' proof); absent when none. */
  photos?: PhotoSummary[];
  /** A supervisor's waiver of the photo proof of closure; cleared when it is reopened. */
  proofWaived?: { by: string; note: string } | null;
  /** Seq of the last event that touched this incident. */
  lastSeq: number;
}

interface EventBase<T extends string, D> {
  seq: number;
  type: T;
  incidentId: string;
  /** When the event was recorded in the log (UTC ISO). */
  at: string;
  actor: Actor;
  data: D;
}

export type IncidentReported = EventBase<
  'incident.reported',
  { incident: Omit<Incident, 'lastSeq' | 'updatedAt' | 'loggedAt' | 'lastFieldAt'> }
>;
/**
 * What a field crew's command may add: where the phone was, and the id the phone made so
 * that a resend appends nothing (field-client-id.ts).
 */
export interface FieldExtras {
  position?: FieldPosition | null;
  clientId?: string | null;
}

/** `occurredAt` is when it happened in the field; it may be earlier than `at`. */
export type IncidentStatusChanged = EventBase<
  'incident.status_changed',
  { from: Status; to: Status; occurredAt: string; note: string | null } & FieldExtras
>;
export type IncidentAssigned = EventBase<
  'incident.assigned',
  { from: string; to: string; occurredAt: string; note: string | null }
>;
export type IncidentNoted = EventBase<
  'incident.noted',
  { note: string; occurredAt: string } & FieldExtras
>;
export type IncidentEscalated = EventBase<
  'incident.escalated',
  { from: Severity; to: Severity; occurredAt: string; note: string | null }
>;
/**
 * This report is a duplicate of `masterId` (duplicates.ts): `auto` when the ingest linked it
 * by category, distance and time, with the distance it found; else a supervisor did.
 */
export type IncidentLinked = EventBase<
  'incident.linked',
  {
    masterId: string;
    auto: boolean;
    distanceM: number;
    occurredAt: string;
    note: string | null;
  }
>;
/** A supervisor split this report from `masterId`: it is an incident of its own again. */
export type IncidentUnlinked = EventBase<
  'incident.unlinked',
  { masterId: string; occurredAt: string; note: string | null }
>;
/** A report was linked to (+1) or split from (−1) this master; `reportId` names it. */
export type IncidentReportersChanged = EventBase<
  'incident.reporters_changed',
  { reportId: string; delta: 1 | -1; occurredAt: string; note: null }
>;

/** A member of the agency's field crew took the incident on for themself (field-claim.ts). */
export type IncidentClaimed = EventBase<
  'incident.claimed',
  { assignee: string; occurredAt: string; note: string | null } & FieldExtras
>;
/** The claim was let go (by the assignee, or taken back by a supervisor). */
export type IncidentUnclaimed = EventBase<
  'incident.unclaimed',
  { assignee: string; occurredAt: string; note: string | null } & FieldExtras
>;
/**
 * A photo attached to the incident (server/media): the facts its bytes and the phone gave,
 * and the checks the closure rule reads (field-proof.ts). `occurredAt` is the upload.
 */
export type IncidentPhotoAdded = EventBase<
  'incident.photo_added',
  {
    photoId: string;
    kind: PhotoKind;
    mime: PhotoMime;
    bytes: number;
    width: number;
    height: number;
    exif: { takenAt: string | null; lon: number | null; lat: number | null };
    device: { takenAt: string | null; position: FieldPosition | null };
    checks: { distanceM: number | null; afterDispatch: boolean };
    occurredAt: string;
    note: null;
  } & FieldExtras
>;
/** A supervisor let the incident be resolved without a photo proof: who, and why. */
export type IncidentProofWaived = EventBase<
  'incident.proof_waived',
  { by: string; note: string; occurredAt: string }
>;

/** The events about one incident. */
export type IncidentEvent =
  | IncidentReported
  | IncidentStatusChanged
  | IncidentAssigned
  | IncidentNoted
  | IncidentEscalated
  | IncidentLinked
  | IncidentUnlinked
  | IncidentReportersChanged
  | IncidentClaimed
  | IncidentUnclaimed
  | IncidentPhotoAdded
  | IncidentProofWaived;
export type IncidentEventType = IncidentEvent['type'];

/** Every event of the log: an incident's, or an alert's (see alerts.ts). */
export type DomainEvent = IncidentEvent | AlertEvent;
export type DomainEventType = DomainEvent['type'];

export const isIncidentEvent = (event: DomainEvent): event is IncidentEvent =>
  event.type.startsWith('incident.');

/** An event before the log has given it a seq. */
export type NewEvent = DomainEvent extends infer E
  ? E extends DomainEvent
    ? Omit<E, 'seq'>
    : never
  : never;
