/**
 * The words of simulated reports: short Indonesian complaint texts per category, as
 * citizens write them in JAKI or on social media, and the notes agencies leave on status
 * changes. `{jalan}` is replaced by a street, `{cm}` by a water depth.
 */
import type { Severity } from '../../../shared/domain/types.ts';

export interface Template {
  text: string;
  /** Set when the wording itself makes the report more or less urgent than the category default. */
  severity?: Severity;
}

const t = (text: string, severity?: Severity): Template =>
  severity ? { text, severity } : { text };

export const DESCRIPTIONS: Readonly<Record<string, readonly Template[]>> = {
  flooding: [
    t(
      'Banjir setinggi ±{cm} cm di {jalan}, air mulai masuk ke rumah warga. Mohon segera dibantu pompa.',
    ),
    t('Genangan air di {jalan} sudah sekitar {cm} cm, banyak motor mogok.'),
    t('Saluran air mampet, {jalan} tergenang ±{cm} cm sejak hujan tadi.'),
    t('Air kali meluap ke permukiman dekat {jalan}, tinggi air ±{cm} cm. Warga mulai mengungsi.'),
    t('Jalan tidak bisa dilalui kendaraan kecil, {jalan} terendam {cm} cm.'),
  ],
  road_damage: [
    t('Jalan berlubang cukup dalam di {jalan}, sudah ada pengendara motor yang jatuh.', 'high'),
    t('Aspal rusak dan bergelombang di {jalan}, mohon segera diperbaiki.'),
    t('Lubang besar di tengah {jalan}, berbahaya kalau malam karena gelap.'),
    t('Tutup saluran (grill) di {jalan} patah, rawan kecelakaan.'),
    t('Jalan amblas di {jalan} dekat saluran air.', 'high'),
  ],
  garbage: [
    t('Tumpukan sampah di pinggir {jalan} sudah 3 hari tidak diangkut, baunya menyengat.'),
    t('Warga buang sampah sembarangan di {jalan}, TPS liar makin besar.'),
    t('Sampah menumpuk di saluran air {jalan}, khawatir banjir kalau hujan.', 'medium'),
    t('Gerobak sampah di mulut gang {jalan} belum diangkut sejak kemarin.'),
  ],
  fallen_tree: [
    t('Pohon tumbang menutup sebagian {jalan}, lalu lintas tersendat.'),
    t('Dahan pohon besar patah menimpa kabel di {jalan}, mohon segera dievakuasi.'),
    t('Pohon miring hampir roboh di {jalan}, membahayakan pengendara.', 'medium'),
    t('Pohon tumbang menimpa mobil yang parkir di {jalan}.'),
  ],
  illegal_parking: [
    t('Parkir liar di bahu {jalan} bikin macet, juru parkirnya minta uang.'),
    t('Mobil parkir di trotoar {jalan}, pejalan kaki terpaksa turun ke jalan.'),
    t('Banyak motor parkir sembarangan di depan minimarket {jalan}.'),
    t('Truk parkir di {jalan} menutup satu lajur setiap malam.', 'medium'),
  ],
  street_vendor: [
    t('PKL berjualan di trotoar {jalan}, pejalan kaki tidak bisa lewat.'),
    t('Pedagang kaki lima menutup jalur sepeda di {jalan}.'),
    t('Lapak PKL di {jalan} makin banyak, bikin macet tiap sore.'),
    t('PKL kembali berjualan di atas saluran air {jalan} setelah penertiban minggu lalu.'),
  ],
  street_light: [
    t('Lampu PJU di {jalan} mati sudah seminggu, gelap dan rawan kejahatan.'),
    t('Beberapa lampu jalan di {jalan} mati, mohon diperbaiki.'),
    t('Tiang lampu PJU di {jalan} miring dan kabelnya terbuka.', 'high'),
  ],
  traffic_jam: [
    t('Macet parah di {jalan}, kendaraan tidak bergerak.'),
    t('Lampu lalu lintas di simpang {jalan} mati, kendaraan saling serobot.', 'high'),
    t('Antrean kendaraan panjang di {jalan}, mohon petugas mengatur lalu lintas.'),
  ],
  fire: [
    t('Kebakaran rumah warga dekat {jalan}, api cukup besar.'),
    t('Ada asap tebal dari bangunan di {jalan}, sepertinya kebakaran.'),
    t('Korsleting listrik, api membakar rumah di permukiman padat {jalan}.'),
  ],
  public_facility: [
    t('Halte di {jalan} rusak, atapnya bocor dan kursinya patah.'),
    t('Trotoar di {jalan} rusak dan berlubang.'),
    t('Permainan anak di taman {jalan} rusak, ayunannya patah.'),
    t('Lantai jembatan penyeberangan di {jalan} berlubang.', 'medium'),
  ],
  other: [
    t('Kabel fiber optik menjuntai rendah di {jalan}, membahayakan pengendara.'),
    t('Saluran air di {jalan} tersumbat dan berbau.'),
    t('Ada bangunan liar berdiri di atas saluran {jalan}.'),
    t('Suara bising proyek sampai tengah malam di {jalan}.'),
  ],
};

