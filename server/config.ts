/**
 * Configuration from the environment, validated once at start with a message that
 * names the variable at fault.
 */
import { z } from 'zod';

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('sqlite:data/nakhoda.db')
    .refine(
      (u) => u.startsWith('sqlite:'),
      'only sqlite:PATH is supported in this version (e.g. sqlite:data/nakhoda.db)',
    ),
  SIMULATOR: onOff.default(true),
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
  TRUST_PROXY: z.string().max(200).optional(),
  RATE_INGEST_PER_MIN: z.coerce.number().int().positive().default(1200),
  RATE_INGEST_IP_PER_MIN: z.coerce.number().int().positive().default(3000),
  RATE_LOGIN_PER_MIN: z.coerce.number().int().positive().default(10),
  SOCKET_COMMANDS_PER_SEC: z.coerce.number().positive().default(20),
  BOUNDARIES: z.string().min(1).optional(),
  BOUNDARIES_ATTRIBUTION: z.string().max(200).default('Batas wilayah / Boundaries: HDX / BPS'),
  MAP_STYLE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Origins the map may fetch from besides the style's own (tiles, glyphs), space-separated. */
  MAP_CONNECT_SRC: z.string().max(2000).optional(),
  BASEMAP_PMTILES: z.string().min(1).optional(),
});

export type Config = z.infer<typeof EnvSchema> & { sqliteFile: string };

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
  return { ...parsed.data, sqliteFile: parsed.data.DATABASE_URL.slice('sqlite:'.length) };
}
