// @vitest-environment jsdom
/**
 * The paced data version: the first change passes at once, a burst is held to one change
 * a period, and the last version of a burst always arrives.
 */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePacedVersion } from '../../../../client/map/use-paced-version.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-12-01T00:00:00.000Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('usePacedVersion', () => {
  it('passes the first change at once, then at most one change a period, ending on the last', () => {
    const { result, rerender } = renderHook(({ v }) => usePacedVersion(v, 1000), {
      initialProps: { v: 0 },
    });
    expect(result.current).toBe(0);
    rerender({ v: 1 });
    expect(result.current).toBe(1);

    // A burst within the period is held back...
    act(() => vi.advanceTimersByTime(100));
    rerender({ v: 2 });
    act(() => vi.advanceTimersByTime(100));
    rerender({ v: 3 });
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(700));
    expect(result.current).toBe(1);
    // ...and its last version arrives when the period is over.
    act(() => vi.advanceTimersByTime(100));
    expect(result.current).toBe(3);
  });

  it('passes a change after a quiet spell at once', () => {
    const { result, rerender } = renderHook(({ v }) => usePacedVersion(v, 1000), {
      initialProps: { v: 0 },
    });
    rerender({ v: 1 });
    act(() => vi.advanceTimersByTime(5000));
    rerender({ v: 2 });
    expect(result.current).toBe(2);
  });
});
