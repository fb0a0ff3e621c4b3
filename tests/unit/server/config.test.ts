/**
 * Configuration errors (server/config.ts): each bad variable stops the start with a
 * message that names it and says what was expected, and names no other. TRUST_PROXY and
 * ALLOWED_ORIGINS (trust-proxy.test.ts) and the BACKDATE_* bounds (field-time.test.ts)
 * have their own tables.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, withoutPassword } from '../../../server/config.ts';

/** The variable, a bad value, and what the message must say about it. */
const BAD: [string, string, RegExp][] = [
  ['PORT', 'http', /expected number/i],
  ['PORT', '-1', />=\s*0/],
  ['PORT', '70000', /<=\s*65535/],
  ['PORT', '80.5', /int/i],
  ['DATABASE_URL', 'mysql://db/nakhoda', /expected sqlite:PATH .* or postgres:\/\//],
  ['DATABASE_URL', 'data/nakhoda.db', /expected sqlite:PATH/],
  ['DATABASE_SCHEMA', 'Public; DROP', /lower-case SQL name/],
  ['DATABASE_POOL_SIZE', '1', />=\s*2/],
  ['REDIS_URL', 'localhost:6379', /expected redis:\/\/host:port/],
  ['METRICS_TOKEN', 'short', /at least 16/],
  ['REDIS_PREFIX', 'city one', /letters, digits/],
  ['LOG_LEVEL', 'loud', /expected one of/],
  ['SIMULATOR', 'maybe', /expected one of .*"on".*"off"/],
  ['SIM_SEED', '-3', />=\s*0/],
  ['SIM_SPEED', '0', />\s*0/],
  ['SIM_SPEED', 'fast', /expected number/i],
  ['SIM_SPEED', '1000000', /<=\s*100000/],
  ['SIM_RATE', '-5', />\s*0/],
  ['SIM_BACKFILL_DAYS', '91', /<=\s*90/],
  ['SIM_BACKFILL_DAYS', '1.5', /int/i],
  ['WINDOW_HOURS', '12', />=\s*24/],
  ['WINDOW_HOURS', '721', /<=\s*720/],
  ['NAKHODA_ADMIN_PASSWORD', 'short', /at least 10 characters/],
  ['NAKHODA_ADMIN_TOKEN', 'too-short-token', /at least 24 characters/],
  ['SESSION_HOURS', '0', />\s*0/],
  ['SESSION_HOURS', '1000', /<=\s*720/],
  ['PRINCIPAL_RECHECK_SECONDS', '0', />\s*0/],
  ['PRINCIPAL_RECHECK_SECONDS', '7200', /<=\s*3600/],
  ['RATE_INGEST_PER_MIN', '0', />\s*0/],
  ['RATE_INGEST_PER_MIN', '2.5', /int/i],
  ['RATE_INGEST_IP_PER_MIN', 'lots', /expected number/i],
  ['RATE_LOGIN_PER_MIN', '-1', />\s*0/],
  ['SOCKET_COMMANDS_PER_SEC', '0', />\s*0/],
  ['HEAVY_READS_PER_PRINCIPAL', '0', />\s*0/],
  ['RATE_HEAVY_READ_PER_MIN', '1.5', /int/i],
  ['SEND_DEADLINE_SECONDS', '0', />\s*0/],
  ['SEND_STALL_SECONDS', '-30', />\s*0/],
  ['BOUNDARIES_ATTRIBUTION', 'x'.repeat(201), /<=\s*200/],
  ['MAP_STYLE_URL', 'tiles.example.org/style.json', /url/i],
  ['MAP_CONNECT_SRC', 'x'.repeat(2001), /<=\s*2000/],
];

/** Every variable the table covers; a message must name only the one that is wrong. */
const NAMES = [...new Set(BAD.map(([name]) => name))];

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration errors', () => {
  it('starts from an empty environment with the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      database: { kind: 'sqlite', file: 'data/nakhoda.db' },
      SIMULATOR: true,
      WINDOW_HOURS: 24,
      SESSION_HOURS: 12,
    });
  });

  it.each(BAD)('%s=%j is refused, naming it', (name, value, says) => {
    const message = failure({ [name]: value });
    expect(message).toMatch(/^invalid configuration:\n/);
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^\\s+${name}: `));
    expect(lines[0]).toMatch(says);
    for (const other of NAMES.filter((n) => n !== name)) expect(message).not.toContain(other);
  });

  it('names every bad variable at once, one per line', () => {
    const message = failure({ PORT: 'http', WINDOW_HOURS: '1', SESSION_HOURS: '0' });
    const named = message
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(':')[0]);
    expect(named.sort()).toEqual(['PORT', 'SESSION_HOURS', 'WINDOW_HOURS']);
  });

  it('treats an empty variable as unset, not as a bad value', () => {
    expect(loadConfig({ PORT: '', SESSION_HOURS: '' })).toMatchObject({
      PORT: 8080,
      SESSION_HOURS: 12,
    });
  });

  it.each([
    ['postgres://nakhoda:pw@db:5432/city', 'public'],
    ['postgresql://db/city', 'public'],
  ])('takes %s as PostgreSQL', (url, schema) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({
      kind: 'postgres',
      url,
      schema,
      poolSize: 10,
    });
  });

  it('takes a schema and a pool size for PostgreSQL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/city',
      DATABASE_SCHEMA: 'jakarta',
      DATABASE_POOL_SIZE: '4',
    });
    expect(config.database).toMatchObject({ schema: 'jakarta', poolSize: 4 });
  });
});

describe('withoutPassword', () => {
  it.each([
    ['postgres://nakhoda:s3cret@db:5432/city', 'postgres://nakhoda:REDACTED@db:5432/city'],
    ['redis://:s3cret@cache:6379', 'redis://:REDACTED@cache:6379'],
    ['postgres://db/city', 'postgres://db/city'],
    ['sqlite:data/nakhoda.db', 'sqlite:data/nakhoda.db'],
    ['not a url', 'not a url'],
  ])('%s → %s', (raw, shown) => {
    expect(withoutPassword(raw)).toBe(shown);
    expect(withoutPassword(raw)).not.toContain('s3cret');
  });
});
