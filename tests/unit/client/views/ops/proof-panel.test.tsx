// @vitest-environment jsdom
/**
 * The drawer's proof-of-closure section in a DOM: the proof line, the waiver only for a
 * supervisor on an unproven open incident, a required reason, the server's refusal shown.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../../../../shared/domain/access.ts';
import type { FieldSettings } from '../../../../../shared/domain/field-proof.ts';
import type { Incident } from '../../../../../shared/domain/types.ts';
import { LocaleProvider } from '../../../../../client/i18n/locale.tsx';
import { ProofPanel } from '../../../../../client/views/ops/proof-panel.tsx';
import type { ProofWaiverActions } from '../../../../../client/views/ops/use-proof-waiver.ts';
import { incident, iso, T0 } from '../../../../support/ops-fixtures.ts';

afterEach(cleanup);

const SETTINGS: FieldSettings = { proofRequired: true, proofRadiusM: 150, maxPhotoBytes: 1 };
const who = (role: Role): Principal => ({
  kind: 'user',
  id: role,
  name: role,
  role,
  agency: null,
  source: null,
});
const open = incident({ id: 'p-1', status: 'dispatched', dispatchedAt: iso(T0) });

function renderPanel(o: {
  inc?: Incident;
  role?: Role;
  feedback?: ProofWaiverActions['feedback'];
  locale?: 'id' | 'en';
}) {
  const sent: string[] = [];
  const actions: ProofWaiverActions = {
    pending: false,
    feedback: o.feedback ?? null,
    waive: async (note) => {
      sent.push(note);
      return true;
    },
  };
  render(
    <LocaleProvider initial={o.locale ?? 'en'}>
      <ProofPanel
        incident={o.inc ?? open}
        settings={SETTINGS}
        principal={who(o.role ?? 'supervisor')}
        actions={actions}
      />
    </LocaleProvider>,
  );
  return { sent };
}

describe('the proof panel', () => {
  it.each<['id' | 'en', string]>([
    [
      'id',
      '✗ Belum ada: perlu foto sesudah yang diambil setelah penugasan dalam 150 m, atau pengecualian supervisor',
    ],
    [
      'en',
      '✗ Not yet: wants an after photo taken after dispatch within 150 m, or a supervisor’s waiver',
    ],
  ])('says what is missing (%s)', (locale, want) => {
    renderPanel({ locale });
    expect(screen.getByTestId('proof-line').textContent).toBe(want);
  });

  it('names who waived it and why, and offers no second waiver', () => {
    renderPanel({ inc: { ...open, proofWaived: { by: 'sup', note: 'Kamera rusak' } } });
    expect(screen.getByTestId('proof-line').textContent).toBe('✓ Waived by sup: Kamera rusak');
    expect(screen.queryByTestId('proof-waive')).toBeNull();
  });

  it('offers an agency operator no waiver', () => {
    renderPanel({ role: 'agency' });
    expect(screen.queryByTestId('proof-waive')).toBeNull();
  });

  it('sends a supervisor’s waiver only with a reason', async () => {
    const { sent } = renderPanel({});
    fireEvent.click(screen.getByTestId('proof-waive'));
    const confirm = screen.getByTestId('proof-waive-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('proof-waive-note'), { target: { value: '   ' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('proof-waive-note'), {
      target: { value: '  Kamera rusak  ' },
    });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await screen.findByTestId('proof-waive');
    expect(sent).toEqual(['Kamera rusak']);
  });

  it('shows the server’s message when it refuses', () => {
    renderPanel({ feedback: { kind: 'refused', message: 'the proof is already waived' } });
    expect(screen.getByTestId('proof-error').textContent).toBe(
      'Refused: the proof is already waived',
    );
  });
});
