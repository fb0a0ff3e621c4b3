/**
 * Report categories for Jakarta: who owns each by default, how severe it starts, and its SLA.
 * Per the product brief, the default SLA is first response within 24 h and resolution
 * within 7 days; fire must get a response within 15 min. The other overrides reflect
 * hazards that worsen by the hour (standing water, blocked roads).
 */
import type { Category, CategoryAttribute } from '../types.ts';

const HOUR = 60;
const DAY = 24 * HOUR;

// Spread per category so editing one category never edits the others.
const DEFAULT_SLA = { responseMinutes: 24 * HOUR, resolveMinutes: 7 * DAY };

/**
 * How deep the water stands, in the body measures Jakarta's flood reports use (BPBD's
 * scale), so a citizen can answer without a ruler.
 */
const WATER_DEPTH: CategoryAttribute = {
  variable: true,
  code: 'water_depth',
  datatype: 'singlevaluelist',
  required: false,
  datatype_description: 'Kedalaman air / water depth',
  order: 1,
  description: 'Seberapa dalam genangannya? / How deep is the water?',
  values: [
    { key: 'ankle', name: 'Semata kaki / ankle (< 15 cm)' },
    { key: 'knee', name: 'Selutut / knee (15–50 cm)' },
    { key: 'waist', name: 'Sepinggang / waist (50–100 cm)' },
    { key: 'chest', name: 'Sedada atau lebih / chest or deeper (> 100 cm)' },
  ],
};

export const JAKARTA_CATEGORIES: Category[] = [
  {
    code: 'flooding',
    name: { id: 'Banjir/Genangan', en: 'Flooding' },
    agency: 'dsda',
    defaultSeverity: 'high',
    sla: { responseMinutes: 60, resolveMinutes: 2 * DAY },
    attributes: [WATER_DEPTH],
  },
  {
    code: 'road_damage',
    name: { id: 'Jalan Rusak', en: 'Road damage' },
    agency: 'bina_marga',
    defaultSeverity: 'medium',
    sla: { ...DEFAULT_SLA },
  },
  {
    code: 'garbage',
    name: { id: 'Sampah', en: 'Garbage' },
    agency: 'dlh',
    defaultSeverity: 'low',
    sla: { ...DEFAULT_SLA },
  },
  {
    code: 'fallen_tree',
    name: { id: 'Pohon Tumbang', en: 'Fallen tree' },
    agency: 'distamhut',
    defaultSeverity: 'high',
    sla: { responseMinutes: 2 * HOUR, resolveMinutes: 2 * DAY },
  },
  {
    code: 'illegal_parking',
    name: { id: 'Parkir Liar', en: 'Illegal parking' },
    agency: 'dishub',
    defaultSeverity: 'low',
    sla: { ...DEFAULT_SLA },
  },
  {
    code: 'street_vendor',
    name: { id: 'PKL / Pedagang Kaki Lima', en: 'Street vendors' },
    agency: 'satpol_pp',
    defaultSeverity: 'low',
    sla: { ...DEFAULT_SLA },
  },
  {
    code: 'street_light',
    name: { id: 'Lampu Jalan (PJU) Mati', en: 'Street light out' },
    agency: 'bina_marga',
    defaultSeverity: 'low',
    sla: { ...DEFAULT_SLA },
  },
  {
    code: 'traffic_jam',
    name: { id: 'Kemacetan', en: 'Traffic jam' },
    agency: 'dishub',
    defaultSeverity: 'medium',
    sla: { responseMinutes: 60, resolveMinutes: 1 * DAY },
  },
  {
    code: 'fire',
    name: { id: 'Kebakaran', en: 'Fire' },
    agency: 'gulkarmat',
    defaultSeverity: 'critical',
    sla: { responseMinutes: 15, resolveMinutes: 24 * HOUR },
  },
  {
    code: 'public_facility',
    name: { id: 'Fasilitas Umum Rusak', en: 'Damaged public facility' },
    agency: 'kelurahan',
    defaultSeverity: 'low',
    sla: { ...DEFAULT_SLA },
  },
  {
    code: 'other',
    name: { id: 'Lainnya', en: 'Other' },
    agency: 'command_center',
    defaultSeverity: 'low',
    sla: { ...DEFAULT_SLA },
  },
];
