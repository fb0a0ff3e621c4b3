/**
 * A short alert tone made with the Web Audio API (two oscillator pips; no audio files to
 * ship or fetch). Browsers refuse to start audio before the user has interacted with the
 * page, so the AudioContext is only created after a gesture; until then `beep()` reports
 * that it was blocked and the console says so instead of failing silently.
 */
type AudioContextCtor = new () => AudioContext;

export interface Beeper {
  /** Plays the tone; false when the browser does not allow sound yet (or has no Web Audio). */
  beep(): boolean;
  /** Whether sound can play now. */
  ready(): boolean;
  /** Calls back once sound becomes possible (after the first gesture). */
  onReady(listener: () => void): () => void;
  dispose(): void;
}

const GESTURES = ['pointerdown', 'keydown'] as const;

export function createBeeper(win: Window = window): Beeper {
  const Ctor = (win as Window & { AudioContext?: AudioContextCtor }).AudioContext;
  let ctx: AudioContext | null = null;
  const listeners = new Set<() => void>();

  const unlock = () => {
    if (!Ctor) return;
    ctx ??= new Ctor();
    const notify = () => {
      if (ctx?.state !== 'running') return;
      for (const listener of [...listeners]) listener();
    };
    if (ctx.state === 'suspended') ctx.resume().then(notify, () => undefined);
    else notify();
  };
  for (const type of GESTURES) win.addEventListener(type, unlock, { capture: true });

  function pip(at: number, frequency: number): void {
    if (!ctx) return;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(frequency, at);
    // A quick attack and decay: an abrupt start or stop of a tone clicks.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.2);
  }

  return {
    beep() {
      if (!ctx || ctx.state !== 'running') return false;
      const t = ctx.currentTime;
      pip(t, 880);
      pip(t + 0.24, 1175);
      return true;
    },
    ready: () => ctx?.state === 'running',
    onReady(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      for (const type of GESTURES) win.removeEventListener(type, unlock, { capture: true });
      listeners.clear();
      void ctx?.close();
      ctx = null;
    },
  };
}
