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
