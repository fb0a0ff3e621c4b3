/**
 * TRUST_PROXY as Express understands it, validated: `true`/`false`, a hop count, or a
 * comma list of addresses, subnets and the names loopback, linklocal, uniquelocal.
 * Express would take the string "1" as the address 0.0.0.1 and crash on "true".
 */
import { isIP } from 'node:net';

export type TrustProxy = boolean | number | string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The parsed setting, or a message saying what is wrong with it. */
export function parseTrustProxy(
  raw: string,
): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const v = raw.trim().toLowerCase();
  if (v === 'true') return { ok: true, value: true };
  if (v === 'false') return { ok: true, value: false };
  if (/^\d+$/.test(v)) return { ok: true, value: Number(v) };
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !validEntry(e));
  if (entries.length === 0 || bad.length > 0) {
    return {
      ok: false,
      message: `expected true, false, a hop count (1, 2, …) or a comma list of addresses, subnets (10.0.0.0/8) and loopback|linklocal|uniquelocal; '${bad[0] ?? raw}' is none of these`,
    };
  }
  return { ok: true, value: entries };
}
