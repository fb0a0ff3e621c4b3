// @vitest-environment jsdom
/**
 * The field crews' events in the /ops drawer's timeline, in both languages: a claim, a
 * photo with its thumbnail and checks, a waiver.
 */
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import type { IncidentEvent } from '../../../../../shared/domain/types.ts';
import { LocaleProvider } from '../../../../../client/i18n/locale.tsx';
import { IncidentTimeline } from '../../../../../client/views/ops/incident-timeline.tsx';
import { useOpsLabels, type OpsLabels } from '../../../../../client/views/ops/use-ops-labels.ts';
import { incident, iso, MIN, T0 } from '../../../../support/ops-fixtures.ts';

afterEach(cleanup);

function WithLabels({ children }: { children: (labels: OpsLabels) => ReactNode }) {
  return <>{children(useOpsLabels(JAKARTA))}</>;
}

const base = { incidentId: 'f-1', actor: { kind: 'user' as const, id: 'sda' } };
const photo = (seq: number, distanceM: number | null, afterDispatch: boolean): IncidentEvent => ({
  ...base,
  seq,
  at: iso(T0 + seq * MIN),
  type: 'incident.photo_added',
  data: {
    photoId: 'a'.repeat(64),
    kind: seq === 3 ? 'before' : 'after',
    mime: 'image/jpeg',
    bytes: 1000,
    width: 4,
    height: 3,
    exif: { takenAt: null, lon: null, lat: null },
    device: { takenAt: null, position: null },
    checks: { distanceM, afterDispatch },
    occurredAt: iso(T0 + seq * MIN),
    note: null,
  },
});
const history: IncidentEvent[] = [
  {
    ...base,
    seq: 2,
    at: iso(T0),
    type: 'incident.claimed',
    data: { assignee: 'sda', occurredAt: iso(T0), note: null },
  },
  photo(3, null, false),
  photo(4, 42, true),
  {
    ...base,
    seq: 5,
    at: iso(T0 + 5 * MIN),
    type: 'incident.proof_waived',
    data: { by: 'sup', note: 'Kamera rusak', occurredAt: iso(T0 + 5 * MIN) },
  },
];

describe('the timeline of a field crew', () => {
  it.each([
    [
      'id',
      ['Diambil oleh sda', 'Foto sebelum', 'Foto sesudah', 'Bukti foto dikecualikan oleh sup'],
    ],
    ['en', ['Claimed by sda', 'Before photo', 'After photo', 'Photo proof waived by sup']],
  ] as const)('says what happened (%s)', (locale, want) => {
    render(
      <LocaleProvider initial={locale}>
        <WithLabels>
          {(labels) => (
            <IncidentTimeline
              state={{ status: 'ready', detail: { incident: incident({ id: 'f-1' }), history } }}
              timeZone={JAKARTA.timeZone}
              labels={labels}
              onRetry={() => undefined}
              proofRadiusM={150}
            />
          )}
        </WithLabels>
      </LocaleProvider>,
    );
    const words = screen
      .getAllByTestId('timeline-event')
      .map((li) => li.querySelector('.ops-timeline__what')?.textContent);
    expect(words).toEqual(want);
  });

  it('shows each photo as a thumbnail that opens the full copy, its checks beside it', () => {
    render(
      <LocaleProvider initial="en">
        <WithLabels>
          {(labels) => (
            <IncidentTimeline
              state={{ status: 'ready', detail: { incident: incident({ id: 'f-1' }), history } }}
              timeZone={JAKARTA.timeZone}
              labels={labels}
              onRetry={() => undefined}
              proofRadiusM={150}
            />
          )}
        </WithLabels>
      </LocaleProvider>,
    );
    const photos = screen.getAllByTestId('photo-evidence');
    expect(photos).toHaveLength(2);
    const [before, after] = photos as [HTMLElement, HTMLElement];
    const img = after.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(`/api/v1/media/${'a'.repeat(64)}/thumb`);
    expect(img.getAttribute('alt')).toBe('After photo of incident #f-1');
    const link = after.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(`/api/v1/media/${'a'.repeat(64)}.jpg`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    const text = (el: HTMLElement, id: string) =>
      el.querySelector(`[data-testid="${id}"]`)?.textContent;
    expect(text(after, 'photo-distance')).toBe('42 m ✓ ≤150 m');
    expect(text(after, 'photo-dispatch')).toBe('✗ no capture time');
    expect(text(before, 'photo-distance')).toBe('✗ no position');
    expect(after.querySelector('[data-testid="photo-distance"]')?.getAttribute('data-state')).toBe(
      'pass',
    );
    expect(text(after, 'photo-sources')).toBe('time: – · place: –');
  });
});
