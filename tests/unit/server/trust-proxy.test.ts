import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { parseTrustProxy } from '../../../server/trust-proxy.ts';

describe('TRUST_PROXY', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
    ['127.0.0.1,::1', ['127.0.0.1', '::1']],
    ['fd00::/8,uniquelocal', ['fd00::/8', 'uniquelocal']],
  ])('accepts %j as %j', (raw, value) => {
    expect(parseTrustProxy(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['yes'],
    ['10.0.0.0/33'],
    ['10.0.0/8'],
    ['loopback,nginx'],
    [','],
    ['1.5'],
    ['::1/129'],
  ])('refuses %j with a message saying what it expects', (raw) => {
    const parsed = parseTrustProxy(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/hop count/);
  });

  it('fails the start with a message naming TRUST_PROXY, not a raw TypeError', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY: expected true/);
  });

  it('takes a hop count as a number, so Express trusts that many proxies', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
  });

  it.each([
    ['https://ops.example.go.id/path'],
    ['ops.example.go.id'],
    ['https://a.b https://c.d/'],
  ])('refuses ALLOWED_ORIGINS=%j naming the variable', (raw) => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: raw })).toThrow(
      /ALLOWED_ORIGINS: '.*' is not an origin/,
    );
  });

  it('takes ALLOWED_ORIGINS as a list of origins', () => {
    expect(
      loadConfig({ ALLOWED_ORIGINS: 'https://a.example.id, http://127.0.0.1:5173' })
        .ALLOWED_ORIGINS,
    ).toEqual(['https://a.example.id', 'http://127.0.0.1:5173']);
  });
});
