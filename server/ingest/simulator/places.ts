/**
 * Where simulated reports come from: approximate centres of Jakarta's 42 mainland
 * kecamatan with a report weight and a few well-known streets, and the flood hotspots
 * (the north coast and the Ciliwung banks). Hand-written approximations from general
 * geography, good to a kilometre or so; the two Kepulauan Seribu kecamatan are left out
 * because points are kept on the mainland.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import type { LonLat } from '../../../shared/domain/types.ts';

export interface Kecamatan {
  name: string;
  lon: number;
  lat: number;
  /**
   * Report weight: population in thousands (rounded, BPS 2020), raised for the central
   * business kecamatan where commuters report too.
   */
  weight: number;
  streets: readonly string[];
}

export type FloodArea = 'north' | 'ciliwung';

export interface Hotspot {
  kelurahan: string;
  kecamatan: string;
  area: FloodArea;
  lon: number;
  lat: number;
  weight: number;
  streets: readonly string[];
}

/** Streets are written without "Jl." and separated by semicolons, to keep the tables compact. */
const streetList = (s: string) => s.split(';').map((name) => `Jl. ${name.trim()}`);

const k = (name: string, lon: number, lat: number, weight: number, streets: string): Kecamatan => ({
  name,
  lon,
  lat,
  weight,
  streets: streetList(streets),
});

