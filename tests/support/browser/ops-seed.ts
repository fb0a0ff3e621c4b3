/**
 * Seed data for the ops console's browser test: 60 incidents over six categories, five
 * kota, several channels, four report ages and three statuses, some with reporter
 * contact; and one with a rich timeline written by a named supervisor. Deterministic, so
 * the test can work out what each filter should leave.
 */
import { JAKARTA } from '../../../shared/city/jakarta/index.ts';
import { api } from '../harness.ts';

export interface Seeded {
  id: string;
  category: string;
  agency: string;
  kelurahanCode: string;
  source: string;
  status: string;
  ageMin: number;
  location: { lon: number; lat: number };
  hasReporter: boolean;
  description: string;
}

const CATEGORIES = ['flooding', 'fire', 'garbage', 'road_damage', 'fallen_tree', 'illegal_parking'];
const TEXTS: Record<string, string> = {
  flooding: 'Genangan air setinggi lutut menutup jalan, kendaraan kecil tidak bisa lewat',
  fire: 'Asap tebal dari bangunan ruko, warga sudah mengungsi ke jalan',
  garbage: 'Sampah menumpuk di pinggir kali, sudah tiga hari belum diangkut',
  road_damage: 'Jalan berlubang dalam di lajur kiri, pengendara motor sempat jatuh',
  fallen_tree: 'Pohon angsana tumbang menutup separuh jalan setelah hujan deras',
  illegal_parking: 'Parkir liar di bahu jalan menyebabkan antrean panjang',
};
const KOTA = [
  { code: '31.71', lon: 106.835, lat: -6.178 },
  { code: '31.72', lon: 106.885, lat: -6.128 },
  { code: '31.73', lon: 106.755, lat: -6.168 },
  { code: '31.74', lon: 106.81, lat: -6.272 },
  { code: '31.75', lon: 106.895, lat: -6.245 },
];
const STREETS = [
  'Jl. Kramat Raya',
  'Jl. Gunung Sahari',
  'Jl. Daan Mogot',
  'Jl. TB Simatupang',
  'Jl. Jenderal Sudirman',
  'Jl. Pramuka',
  'Jl. Pluit Raya',
  'Jl. Kemang Raya',
  'Jl. Raya Bogor',
  'Jl. Panjang',
  'Jl. Cempaka Putih Tengah',
];
const SOURCES = ['jaki', 'qlue', 'lapor', 'call112', 'twitter', 'cctv', 'sensor'];
const AGES_MIN = [10, 120, 600, 3 * 1440];
/**
 * The seed's admin token dates reports up to three days back; a server it seeds must let
 * desk principals date that far (`BACKDATE_DESK_MINUTES`), the product default being minutes.
 */
export const SEED_BACKDATE_MINUTES = Math.max(...AGES_MIN) + 60;
const STATUS_STEPS: string[][] = [[], ['verified'], ['dispatched']];

export const SEED_COUNT = 60;

/** A fixed pseudo-random number in [0, 1) for `n`, so pins scatter like real reports. */
function scatter(n: number): number {
  const x = Math.sin(n * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/** Logs a user in over HTTP and returns the session cookie. */
export async function loginSession(
  base: string,
  username: string,
  password: string,
): Promise<{ name: string; value: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status}`);
  const match = /^([^=]+)=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
  if (!match) throw new Error(`login ${username}: no session cookie`);
  return { name: match[1]!, value: match[2]! };
}

export async function seedOpsIncidents(
  base: string,
): Promise<{ seeded: Seeded[]; richId: string }> {
  const now = Date.now();
  const seeded: Seeded[] = [];
  for (let i = 0; i < SEED_COUNT; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const kota = KOTA[i % KOTA.length]!;
    const units = JAKARTA.admin.kelurahan.filter((k) => k.code.startsWith(`${kota.code}.`));
    const kel = units[(i * 7) % units.length]!;
    const ageMin = AGES_MIN[i % AGES_MIN.length]!;
    const hasReporter = i % 4 === 0;
    const description = `${TEXTS[category]} (laporan ${i + 1})`;
    const res = await api(base, 'POST', '/api/v1/incidents', {
      source: SOURCES[i % SOURCES.length],
      externalId: `ops-seed-${i}`,
      category,
      description,
      address: `${STREETS[i % STREETS.length]} No. ${i + 1}, ${kel.name}`,
      kelurahanCode: kel.code,
      location: {
        lon: kota.lon + (scatter(i) - 0.5) * 0.06,
        lat: kota.lat + (scatter(i + 99) - 0.5) * 0.05,
      },
      reportedAt: new Date(now - ageMin * 60_000).toISOString(),
      ...(hasReporter
        ? {
            reporter: {
              name: `Warga ${i + 1}`,
              phone: `0812${String(1000000 + i * 7919).slice(0, 7)}`,
            },
          }
        : {}),
    });
    if (res.status !== 201) throw new Error(`seed ${i}: ${JSON.stringify(res.body)}`);
    const incident = res.body.incident;
    let status = 'received';
    if (i > 0) {
      for (const step of STATUS_STEPS[i % STATUS_STEPS.length]!) {
        await api(base, 'PATCH', `/api/v1/incidents/${incident.id}`, { status: step });
        status = step;
      }
    }
    seeded.push({
      id: incident.id,
      category,
      agency: incident.agency,
      kelurahanCode: kel.code,
      source: incident.source,
      status,
      ageMin,
      location: incident.location,
      hasReporter,
      description,
    });
  }
  const rich = seeded[0]!;
  rich.status = await writeRichTimeline(base, rich.id);
  return { seeded, richId: rich.id };
}

/** A supervisor works the first incident through triage, so its timeline has every kind of event. */
async function writeRichTimeline(base: string, id: string): Promise<string> {
  const username = 'rina.supervisor';
  const created = await api(base, 'POST', '/api/v1/admin/users', {
    username,
    name: 'Rina Wulandari',
    role: 'supervisor',
    password: 'supervisor-password-0',
  });
  if (created.status !== 201) throw new Error(`supervisor: ${JSON.stringify(created.body)}`);
  const session = await loginSession(base, username, 'supervisor-password-0');
  const as = { authorization: '', cookie: `${session.name}=${session.value}` };
  const steps = [
    { status: 'verified', note: 'Dikonfirmasi lewat CCTV: genangan sekitar 30 cm di kedua lajur' },
    { severity: 'critical', note: 'Genangan meluas, arus lalu lintas terhenti total' },
    { agency: 'kelurahan', note: 'PPSU kelurahan diminta membersihkan saluran yang tersumbat' },
    { agency: 'dsda', note: 'Dikembalikan ke SDA: butuh pompa mobile' },
    { status: 'dispatched', note: 'Pompa mobile SDA Jakarta Pusat diberangkatkan' },
    { note: 'Tim tiba di lokasi, pompa mulai beroperasi' },
    { status: 'in_progress' },
  ];
  for (const step of steps) {
    const res = await api(base, 'PATCH', `/api/v1/incidents/${id}`, step, as);
    if (res.status !== 200) throw new Error(`rich timeline: ${JSON.stringify(res.body)}`);
  }
  return 'in_progress';
}
