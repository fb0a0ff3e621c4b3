/**
 * Where a `node --cpu-prof` profile's time went: self time per function (with its file)
 * and per part — our server, shared rules, each package in node_modules, Node's own
 * modules, garbage collection — as a share of busy (non-idle) time.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  idlePct: number;
  /** Share of busy time, %. */
  parts: { part: string; pct: number }[];
  functions: { fn: string; pct: number }[];
  /** Time with the function anywhere on the stack, for our code and the socket stack. */
  inclusive: { fn: string; pct: number }[];
}

/** Self or inclusive time is reported for these: our code and the socket stack. */
const WATCHED = /\/(server|shared)\/|node_modules\/(socket\.io|socket\.io-parser|engine\.io|ws)\//;

function partOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(server|shared)\/([^/]+)/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return url.split('/').slice(-2).join('/');
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nameOf = (n: Node) => {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const short = url
      ? // Positions in the JavaScript tsx emitted (the profile is not source-mapped).
        `${url.replace(/^.*\/(node_modules|server|shared)\//, '$1/')}:${lineNumber + 1}:${columnNumber + 1}`
      : '';
    return `${functionName || '(anonymous)'}${short ? ` ${short}` : ''}`;
  };
  const fnMs = new Map<string, number>();
  const inclusiveMs = new Map<string, number>();
  const partMs = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    // A sample stands for the time until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const { functionName, url } = byId.get(id)!.callFrame;
    total += ms;
    if (functionName === '(idle)') {
      idle += ms;
      return;
    }
    const fn = nameOf(byId.get(id)!);
    fnMs.set(fn, (fnMs.get(fn) ?? 0) + ms);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (WATCHED.test(n.callFrame.url)) onStack.add(nameOf(n));
    }
    for (const f of onStack) inclusiveMs.set(f, (inclusiveMs.get(f) ?? 0) + ms);
    const part = partOf(url, functionName);
    partMs.set(part, (partMs.get(part) ?? 0) + ms);
  });
  const busy = total - idle;
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => [k, Number(((100 * ms) / busy).toFixed(1))] as const);
  return {
    totalMs: total,
    busyMs: busy,
    idlePct: (100 * idle) / total,
    parts: ranked(partMs).map(([part, pct]) => ({ part, pct })),
    functions: ranked(fnMs).map(([fn, pct]) => ({ fn, pct })),
    inclusive: ranked(inclusiveMs).map(([fn, pct]) => ({ fn, pct })),
  };
}
