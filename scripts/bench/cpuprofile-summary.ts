/**
 * `npx tsx scripts/bench/cpuprofile-summary.ts FILE.cpuprofile [top=25]`: where a CPU profile
 * (`node --cpu-prof`) spent its time, as the tables in BENCHMARKS.md give it:
 * - self time by area: a package in node_modules, a folder of this repository (server/log,
 *   shared/domain, …), Node's own internals, garbage collection, idle;
 * - the top functions by self time;
 * - inclusive time of this repository's functions (a function and everything it called),
 *   counted once per sample even where it recurses.
 * Percentages are of the busy time (all samples but idle).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpuprofile-summary.ts FILE.cpuprofile [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** The area a frame belongs to. */
function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return '(gc)';
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(program)') return '(program)';
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(server|shared|client|scripts)\/([^/]+)\//.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  const root = /\/(server|shared|client|scripts)\/[^/]+$/.exec(url);
  return root ? `${root[1]}/` : url;
}

const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|server|shared|scripts)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;

const self = new Map<number, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, k) => {
  const dt = profile.timeDeltas[k] ?? 0;
  self.set(id, (self.get(id) ?? 0) + dt);
  total += dt;
  if (byId.get(id)?.callFrame.functionName === '(idle)') idle += dt;
});
const busy = total - idle;
const pct = (us: number) => `${((100 * us) / busy).toFixed(1)} %`;

const areas = new Map<string, number>();
const functions = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') continue;
  const area = areaOf(node);
  areas.set(area, (areas.get(area) ?? 0) + us);
  functions.set(label(node), (functions.get(label(node)) ?? 0) + us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at)!;
    if (!/\/(server|shared)\//.test(n.callFrame.url) || n.callFrame.url.includes('node_modules'))
      continue;
    const key = label(n);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}

const table = (title: string, rows: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`  ${pct(us).padStart(7)}  ${k}`);
  }
};
console.log(
  `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)} %)`,
);
table('Self time by area (% of busy)', areas, top);
table('Top functions by self time', functions, top);
table("This repository's functions, inclusive", inclusive, top);
