/**
 * A city pack: everything city-specific the product renders from or validates against.
 * Jakarta is the first pack; another city is another object of this shape.
 */
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

export interface Category {
  code: string;
  name: LocalName;
  agency: string;
  defaultSeverity: Severity;
  /** Minutes from report to first response, and to resolution. */
  sla: { responseMinutes: number; resolveMinutes: number };
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
}
