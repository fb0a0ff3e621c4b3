/**
 * The pulse ripple's timing (pulseShape, the TypeScript twin of the shader's math): where
 * a ring starts, how it swells and fades over a period, and that it repeats.
 */
import { describe, expect, it } from 'vitest';
import {
  PULSE_ALPHA,
  PULSE_GROW,
  PULSE_PERIOD_S,
  pulseSeconds,
  pulseShape,
} from '../../../../client/map/pulse-ring.layer.ts';

describe('pulse ripple', () => {
  it('starts small and bright at its start time', () => {
    expect(pulseShape(0)).toEqual({ grow: PULSE_GROW[0], alpha: PULSE_ALPHA[0] });
  });

  it('swells and fades through the period, towards the largest and faintest ring', () => {
    const steps = [0, 0.25, 0.5, 0.75, 0.99].map((f) => pulseShape(f * PULSE_PERIOD_S));
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]!.grow).toBeGreaterThan(steps[i - 1]!.grow);
      expect(steps[i]!.alpha).toBeLessThan(steps[i - 1]!.alpha);
    }
    expect(steps[4]!.grow).toBeCloseTo(PULSE_GROW[1], 2);
    expect(steps[4]!.alpha).toBeCloseTo(PULSE_ALPHA[1], 2);
  });

  it.each([0.3, 1.1, -0.7, 3600.4])('repeats every period (age %s s)', (age) => {
    const a = pulseShape(age);
    const b = pulseShape(age + 3 * PULSE_PERIOD_S);
    expect(b.grow).toBeCloseTo(a.grow, 6);
    expect(b.alpha).toBeCloseTo(a.alpha, 6);
  });

  it('stays within its bounds for a start in the future (a clock ahead of this one)', () => {
    const { grow, alpha } = pulseShape(-0.5);
    expect(grow).toBeGreaterThanOrEqual(PULSE_GROW[0]);
    expect(grow).toBeLessThanOrEqual(PULSE_GROW[1]);
    expect(alpha).toBeLessThanOrEqual(PULSE_ALPHA[0]);
    expect(alpha).toBeGreaterThanOrEqual(PULSE_ALPHA[1]);
  });

  it('measures the shader clock in seconds between two instants', () => {
    const t = Date.parse('2026-11-27T03:00:00.000Z');
    expect(pulseSeconds(t + 2500) - pulseSeconds(t)).toBeCloseTo(2.5, 9);
  });
});
