/** The login page's `?next=`: only a path on this origin is followed; all else goes home. */
import { describe, expect, it } from 'vitest';
import { loginHref, safeNextPath } from '../../../../../client/views/login/next-path.ts';

describe('safeNextPath', () => {
  it.each([
    ['/ops', '/ops'],
    ['/ops?status=received&agency=dsda', '/ops?status=received&agency=dsda'],
    ['/wall#scene-2', '/wall#scene-2'],
    ['/briefing?from=2026-11-01', '/briefing?from=2026-11-01'],
    ['/admin/', '/admin/'],
    ['/a/../ops', '/ops'],
  ])('follows the same-origin path %s', (raw, out) => expect(safeNextPath(raw)).toBe(out));

  it.each([
    [null],
    [undefined],
    [''],
    ['ops'],
    ['//evil.example/ops'],
    ['///evil.example'],
    ['/\\evil.example'],
    ['/%5Cevil'.replace('%5C', '\\')],
    ['https://evil.example/'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['/\tjavascript:alert(1)'],
    ['/ops\nSet-Cookie: x=1'],
    ['data:text/html,<script>alert(1)</script>'],
    ['/login'],
    ['/login?next=/ops'],
    ['/' + 'a'.repeat(2100)],
  ])('goes home for %j', (raw) => expect(safeNextPath(raw)).toBe('/'));

  it('keeps a path that only looks odd but stays on the site', () => {
    expect(safeNextPath('/@evil.example')).toBe('/@evil.example');
    expect(safeNextPath('/ops?next=//evil.example')).toBe('/ops?next=//evil.example');
  });
});

describe('loginHref', () => {
  it('carries the page to come back to, and nothing for home', () => {
    expect(loginHref('/ops')).toBe('/login?next=%2Fops');
    expect(loginHref('/')).toBe('/login');
    expect(loginHref('//evil.example')).toBe('/login');
  });
});
