/**
 * The Jakarta provincial agencies (and kelurahan crews) that incidents are routed to.
 * Codes are stable identifiers stored in the event log; names may change freely.
 */
import type { Agency } from '../types.ts';

export const JAKARTA_AGENCIES: Agency[] = [
  {
    code: 'dsda',
    name: { id: 'Dinas Sumber Daya Air', en: 'Water Resources Agency' },
    short: 'SDA',
  },
  {
    // Also owns street lighting (PJU), hence street_light routes here.
    code: 'bina_marga',
    name: { id: 'Dinas Bina Marga', en: 'Roads Agency' },
    short: 'Bina Marga',
  },
  {
    code: 'dlh',
    name: { id: 'Dinas Lingkungan Hidup', en: 'Environment Agency' },
    short: 'DLH',
  },
  {
    code: 'dishub',
    name: { id: 'Dinas Perhubungan', en: 'Transportation Agency' },
    short: 'Dishub',
  },
  {
    code: 'satpol_pp',
    name: { id: 'Satuan Polisi Pamong Praja', en: 'Public Order Agency' },
    short: 'Satpol PP',
  },
  {
    code: 'gulkarmat',
    name: {
      id: 'Dinas Penanggulangan Kebakaran dan Penyelamatan',
      en: 'Fire and Rescue Agency',
    },
    short: 'Gulkarmat',
  },
  {
    code: 'distamhut',
    name: { id: 'Dinas Pertamanan dan Hutan Kota', en: 'Parks and Urban Forest Agency' },
    short: 'Distamhut',
  },
  {
    // PPSU (Penanganan Prasarana dan Sarana Umum) crews work under each kelurahan.
    code: 'kelurahan',
    name: { id: 'Kelurahan / PPSU', en: 'Village office and PPSU crews' },
    short: 'Kelurahan',
  },
  {
    // Holds what no agency owns yet, until triage routes it.
    code: 'command_center',
    name: { id: 'Jakarta Smart City – Command Center', en: 'Jakarta Smart City – Command Center' },
    short: 'JSC',
  },
];
