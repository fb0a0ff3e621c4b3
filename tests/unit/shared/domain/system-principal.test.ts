import { describe, expect, it } from 'vitest';
import {
  isSystemPrincipal,
  SYSTEM_PRINCIPAL,
  systemPrincipal,
} from '../../../../shared/domain/access.ts';

describe('system principals', () => {
  it('the simulator and a named connector are system principals', () => {
    expect(isSystemPrincipal(SYSTEM_PRINCIPAL)).toBe(true);
    const connector = systemPrincipal('open311:Bandung');
    expect(isSystemPrincipal(connector)).toBe(true);
    expect(connector).toMatchObject({ id: 'system:open311:Bandung', name: 'open311:Bandung' });
  });

  it('a look-alike with the same fields is not: only objects made by systemPrincipal are', () => {
    expect(isSystemPrincipal({ ...SYSTEM_PRINCIPAL })).toBe(false);
    expect(isSystemPrincipal({ ...systemPrincipal('open311:x') })).toBe(false);
  });
});
