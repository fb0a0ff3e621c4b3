/**
 * Names the frames of a CDP CPU profile (`Profiler.stop`) taken on a minified build: each
 * sampled function's start position is looked up in its chunk's source map (Node's own
 * `module.SourceMap`, no extra dependency), so "Ze" in assets/index-x.js becomes
 * `client/map/pins.layer.ts:27 pinsLayer`. Self time is summed per original function.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `source:line name` for a mapped frame, the frame's own name otherwise. */
  name: string;
  ms: number;
}

/** Source maps of one served build, keyed by the chunk's URL path ("/assets/x.js"). */
export function sourceMapsOf(dist: string): (urlPath: string) => SourceMap | null {
  const cache = new Map<string, SourceMap | null>();
  return (urlPath) => {
    if (!cache.has(urlPath)) {
      const file = join(dist, `${urlPath}.map`);
      const payload = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
      cache.set(urlPath, payload ? new SourceMap(payload) : null);
    }
    return cache.get(urlPath) ?? null;
  };
}

function frameName(
  frame: ProfileNode['callFrame'],
  mapOf: (urlPath: string) => SourceMap | null,
): string {
  const own = frame.functionName || '(anonymous)';
  if (!frame.url.startsWith('http')) return own;
  const path = new URL(frame.url).pathname;
  const entry = mapOf(path)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !('originalSource' in entry)) return own;
  // Sources are relative to the chunk's folder (../../client/…): show them from the root.
  const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
  const name = (entry as { name?: string }).name ?? own;
  return `${source}:${entry.originalLine + 1} ${name}`;
}

/** Self time per (mapped) function, in ms, largest first; `(idle)` and `(program)` kept. */
export function mappedSelfTimes(
  profile: CpuProfile,
  mapOf: (urlPath: string) => SourceMap | null,
): SelfTime[] {
  const names = new Map(profile.nodes.map((n) => [n.id, frameName(n.callFrame, mapOf)]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    // A sample's duration is the gap to the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    const name = names.get(id) ?? '?';
    times.set(name, (times.get(name) ?? 0) + us / 1000);
  });
  return [...times.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/**
 * Inclusive (total) time per mapped function: a function's own samples plus those of
 * everything it called, each sample counted once per function even under recursion.
 */
export function mappedTotalTimes(
  profile: CpuProfile & { nodes: (ProfileNode & { children?: number[] })[] },
  mapOf: (urlPath: string) => SourceMap | null,
): SelfTime[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const names = new Map(profile.nodes.map((n) => [n.id, frameName(n.callFrame, mapOf)]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = names.get(n) ?? '?';
      if (seen.has(name)) continue;
      seen.add(name);
      times.set(name, (times.get(name) ?? 0) + ms);
    }
  });
  return [...times.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}