// A table: one line per kecamatan reads better than the formatter's layout.
// prettier-ignore
export const KECAMATAN: readonly Kecamatan[] = [
  // Jakarta Pusat
  k('Gambir', 106.815, -6.172, 140, 'Veteran; Ir. H. Juanda; Abdul Muis; Tanah Abang II'),
  k('Sawah Besar', 106.835, -6.152, 120, 'Gunung Sahari; Mangga Besar; Pangeran Jayakarta; Samanhudi'),
  k('Kemayoran', 106.853, -6.16, 230, 'Benyamin Sueb; Garuda; Utan Panjang; Serdang Baru'),
  k('Senen', 106.843, -6.179, 130, 'Kramat Raya; Senen Raya; Kwitang; Kenari'),
  k('Cempaka Putih', 106.87, -6.178, 90, 'Cempaka Putih Raya; Letjen Suprapto; Rawasari Selatan'),
  k('Menteng', 106.834, -6.196, 120, 'HOS Cokroaminoto; Teuku Umar; Cikini Raya; Kebon Sirih'),
  k('Tanah Abang', 106.808, -6.205, 200, 'KH Mas Mansyur; Jatibaru Raya; Kebon Kacang; Karet Pasar Baru'),
  k('Johar Baru', 106.855, -6.184, 120, 'Percetakan Negara; Johar Baru Raya; Tanah Tinggi'),
  // Jakarta Utara
  k('Penjaringan', 106.78, -6.128, 310, 'Pluit Raya; Muara Baru; Kapuk Muara; Pakin'),
  k('Pademangan', 106.842, -6.137, 165, 'RE Martadinata; Pademangan Raya; Budi Mulia'),
  k('Tanjung Priok', 106.875, -6.128, 395, 'Enggano; Yos Sudarso; Sunter Jaya; Warakas Raya'),
  k('Koja', 106.905, -6.122, 320, 'Plumpang Semper; Mindi; Koja Raya; Bhayangkara'),
  k('Kelapa Gading', 106.906, -6.16, 150, 'Boulevard Raya; Kelapa Hybrida; Pegangsaan Dua; Kelapa Nias'),
  k('Cilincing', 106.94, -6.13, 410, 'Cilincing Raya; Marunda Makmur; Kalibaru Timur; Tipar Cakung'),
  // Jakarta Barat
  k('Cengkareng', 106.735, -6.15, 555, 'Daan Mogot; Kamal Raya; Lingkar Luar Barat; Bangun Nusa'),
  k('Grogol Petamburan', 106.79, -6.167, 245, 'Kyai Tapa; Latumenten; Tanjung Duren Raya; Tomang Raya'),
  k('Taman Sari', 106.818, -6.147, 120, 'Hayam Wuruk; Mangga Besar Raya; Keagungan; Taman Sari Raya'),
  k('Tambora', 106.802, -6.148, 240, 'Pekojan; Jembatan Besi; Angke; Duri Raya'),
  k('Kebon Jeruk', 106.772, -6.192, 365, 'Panjang; Raya Kebon Jeruk; Arjuna Utara; Kedoya Raya'),
  k('Kalideres', 106.705, -6.14, 450, 'Peta Selatan; Semanan Raya; Tegal Alur; Kalideres Raya'),
  k('Palmerah', 106.792, -6.195, 215, 'Palmerah Barat; Kemanggisan Raya; Kota Bambu; Slipi'),
  k('Kembangan', 106.742, -6.187, 310, 'Puri Kembangan; Meruya Ilir; Pos Pengumben; Joglo Raya'),
  // Jakarta Selatan
  k('Tebet', 106.853, -6.232, 210, 'Tebet Raya; Prof. Dr. Supomo; Casablanca; Kebon Baru'),
  k('Setiabudi', 106.83, -6.215, 170, 'HR Rasuna Said; Guntur; Karet Pedurenan; Menteng Pulo'),
  k('Mampang Prapatan', 106.823, -6.247, 150, 'Mampang Prapatan Raya; Kapten Tendean; Bangka Raya; Duren Tiga'),
  k('Pasar Minggu', 106.84, -6.288, 300, 'Raya Pasar Minggu; Raya Ragunan; Kebagusan Raya; Pejaten Raya'),
  k('Kebayoran Lama', 106.778, -6.245, 300, 'Kebayoran Lama Raya; Ciledug Raya; Pondok Pinang; Cipulir'),
  k('Cilandak', 106.798, -6.287, 195, 'RS Fatmawati; TB Simatupang; Cilandak KKO; Lebak Bulus Raya'),
  k('Kebayoran Baru', 106.8, -6.235, 170, 'Wolter Monginsidi; Panglima Polim; Senopati; Melawai Raya'),
  k('Pancoran', 106.845, -6.255, 155, 'Pengadegan Timur; Kalibata Raya; Duren Tiga Raya; Gatot Subroto'),
  k('Jagakarsa', 106.823, -6.33, 385, 'Moh. Kahfi; Raya Lenteng Agung; Srengseng Sawah; Jagakarsa Raya'),
  k('Pesanggrahan', 106.758, -6.255, 225, 'Ulujami Raya; Bintaro Raya; Pesanggrahan Raya; Petukangan'),
  // Jakarta Timur
  k('Matraman', 106.86, -6.203, 150, 'Matraman Raya; Pramuka; Kayu Manis; Palmeriam'),
  k('Pulo Gadung', 106.893, -6.19, 270, 'Pemuda; Balai Pustaka; Perintis Kemerdekaan; Rawamangun Muka'),
  k('Jatinegara', 106.878, -6.228, 260, 'Jatinegara Barat; Otista Raya; Cipinang Jaya; Bekasi Timur Raya'),
  k('Kramat Jati', 106.868, -6.275, 295, 'Raya Bogor; Dewi Sartika; Batu Ampar; Condet Raya'),
  k('Pasar Rebo', 106.855, -6.32, 215, 'Raya Kalisari; Gedong; Pekayon; TB Simatupang'),
  k('Cakung', 106.945, -6.185, 530, 'Raya Bekasi; Penggilingan; Pulo Gebang; Rawa Terate'),
  k('Duren Sawit', 106.918, -6.232, 395, 'Kolonel Sugiono; Pahlawan Revolusi; Pondok Kelapa Raya; Malaka Raya'),
  k('Makasar', 106.885, -6.268, 200, 'Halim Perdanakusuma; Pinang Ranti; Kebon Pala; Cipinang Melayu'),
  k('Ciracas', 106.875, -6.325, 280, 'Raya Ciracas; Raya Kelapa Dua Wetan; Raya Cibubur; Raya Rambutan'),
  k('Cipayung', 106.9, -6.32, 275, 'Raya Pondok Rangon; Bambu Apus; Setu Cipayung; Munjul'),
];

const h = (
  kelurahan: string,
  kecamatan: string,
  area: FloodArea,
  lon: number,
  lat: number,
  weight: number,
  streets: string,
): Hotspot => ({ kelurahan, kecamatan, area, lon, lat, weight, streets: streetList(streets) });

/**
 * Flood hotspots. North: land below sea level behind the sea wall (Pluit, Penjaringan,
 * Kapuk Muara), hit by rain and tidal "rob". Ciliwung: kampung on the river banks that
 * flood when upstream rain arrives (Kampung Melayu, Bidara Cina, Bukit Duri, Cawang,
 * Rawajati, Pejaten Timur). Weights follow how often each makes the flood news.
 */
