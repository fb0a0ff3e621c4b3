/**
 * Images of what is on screen, for the PNG and PDF exports. The map is two WebGL
 * canvases stacked: MapLibre's basemap (kept readable by preserveDrawingBuffer) and
 * deck.gl's overlay above it; they are composited into one offscreen canvas. Charts are
 * uPlot canvases, put on white so they print.
 */
import { BASEMAP_ATTRIBUTION } from '../../map/basemap-style.ts';

export function mapSnapshot(container: HTMLElement): HTMLCanvasElement | null {
  const base = container.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas');
  if (!base || base.width === 0 || base.height === 0) return null;
  const out = document.createElement('canvas');
  out.width = base.width;
  out.height = base.height;
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(base, 0, 0);
  for (const layer of container.querySelectorAll<HTMLCanvasElement>('canvas')) {
    // deck's canvas may have another pixel ratio; both cover the same CSS box.
    if (layer !== base && layer.width > 0) ctx.drawImage(layer, 0, 0, out.width, out.height);
  }
  // The basemap's credit travels with every copy of the map.
  const scale = out.width / Math.max(1, base.clientWidth || out.width);
  ctx.font = `${Math.round(11 * scale)}px sans-serif`;
  const text = BASEMAP_ATTRIBUTION;
  const w = ctx.measureText(text).width;
  ctx.fillStyle = 'rgba(255,255,255,0.8)';
  ctx.fillRect(out.width - w - 12 * scale, out.height - 18 * scale, w + 12 * scale, 18 * scale);
  ctx.fillStyle = '#333';
  ctx.fillText(text, out.width - w - 6 * scale, out.height - 5 * scale);
  return out;
}

export function onWhite(source: HTMLCanvasElement): HTMLCanvasElement {
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height;
  const ctx = out.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
  }
  return out;
}

export function chartSnapshot(box: HTMLElement | null): HTMLCanvasElement | null {
  const canvas = box?.querySelector<HTMLCanvasElement>('canvas');
  return canvas && canvas.width > 0 ? onWhite(canvas) : null;
}
