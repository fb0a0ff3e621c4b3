/**
 * The drawer's words for duplicate reports (duplicates-panel.tsx), Indonesian first. The
 * timeline's words for the link events are with the other events in ops.messages.ts.
 */
import { defineMessages } from '../../i18n/locale.tsx';

export const DUPLICATE_MESSAGES = defineMessages({
  id: {
    title: 'Laporan ganda',
    reporters: '{n} pelapor',
    linkedReports: 'Laporan yang ditautkan',
    loadingReports: 'Memuat laporan yang ditautkan…',
    reportsError: 'Gagal memuat laporan yang ditautkan: {message}',
    noReports: 'Belum ada laporan yang ditautkan',
    confirmed: 'dikonfirmasi',
    linkedTo: 'Ditautkan ke {master}',
    linkedAuto: 'otomatis, {distance} m',
    linkedManual: 'manual, {distance} m',
    openMaster: 'Buka insiden induk',
    confirm: 'Konfirmasi duplikat',
    split: 'Pisahkan',
    confirmedNote: 'Dikonfirmasi sebagai duplikat — final',
    linkTo: 'Tautkan ke…',
    linkHint: 'Insiden terbuka berkategori sama dalam {radius} m, terdekat dulu',
    noCandidates: 'Tidak ada insiden terbuka berkategori sama dalam {radius} m',
    link: 'Tautkan',
    sending: 'Mengirim…',
    refused: 'Ditolak: {message}',
    failed: 'Gagal mengirim: {message}',
  },
  en: {
    title: 'Duplicate reports',
    reporters: '{n} reporters',
    linkedReports: 'Linked reports',
    loadingReports: 'Loading linked reports…',
    reportsError: 'Could not load the linked reports: {message}',
    noReports: 'No reports linked yet',
    confirmed: 'confirmed',
    linkedTo: 'Linked to {master}',
    linkedAuto: 'automatic, {distance} m',
    linkedManual: 'by hand, {distance} m',
    openMaster: 'Open the master incident',
    confirm: 'Confirm duplicate',
    split: 'Split',
    confirmedNote: 'Confirmed as a duplicate — final',
    linkTo: 'Link to…',
    linkHint: 'Open incidents of the same category within {radius} m, nearest first',
    noCandidates: 'No open incident of the same category within {radius} m',
    link: 'Link',
    sending: 'Sending…',
    refused: 'Refused: {message}',
    failed: 'Could not send: {message}',
  },
});

export type DuplicateMessageKey = keyof (typeof DUPLICATE_MESSAGES)['id'];