// prettier-ignore
export const HOTSPOTS: readonly Hotspot[] = [
  h('Pluit', 'Penjaringan', 'north', 106.792, -6.122, 3, 'Pluit Karang; Pluit Raya; Muara Karang'),
  h('Penjaringan', 'Penjaringan', 'north', 106.803, -6.128, 2, 'Muara Baru; Bandengan Utara; Gedong Panjang'),
  h('Kapuk Muara', 'Penjaringan', 'north', 106.76, -6.126, 1, 'Kapuk Muara; Kapuk Kamal'),
  h('Kampung Melayu', 'Jatinegara', 'ciliwung', 106.866, -6.222, 2.5, 'Jatinegara Barat; Kampung Pulo; Kebon Pala'),
  h('Bidara Cina', 'Jatinegara', 'ciliwung', 106.866, -6.232, 1.5, 'Otista III; Bidara Cina; Tanjung Lengkong'),
  h('Bukit Duri', 'Tebet', 'ciliwung', 106.859, -6.226, 1.5, 'Bukit Duri Tanjakan; Bukit Duri Puteran; Dr. Saharjo'),
  h('Cawang', 'Kramat Jati', 'ciliwung', 106.869, -6.248, 1.5, 'Mayjen Sutoyo; Dewi Sartika; Cililitan Kecil'),
  h('Rawajati', 'Pancoran', 'ciliwung', 106.853, -6.257, 1, 'Rawajati Timur; Kalibata Utara'),
  h('Pejaten Timur', 'Pasar Minggu', 'ciliwung', 106.853, -6.272, 1, 'Pejaten Timur; Poncol'),
];

/** A point within this distance of a hotspot centre counts as being in its flood area. */
export const FLOOD_AREA_RADIUS_KM = 1.5;

/**
 * The coastline as (lon, northernmost land lat) from Kamal Muara to Marunda, interpolated
 * linearly; MARGIN keeps jittered points clear of the water and the port basins.
 */
const COASTLINE: readonly (readonly [number, number])[] = [
  [106.68, -6.095],
  [106.74, -6.095],
  [106.78, -6.1],
  [106.8, -6.108],
  [106.83, -6.118],
  [106.86, -6.112],
  [106.89, -6.1],
  [106.93, -6.1],
  [106.98, -6.095],
];
const COAST_MARGIN_DEG = 0.006;
/** Nothing north of this, whatever the coastline says: the island kecamatan are out of scope. */
const MAINLAND_MAX_LAT = -6.102;

/** The northernmost latitude a simulated point may take at `lon`. */
export function landLimitLat(lon: number): number {
  let coast = (COASTLINE[0] as readonly [number, number])[1];
  for (let i = 1; i < COASTLINE.length; i++) {
    const [x0, y0] = COASTLINE[i - 1] as readonly [number, number];
    const [x1, y1] = COASTLINE[i] as readonly [number, number];
    if (lon <= x1 || i === COASTLINE.length - 1) {
      const t = Math.min(1, Math.max(0, (lon - x0) / (x1 - x0)));
      coast = y0 + t * (y1 - y0);
      break;
    }
  }
  return Math.min(coast - COAST_MARGIN_DEG, MAINLAND_MAX_LAT);
}

/** Reflects a point that jitter pushed into the sea back onto land. */
export function keepOnLand(p: LonLat): LonLat {
  const limit = landLimitLat(p.lon);
  return p.lat <= limit ? p : { lon: p.lon, lat: 2 * limit - p.lat };
}

export function distanceKm(a: LonLat, b: LonLat): number {
  const kmPerDegLat = 110.57;
  const kmPerDegLon = 111.32 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot((a.lon - b.lon) * kmPerDegLon, (a.lat - b.lat) * kmPerDegLat);
}

/** The flood area a point lies in, if any. */
export function floodAreaOf(p: LonLat): FloodArea | null {
  for (const spot of HOTSPOTS) {
    if (distanceKm(p, spot) <= FLOOD_AREA_RADIUS_KM) return spot.area;
  }
  return null;
}

const normaliseName = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
const CODE_CACHE = new WeakMap<CityPack, Map<string, string | null>>();

/**
 * The Kemendagri code of a hotspot's kelurahan, found by name under its kecamatan (names
 * compared without spaces: the registry writes "Kramatjati" and "Pal Merah"). Null when
 * the pack does not know it, so the report simply goes without one.
 */
export function kelurahanCodeFor(
  pack: CityPack,
  spot: Pick<Hotspot, 'kelurahan' | 'kecamatan'>,
): string | null {
  let cache = CODE_CACHE.get(pack);
  if (!cache) {
    cache = new Map();
    CODE_CACHE.set(pack, cache);
  }
  const key = `${spot.kecamatan}/${spot.kelurahan}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const kecamatan = pack.admin.kecamatan.filter(
    (u) => normaliseName(u.name) === normaliseName(spot.kecamatan),
  );
  const parents = new Set(kecamatan.map((u) => u.code));
  const matches = pack.admin.kelurahan.filter(
    (u) =>
      u.parent !== null &&
      parents.has(u.parent) &&
      normaliseName(u.name) === normaliseName(spot.kelurahan),
  );
  // Only an unambiguous match is trusted.
  const code = matches.length === 1 ? (matches[0] as { code: string }).code : null;
  cache.set(key, code);
  return code;
}
