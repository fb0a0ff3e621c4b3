/**
 * Generates shared/city/jakarta/admin.generated.ts from the CSVs shipped in the
 * idn-area-data package. The package's JS entry needs Node 22, so the CSVs are read
 * directly with a minimal RFC 4180 field splitter.
 * Run with `npm run build:city`; the output is committed so the app never needs the package.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdminUnit } from '../shared/city/types.ts';

const PROVINCE_CODE = '31';
const PACKAGE = 'idn-area-data';
const EXPECTED = { kota: 6, kecamatan: 44, kelurahan: 267 } as const;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_FILE = join(ROOT, 'shared/city/jakarta/admin.generated.ts');

// Resolve through package.json because the package's `exports` may not expose data/.
const require = createRequire(import.meta.url);
const PKG_DIR = dirname(require.resolve(`${PACKAGE}/package.json`));
const DATA_DIR = join(PKG_DIR, 'data');

interface Row {
  code: string;
  parent: string;
  name: string;
}

/**
 * A quote opens a quoted field only at the start of a field: the villages file has names
 * such as `Soka"an` (Madurese apostrophes written as `"`) that must stay literal.
 */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quoted field: ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma < 0 ? line.length : comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) return fields;
    if (line[i] !== ',') throw new Error(`text after closing quote: ${line}`);
    i++;
  }
}

function readCsv(file: string, parentColumn: string): Row[] {
  const lines = readFileSync(join(DATA_DIR, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines.shift() ?? '');
  const iCode = header.indexOf('code');
  const iParent = header.indexOf(parentColumn);
  const iName = header.indexOf('name');
  if (iCode < 0 || iParent < 0 || iName < 0) {
    throw new Error(`${file}: unexpected header ${header.join(',')}`);
  }
  return lines.map((line, i) => {
    const cols = splitCsvLine(line);
    if (cols.length !== header.length)
      throw new Error(`${file}:${i + 2}: expected ${header.length} columns`);
    return {
      code: cols[iCode] ?? '',
      parent: cols[iParent] ?? '',
      name: (cols[iName] ?? '').trim(),
    };
  });
}

/** Regencies are upper case ("KOTA ADMINISTRASI JAKARTA TIMUR"); operators read "Jakarta Timur". */
function readableName(raw: string): string {
  const stripped = raw.replace(/^(KOTA|KABUPATEN)\s+(ADMINISTRASI|ADM\.?)\s+/i, '').trim();
  if (stripped !== stripped.toUpperCase()) return stripped;
  return stripped
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** `topLevel` units get a null parent: the province is not a unit of the hierarchy. */
function toUnits(rows: Row[], parents: Set<string>, topLevel = false): AdminUnit[] {
  return rows
    .filter((r) => parents.has(r.parent))
    .map((r) => ({ code: r.code, name: readableName(r.name), parent: topLevel ? null : r.parent }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function assertLevel(level: keyof typeof EXPECTED, units: AdminUnit[], pattern: RegExp): void {
  if (units.length !== EXPECTED[level]) {
    throw new Error(`${level}: expected ${EXPECTED[level]} units, got ${units.length}`);
  }
  const seen = new Set<string>();
  for (const u of units) {
    if (!pattern.test(u.code)) throw new Error(`${level}: malformed code ${u.code}`);
    if (seen.has(u.code)) throw new Error(`${level}: duplicate code ${u.code}`);
    if (u.name === '') throw new Error(`${level}: empty name for ${u.code}`);
    seen.add(u.code);
  }
}

function readLicence(): string {
  const readme = readFileSync(join(PKG_DIR, 'README.md'), 'utf8');
  // The code is MIT but the data is ODbL; a README change here must be looked at by a person.
  if (!/Open Database License/.test(readme))
    throw new Error(`${PACKAGE}: data licence is no longer ODbL`);
  return 'ODbL 1.0';
}

/** Single-quoted literal, matching the repo's Prettier style. */
function quote(value: string | null): string {
  return value === null ? 'null' : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function line(u: AdminUnit): string {
  return `  { code: ${quote(u.code)}, name: ${quote(u.name)}, parent: ${quote(u.parent)} },`;
}

function main(): void {
  const pkg = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8')) as {
    version: string;
    homepage?: string;
  };
  const kota = toUnits(readCsv('regencies.csv', 'province_code'), new Set([PROVINCE_CODE]), true);
  const kecamatan = toUnits(
    readCsv('districts.csv', 'regency_code'),
    new Set(kota.map((u) => u.code)),
  );
  const kelurahan = toUnits(
    readCsv('villages.csv', 'district_code'),
    new Set(kecamatan.map((u) => u.code)),
  );

  assertLevel('kota', kota, /^31\.\d{2}$/);
  assertLevel('kecamatan', kecamatan, /^31\.\d{2}\.\d{2}$/);
  assertLevel('kelurahan', kelurahan, /^31\.\d{2}\.\d{2}\.\d{4}$/);

  const source = pkg.homepage?.replace(/#.*$/, '') ?? `https://www.npmjs.com/package/${PACKAGE}`;
  const attribution =
    `Administrative areas: ${PACKAGE} ${pkg.version} (${source}), ` +
    `based on Kemendagri data, licensed ${readLicence()}`;
  const script = relative(ROOT, fileURLToPath(import.meta.url));

  const body = [
    `// Generated by ${script} from ${PACKAGE} ${pkg.version}. Do not edit; rerun \`npm run build:city\`.`,
    `import type { AdminHierarchy } from '../types.ts';`,
    '',
    'export const JAKARTA_ADMIN: AdminHierarchy = {',
    `  attribution: ${quote(attribution)},`,
    '  kota: [',
    ...kota.map((u) => `  ${line(u)}`),
    '  ],',
    '  kecamatan: [',
    ...kecamatan.map((u) => `  ${line(u)}`),
    '  ],',
    '  kelurahan: [',
    ...kelurahan.map((u) => `  ${line(u)}`),
    '  ],',
    '};',
    '',
  ].join('\n');

  writeFileSync(OUT_FILE, body);
  console.log(
    `wrote ${relative(ROOT, OUT_FILE)}: ${kota.length} kota, ${kecamatan.length} kecamatan, ${kelurahan.length} kelurahan`,
  );
}

main();
