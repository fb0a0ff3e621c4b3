import { describe, expect, it } from 'vitest';
import {
  isSecretParam,
  loggableHeaders,
  redactUrl,
} from '../../../../server/observability/redact.ts';

describe('redactUrl', () => {
  it.each([
    ['/wall?token=s3cret', '/wall?token=[redacted]'],
    ['/login/callback?code=abc123&state=xyz', '/login/callback?code=[redacted]&state=[redacted]'],
    ['/wall?pair=ABCD-EFGH', '/wall?pair=[redacted]'],
    ['/x?TOKEN=a&Token=b', '/x?TOKEN=[redacted]&Token=[redacted]'],
    ['/x?%74oken=encoded-name', '/x?%74oken=[redacted]'],
    [
      '/x?displayToken=a&client_secret=b&x-api-key=c',
      '/x?displayToken=[redacted]&client_secret=[redacted]&x-api-key=[redacted]',
    ],
    [
      '/api/v1/incidents?status=open&token=t&limit=5',
      '/api/v1/incidents?status=open&token=[redacted]&limit=5',
    ],
    [
      '/api/v1/incidents?kelurahanCode=3171&category=flooding',
      '/api/v1/incidents?kelurahanCode=3171&category=flooding',
    ],
    ['/wall?token=a#frag', '/wall?token=[redacted]'],
    ['/plain/path', '/plain/path'],
    ['/x?token', '/x?token'],
    ['/x?token=', '/x?token=[redacted]'],
    ['http://host:8080/wall?token=abc', 'http://host:8080/wall?token=[redacted]'],
    // A credential in a path is not something our routes take: the path is kept as it is.
    ['/api/v1/admin/tokens/tok_123', '/api/v1/admin/tokens/tok_123'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('isSecretParam', () => {
  it.each([
    ['token', true],
    ['access_token', true],
    ['code', true],
    ['password', true],
    ['%ZZbad', false],
    ['status', false],
    ['source', false],
  ])('%s → %s', (name, secret) => {
    expect(isSecretParam(name)).toBe(secret);
  });
});

describe('loggableHeaders', () => {
  it('keeps only harmless headers and redacts a referer’s query', () => {
    expect(
      loggableHeaders({
        authorization: 'Bearer secret-token',
        cookie: 'nakhoda_session=secret-session',
        'x-api-key': 'secret-key',
        'user-agent': 'curl/8',
        referer: 'http://localhost/wall?token=secret-wall',
      }),
    ).toEqual({ 'user-agent': 'curl/8', referer: 'http://localhost/wall?token=[redacted]' });
  });
});
