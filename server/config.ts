/**
 * Configuration from the environment, validated once at start with a message that
 * names the variable at fault.
 */
import { z } from 'zod';
import type { BackdatePolicy } from '../shared/domain/field-time.ts';
import { HOUR_MS, MINUTE_MS } from '../shared/domain/time.ts';
import { SOURCES, type Source } from '../shared/domain/types.ts';
import { parseTrustProxy } from './trust-proxy.ts';

/** A year: the longest backdating any bound may allow. */
const MAX_BACKDATE_HOURS = 24 * 366;

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const originOf = (s: string): string | null => {
  try {
    return new URL(s).origin;
  } catch {
    return null;
  }
};

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('sqlite:data/nakhoda.db')
    .refine(
      (u) => u.startsWith('sqlite:') || parsePostgresUrl(u) !== null,
      'expected sqlite:PATH (e.g. sqlite:data/nakhoda.db) or postgres://user@host:port/database',
    ),
  /** The PostgreSQL schema holding the log and accounts (one database can hold several). */
  DATABASE_SCHEMA: z
    .string()
    .regex(
      /^[a-z_][a-z0-9_]{0,47}$/,
      'a lower-case SQL name like public or nakhoda (≤ 48 characters)',
    )
    .default('public'),
  /** Connections per node to PostgreSQL for the log (appends use one at a time). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  /** Redis between nodes (Socket.IO adapter, shared rate limits): redis://host:port. */
  REDIS_URL: z
    .string()
    .refine((u) => /^rediss?:\/\/./.test(u), 'expected redis://host:port (or rediss://)')
    .optional(),
  /** Names this deployment's keys and stream in Redis; the same on every node of one city. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)')
    .default('nakhoda'),
  /** What a /metrics scrape from another host must present as a bearer token. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').max(512).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIMULATOR: onOff.default(true),
  /** The analyst: SLA warnings, breaches and their escalation, raised as alerts in the log. */
  ANALYST: onOff.default(true),
  /**
   * Link a new report to an open incident of its category near enough (the city pack's
   * duplicate rules) as its duplicate; off, only supervisors link by hand.
   */
  DUPLICATE_LINKS: onOff.default(true),
  /** How often the analyst looks at the open incidents and its alerts, in seconds. */
  ANALYST_TICK_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  SIM_SEED: z.coerce.number().int().min(0).default(20261127),
  SIM_SPEED: z.coerce.number().positive().max(100_000).default(60),
  SIM_RATE: z.coerce.number().positive().max(100_000).optional(),
  SIM_BACKFILL_DAYS: z.coerce.number().int().min(0).max(90).default(3),
  WINDOW_HOURS: z.coerce
    .number()
    .min(24)
    .max(24 * 30)
    .default(24),
  STATIC_DIR: z.string().default('dist'),
  NAKHODA_ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').max(256).optional(),
  NAKHODA_ADMIN_TOKEN: z.string().min(24, 'at least 24 characters').max(512).optional(),
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  TRUST_PROXY: z
    .string()
    .max(500)
    .transform((raw, ctx) => {
      const parsed = parseTrustProxy(raw);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    })
    .optional(),
  /** Other origins whose pages may use a login session (space- or comma-separated). */
  ALLOWED_ORIGINS: z
    .string()
    .max(2000)
    .transform((raw, ctx) => {
      const origins = raw.split(/[\s,]+/).filter(Boolean);
      for (const o of origins) {
        if (originOf(o) !== o) {
          ctx.addIssue({
            code: 'custom',
            message: `'${o}' is not an origin like https://host:port`,
          });
          return z.NEVER;
        }
      }
      return origins;
    })
    .optional(),
  /** How often a live socket's token or session is checked again (expiry), in seconds. */
  PRINCIPAL_RECHECK_SECONDS: z.coerce.number().positive().max(3600).default(15),
  RATE_INGEST_PER_MIN: z.coerce.number().int().positive().default(1200),
  RATE_INGEST_IP_PER_MIN: z.coerce.number().int().positive().default(3000),
  RATE_LOGIN_PER_MIN: z.coerce.number().int().positive().default(10),
  SOCKET_COMMANDS_PER_SEC: z.coerce.number().positive().default(20),
  HEAVY_READS_PER_PRINCIPAL: z.coerce.number().int().positive().default(4),
  RATE_HEAVY_READ_PER_MIN: z.coerce.number().int().positive().default(60),
  SEND_DEADLINE_SECONDS: z.coerce.number().positive().default(300),
  SEND_STALL_SECONDS: z.coerce.number().positive().default(30),
  /**
   * A live socket with more than this queued and unread (MiB) is cut off; its screen
   * reconnects and resumes. Above the largest snapshot a healthy screen is sent at once.
   */
  SOCKET_SEND_BUFFER_MB: z.coerce.number().positive().max(4096).default(32),
  /** How far back people and API tokens may date a report or a change (minutes). */
  BACKDATE_DESK_MINUTES: z.coerce
    .number()
    .min(0)
    .max(MAX_BACKDATE_HOURS * 60)
    .default(10),
  /**
   * How far back field crews (agency users an admin marked so) may date a change (hours):
   * what a phone queued without signal is sent later, with the time it was done.
   */
  FIELD_BACKDATE_HOURS: z.coerce.number().min(0).max(MAX_BACKDATE_HOURS).default(12),
  /** How far back ingest keys may date a report (hours), unless their source has its own. */
  BACKDATE_INGEST_HOURS: z.coerce.number().min(0).max(MAX_BACKDATE_HOURS).default(24),
  /** Per-source bounds for ingest keys, in hours: `simulator=2400,call112=1`. */
  BACKDATE_SOURCE_HOURS: z
    .string()
    .max(1000)
    .transform((raw, ctx) => {
      const hours: Partial<Record<Source, number>> = {};
      const pairs = raw.split(',').map((p) => p.trim());
      for (const pair of pairs.filter(Boolean)) {
        const [source = '', value = '', extra] = pair.split('=').map((p) => p.trim());
        const n = Number(value);
        if (extra !== undefined || !(SOURCES as readonly string[]).includes(source)) {
          ctx.addIssue({
            code: 'custom',
            message: `'${pair}': expected source=hours with a source among ${SOURCES.join(', ')}`,
          });
          return z.NEVER;
        }
        if (value === '' || !Number.isFinite(n) || n < 0 || n > MAX_BACKDATE_HOURS) {
          ctx.addIssue({
            code: 'custom',
            message: `'${pair}': hours must be a number from 0 to ${MAX_BACKDATE_HOURS}`,
          });
          return z.NEVER;
        }
        hours[source as Source] = n;
      }
      return hours;
    })
    .default({}),
  /** Where photos' served copies are kept on SQLite deployments; beside the database file by default. */
  MEDIA_DIR: z.string().min(1).optional(),
  /** The largest photo a field crew may upload, in MB. */
  MEDIA_MAX_MB: z.coerce.number().positive().max(100).default(10),
  /**
   * Whether an agency operator must prove a closure with an after photo (or a supervisor's
   * waiver). On: crews take the photo on /field; a deployment whose agencies resolve only
   * from the desk turns it off.
   */
  FIELD_PROOF_REQUIRED: onOff.default(true),
  /** How near the incident an after photo proving its closure must be taken, in metres. */
  FIELD_PROOF_RADIUS_M: z.coerce.number().int().min(1).max(100_000).default(150),
  BOUNDARIES: z.string().min(1).optional(),
  BOUNDARIES_ATTRIBUTION: z.string().max(200).default('Batas wilayah / Boundaries: HDX / BPS'),
  MAP_STYLE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Origins the map may fetch from besides the style's own (tiles, glyphs), space-separated. */
  MAP_CONNECT_SRC: z.string().max(2000).optional(),
  BASEMAP_PMTILES: z.string().min(1).optional(),
  /** Where links in notifications point (https://nakhoda.example); this node's URL when unset. */
  NOTIFY_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** The SMTP server for email notifications (smtp:// or smtps://user:pass@host:port); no email without it. */
  NOTIFY_SMTP_URL: z
    .string()
    .max(1000)
    .refine((u) => /^smtps?:\/\/./.test(u), 'expected smtp://host:port or smtps://host:port')
    .optional(),
  /** The From of notification emails: an address, or Name <address>. */
  NOTIFY_FROM: z
    .string()
    .max(320)
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'an email address, or Name <address>')
    .default('Nakhoda <nakhoda@localhost>'),
  /** How long one webhook POST or email may take before the try fails, in seconds. */
  NOTIFY_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(10),
  /** How often each node looks for notifications due (retries, replays), in seconds. */
  NOTIFY_POLL_SECONDS: z.coerce.number().positive().max(3600).default(5),
});

