import { describe, expect, it } from 'vitest';
import { format, formatMinutes, formatPercent } from '../../../../client/i18n/locale.tsx';

describe('i18n formatting', () => {
  it.each([
    [null, 'id', '–'],
    [45, 'id', '45 mnt'],
    [45, 'en', '45 min'],
    [200, 'id', '3 j 20 mnt'],
    [180, 'en', '3 h'],
    [3120, 'id', '2 hr 4 j'],
    [-90, 'en', '−1 h 30 min'],
  ] as const)('formatMinutes(%s, %s) = %s', (m, l, out) => expect(formatMinutes(m, l)).toBe(out));

  it.each([
    [null, 'id', '–'],
    [97.5, 'id', '97,5%'],
    [97.5, 'en', '97.5%'],
  ] as const)('formatPercent(%s, %s) = %s', (p, l, out) => expect(formatPercent(p, l)).toBe(out));

  it('interpolates named placeholders and leaves unknown ones', () => {
    expect(format('{n} insiden di {kota} {x}', { n: 3, kota: 'Jakarta Utara' })).toBe(
      '3 insiden di Jakarta Utara {x}',
    );
  });
});
