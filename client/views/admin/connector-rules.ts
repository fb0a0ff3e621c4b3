/**
 * The Open311 connectors panel's pure rules: the form's checks (the server's, caught
 * before sending), the request body, the server's field messages put beside the form's
 * fields, and how a row writes lag, counts and a long error.
 */
import { formatMinutes, type Locale } from '../../i18n/locale.tsx';
import type { ConnectorCounts, NewConnector } from './admin-api.ts';
import type { AdminMessage } from './admin.messages.ts';

/** As the server's schema (connectors.routes.ts). */
export const MIN_POLL_SECONDS = 5;
export const MAX_POLL_SECONDS = 86_400;

export interface ServiceRow {
  service: string;
  category: string;
}

export interface ConnectorForm {
  name: string;
  endpoint: string;
  jurisdictionId: string;
  apiKey: string;
  serviceRows: ServiceRow[];
  defaultCategory: string;
  /** As typed: a number input's text. */
  pollSeconds: string;
  enabled: boolean;
}

export const CONNECTOR_FIELDS = [
  'name',
  'endpoint',
  'jurisdictionId',
  'apiKey',
  'serviceMap',
  'defaultCategory',
  'pollSeconds',
  'enabled',
] as const;
export type ConnectorField = (typeof CONNECTOR_FIELDS)[number];

export const EMPTY_CONNECTOR: ConnectorForm = {
  name: '',
  endpoint: '',
  jurisdictionId: '',
  apiKey: '',
  serviceRows: [{ service: '', category: '' }],
  defaultCategory: '',
  pollSeconds: '60',
  enabled: true,
};

/** Rows with neither side filled are left out; a half-filled row is a mistake. */
const filledRows = (rows: ServiceRow[]) =>
  rows
    .map((r) => ({ service: r.service.trim(), category: r.category }))
    .filter((r) => r.service || r.category);

function endpointProblem(raw: string): AdminMessage | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'endpointFormat';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'endpointFormat';
  if (url.username || url.password) return 'endpointCredentials';
  if (url.search || url.hash) return 'endpointQuery';
  return null;
}

export function checkConnector(f: ConnectorForm): Partial<Record<ConnectorField, AdminMessage>> {
  const out: Partial<Record<ConnectorField, AdminMessage>> = {};
  if (!f.name.trim()) out.name = 'nameRequired';
  const endpoint = endpointProblem(f.endpoint);
  if (endpoint) out.endpoint = endpoint;
  const poll = Number(f.pollSeconds);
  if (!Number.isInteger(poll) || poll < MIN_POLL_SECONDS || poll > MAX_POLL_SECONDS)
    out.pollSeconds = 'pollRange';
  const rows = filledRows(f.serviceRows);
  if (rows.some((r) => !r.service || !r.category)) out.serviceMap = 'serviceRowIncomplete';
  else if (new Set(rows.map((r) => r.service)).size !== rows.length)
    out.serviceMap = 'serviceDuplicate';
  return out;
}

export function newConnectorBody(f: ConnectorForm): NewConnector {
  return {
    name: f.name.trim(),
    endpoint: f.endpoint.trim(),
    jurisdictionId: f.jurisdictionId.trim() || null,
    // A key is taken as typed: spaces may be part of it.
    apiKey: f.apiKey === '' ? null : f.apiKey,
    serviceMap: Object.fromEntries(filledRows(f.serviceRows).map((r) => [r.service, r.category])),
    defaultCategory: f.defaultCategory || null,
    enabled: f.enabled,
    pollSeconds: Number(f.pollSeconds),
  };
}

/**
 * The server names a service's unknown category `serviceMap.<code>`: it belongs beside the
 * service map, saying which service it is about.
 */
export function groupServiceErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    if (!key.startsWith('serviceMap.')) out[key] = message;
    else {
      const line = `${key.slice('serviceMap.'.length)}: ${message}`;
      out.serviceMap = out.serviceMap ? `${out.serviceMap}; ${line}` : line;
    }
  }
  return out;
}

/** How far behind the remote the last complete round is; under a minute is not "0 min". */
export function lagText(seconds: number | null, locale: Locale): string {
  if (seconds === null) return '—';
  if (seconds < 60) return locale === 'id' ? '< 1 mnt' : '< 1 min';
  return formatMinutes(seconds / 60, locale);
}

/** Requests skipped for any reason: no id, no location, a service with no category. */
export function skippedCount(c: ConnectorCounts): number {
  return c.skippedNoId + c.skippedNoLocation + c.skippedUnmapped;
}

export const ERROR_PREVIEW = 80;

/** The start of a long error, for the table; the whole of it goes in the cell's title. */
export function errorPreview(message: string): string {
  return message.length <= ERROR_PREVIEW ? message : `${message.slice(0, ERROR_PREVIEW - 1)}…`;
}