/** Where the log and the accounts live. */
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema: string; poolSize: number };

export type Config = z.infer<typeof EnvSchema> & { database: DatabaseConfig };

function parsePostgresUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:' ? url : null;
  } catch {
    return null;
  }
}

/** A connection URL fit for a log line: its password, if any, replaced. */
export function withoutPassword(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (!url.password) return raw;
  url.password = 'REDACTED';
  return url.toString();
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const picked = Object.fromEntries(
    Object.keys(EnvSchema.shape).flatMap((k) =>
      env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]],
    ),
  );
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const { DATABASE_URL: url } = parsed.data;
  const database: DatabaseConfig = url.startsWith('sqlite:')
    ? { kind: 'sqlite', file: url.slice('sqlite:'.length) }
    : {
        kind: 'postgres',
        url,
        schema: parsed.data.DATABASE_SCHEMA,
        poolSize: parsed.data.DATABASE_POOL_SIZE,
      };
  return { ...parsed.data, database };
}

/** The backdating bounds of `config`, in the shared rule's terms. */
export function backdatePolicy(config: Config): BackdatePolicy {
  const sourceMs: BackdatePolicy['sourceMs'] = {};
  for (const [source, hours] of Object.entries(config.BACKDATE_SOURCE_HOURS)) {
    sourceMs[source as Source] = hours * HOUR_MS;
  }
  return {
    deskMs: config.BACKDATE_DESK_MINUTES * MINUTE_MS,
    fieldMs: config.FIELD_BACKDATE_HOURS * HOUR_MS,
    ingestMs: config.BACKDATE_INGEST_HOURS * HOUR_MS,
    sourceMs,
  };
}
