/**
 * A ScatterplotLayer whose rings ripple on a shader clock: each point carries the second
 * it started (`getStartTime`), one uniform carries the time, and the vertex shader swells
 * the ring and fades its outline from their difference (`pulseShape` is the same math in
 * TypeScript). A data change only uploads attributes; no attribute transition, so no
 * synchronous GPU read-back (deck.gl's transitions pad buffers by reading them back). The
 * layer asks for a redraw PULSE_FPS times a second while it has rings, and never otherwise.
 */
import type { Accessor, DefaultProps, UpdateParameters } from '@deck.gl/core';
import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import type { ShaderModule } from '@luma.gl/shadertools';

/** One ripple lasts this long, then starts again. */
export const PULSE_PERIOD_S = 2;
/** Ring radius as a multiple of the point's radius, at the start and end of a ripple. */
export const PULSE_GROW = [1.6, 3.4] as const;
/** Outline alpha (0–1) at the start and end of a ripple. */
export const PULSE_ALPHA = [0.9, 0.15] as const;
/**
 * Redraws per second while rings are shown: smooth enough for a ripple seen from across a
 * room, and a third of a display's rate, so a software-rendered browser stays cool.
 */
export const PULSE_FPS = 20;

/** Times are seconds since this origin: a float32 keeps milliseconds for days from it. */
const CLOCK_ORIGIN_MS = Date.now();

/** Seconds since the clock origin, as the shader sees `pulse.time` and `getStartTime`. */
export function pulseSeconds(epochMs: number): number {
  return (epochMs - CLOCK_ORIGIN_MS) / 1000;
}

/** Radius multiple and outline alpha of a ring `ageS` seconds after its start. */
export function pulseShape(ageS: number): { grow: number; alpha: number } {
  const phase = ageS / PULSE_PERIOD_S - Math.floor(ageS / PULSE_PERIOD_S);
  const eased = 1 - (1 - phase) * (1 - phase);
  return {
    grow: PULSE_GROW[0] + (PULSE_GROW[1] - PULSE_GROW[0]) * eased,
    alpha: PULSE_ALPHA[0] + (PULSE_ALPHA[1] - PULSE_ALPHA[0]) * eased,
  };
}

const f = (n: number) => n.toFixed(4);
const uniformBlock = /* glsl */ `\
layout(std140) uniform pulseUniforms {
  float time;
} pulse;
`;

/** The GLSL twin of pulseShape: x is the radius multiple, y the alpha factor. */
const pulseModule = {
  name: 'pulse',
  vs: /* glsl */ `${uniformBlock}
in float instanceStartTimes;
vec2 pulse_shape() {
  float phase = fract((pulse.time - instanceStartTimes) / ${f(PULSE_PERIOD_S)});
  float eased = 1.0 - (1.0 - phase) * (1.0 - phase);
  return vec2(
    mix(${f(PULSE_GROW[0])}, ${f(PULSE_GROW[1])}, eased),
    mix(${f(PULSE_ALPHA[0])}, ${f(PULSE_ALPHA[1])}, eased)
  );
}
`,
  uniformTypes: { time: 'f32' },
} as const satisfies ShaderModule<{ time: number }>;

const inject = {
  // The ring swells around its centre...
  'vs:DECKGL_FILTER_SIZE': 'size *= pulse_shape().x;',
  // ...with the outline keeping its width in pixels, and fades as it goes.
  'vs:#main-end': /* glsl */ `
  vec2 pulseNow = pulse_shape();
  innerUnitRadius = 1.0 - (1.0 - innerUnitRadius) / pulseNow.x;
  vLineColor.a *= pulseNow.y;
`,
};

export type PulseRingProps<D> = ScatterplotLayerProps<D> & {
  /** When the point's ripple started, in `pulseSeconds`. */
  getStartTime: Accessor<D, number>;
};

const defaultProps: DefaultProps<PulseRingProps<unknown>> = {
  ...ScatterplotLayer.defaultProps,
  getStartTime: { type: 'accessor', value: 0 },
};

type DrawOptions = Parameters<ScatterplotLayer['draw']>[0];
type LayerContext = Parameters<ScatterplotLayer['finalizeState']>[0];

export class PulseRingLayer<D = unknown> extends ScatterplotLayer<
  D,
  { getStartTime: Accessor<D, number> }
> {
  static override layerName = 'PulseRingLayer';
  static override defaultProps = defaultProps;

  declare state: ScatterplotLayer<D>['state'] & { redrawTimer?: ReturnType<typeof setTimeout> };

  override getShaders() {
    const shaders = super.getShaders();
    return {
      ...shaders,
      modules: [...shaders.modules, pulseModule],
      inject: { ...shaders.inject, ...inject },
    };
  }

  override initializeState() {
    super.initializeState();
    this.getAttributeManager()!.addInstanced({
      instanceStartTimes: { size: 1, accessor: 'getStartTime', defaultValue: 0 },
    });
  }

  override updateState(params: UpdateParameters<this>) {
    super.updateState(params);
    if (!this.props.data || this.getNumInstances() === 0) this.stopClock();
  }

  override draw(opts: DrawOptions) {
    this.state.model?.shaderInputs.setProps({ pulse: { time: pulseSeconds(Date.now()) } });
    super.draw(opts);
    this.stopClock();
    if (this.getNumInstances() > 0)
      this.state.redrawTimer = setTimeout(() => this.setNeedsRedraw(), 1000 / PULSE_FPS);
  }

  override finalizeState(context: LayerContext) {
    this.stopClock();
    super.finalizeState(context);
  }

  private stopClock() {
    clearTimeout(this.state.redrawTimer);
    this.state.redrawTimer = undefined;
  }
}