/** Dry-day flood reports in the north are tidal flooding, not rain. */
export const ROB_DESCRIPTIONS: readonly Template[] = [
  t('Rob masuk lagi di {jalan}, genangan sekitar {cm} cm.', 'medium'),
  t('Air laut pasang, {jalan} tergenang ±{cm} cm.', 'medium'),
];

export const VERIFIED_NOTES: readonly string[] = [
  'Laporan diverifikasi',
  'Laporan valid, diteruskan ke unit terkait',
  'Sudah dicek melalui foto pelapor',
];
export const DISPATCHED_NOTES: readonly string[] = [
  'Petugas menuju lokasi',
  'Tim sudah didisposisi',
  'Dijadwalkan penanganan oleh regu lapangan',
];
export const RESOLVED_NOTES: readonly string[] = ['Sudah ditangani', 'Selesai ditindaklanjuti'];
export const CLOSED_NOTES: readonly string[] = [
  'Ditutup, pelapor memberi penilaian',
  'Ditutup otomatis setelah konfirmasi',
];
export const REJECTED_NOTES: readonly string[] = [
  'Laporan tidak dapat ditindaklanjuti: lokasi tidak jelas',
  'Bukan kewenangan Pemprov DKI Jakarta',
  'Foto tidak sesuai dengan isi laporan',
];
export const DUPLICATE_NOTES: readonly string[] = [
  'Duplikat laporan sebelumnya di lokasi yang sama',
  'Sudah dilaporkan warga lain, digabung',
];
export const ESCALATED_NOTE = 'Ketinggian air terus naik, prioritas dinaikkan';

/** What the crew says on arrival and on finishing, by category. */
export const WORK_NOTES: Readonly<Record<string, { start: string; done: string }>> = {
  flooding: { start: 'Pompa mobile dikerahkan ke lokasi', done: 'Genangan sudah surut' },
  road_damage: { start: 'Perbaikan jalan sedang dikerjakan', done: 'Lubang sudah ditambal' },
  garbage: { start: 'Pengangkutan sampah sedang berlangsung', done: 'Sampah sudah diangkut' },
  fallen_tree: {
    start: 'Pemotongan pohon sedang berlangsung',
    done: 'Pohon sudah dievakuasi, jalan kembali normal',
  },
  illegal_parking: {
    start: 'Penindakan parkir liar oleh petugas',
    done: 'Kendaraan sudah ditertibkan',
  },
  street_vendor: { start: 'Penertiban PKL oleh Satpol PP', done: 'PKL sudah ditertibkan' },
  street_light: {
    start: 'Perbaikan lampu PJU sedang dikerjakan',
    done: 'Lampu PJU sudah menyala kembali',
  },
  traffic_jam: {
    start: 'Petugas mengatur lalu lintas di lokasi',
    done: 'Arus lalu lintas kembali lancar',
  },
  fire: {
    start: 'Unit damkar tiba, pemadaman berlangsung',
    done: 'Api berhasil dipadamkan, pendinginan selesai',
  },
  public_facility: {
    start: 'Perbaikan fasilitas sedang dikerjakan',
    done: 'Fasilitas sudah diperbaiki',
  },
  other: { start: 'Petugas sedang menangani di lokasi', done: 'Sudah ditindaklanjuti' },
};
export const DEFAULT_WORK_NOTES = {
  start: 'Petugas sedang menangani di lokasi',
  done: 'Sudah ditangani',
};
