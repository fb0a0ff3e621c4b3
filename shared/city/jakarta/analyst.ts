/**
 * Jakarta's SLA warnings and escalation chains. A will-breach warning comes a quarter of
 * a clock's window before it runs out, at most two hours before; fire's 15-minute
 * response clock is warned 5 minutes ahead. A breach goes to the agency's desk, after an
 * hour to its head (kepala dinas), two hours later to the command center's supervisor;
 * fire and flooding climb in minutes, since every minute adds damage. The command
 * center's own desk answers to its supervisor directly: it has no head in between.
 *
 * Surges are watched per H3 resolution-7 cell (about 5 km²) with its ring of six
 * neighbours, over three hours, per group of categories that rise together; the settings
 * and what they gave on the simulator are in docs/surges.md.
 *
 * Duplicates: a report within a category's radius and hours of an open incident's latest
 * report is linked to it (docs/duplicates.md has the settings' precision and recall).
 */
import type { AnalystPack } from '../types.ts';

export const JAKARTA_ANALYST: AnalystPack = {
  willBreachLead: {
    fraction: 0.25,
    maxMinutes: 120,
    categories: { fire: { response: 5 } },
  },
  escalation: {
    default: [
      { level: 'head', afterMinutes: 60 },
      { level: 'supervisor', afterMinutes: 120 },
    ],
    overrides: [
      {
        category: 'fire',
        steps: [
          { level: 'head', afterMinutes: 5 },
          { level: 'supervisor', afterMinutes: 10 },
        ],
      },
      {
        category: 'flooding',
        steps: [
          { level: 'head', afterMinutes: 15 },
          { level: 'supervisor', afterMinutes: 30 },
        ],
      },
      { agency: 'command_center', steps: [{ level: 'supervisor', afterMinutes: 60 }] },
    ],
  },
  surge: {
    resolution: 7,
    ring: 1,
    windowHours: 3,
    historyDays: 28,
    recentDays: 7,
    // ~2,800 area-windows a day are judged: 3e-5 keeps chance bursts to about one in five
    // days; floods, rarely bursting by chance and costliest to miss, are raised at 1e-3.
    raiseP: 3e-5,
    clearP: 0.05,
    minCount: 5,
    minRatio: 3,
    groups: [
      {
        code: 'water',
        name: { id: 'Banjir', en: 'Flooding' },
        reports: { id: 'laporan banjir', en: 'flood reports' },
        categories: ['flooding'],
        raiseP: 0.001,
      },
      {
        code: 'trees',
        name: { id: 'Pohon tumbang', en: 'Fallen trees' },
        reports: { id: 'laporan pohon tumbang', en: 'fallen-tree reports' },
        categories: ['fallen_tree'],
      },
      {
        code: 'traffic',
        name: { id: 'Kemacetan', en: 'Traffic' },
        reports: { id: 'laporan kemacetan', en: 'traffic reports' },
        categories: ['traffic_jam'],
      },
      {
        code: 'roads',
        name: { id: 'Jalan rusak', en: 'Road damage' },
        reports: { id: 'laporan jalan rusak', en: 'road-damage reports' },
        categories: ['road_damage'],
      },
      {
        code: 'garbage',
        name: { id: 'Sampah', en: 'Garbage' },
        reports: { id: 'laporan sampah', en: 'garbage reports' },
        categories: ['garbage'],
      },
      {
        code: 'order',
        name: { id: 'Ketertiban', en: 'Public order' },
        reports: { id: 'laporan ketertiban', en: 'public-order reports' },
        categories: ['illegal_parking', 'street_vendor'],
      },
      {
        code: 'facilities',
        name: { id: 'Fasilitas umum', en: 'Public facilities' },
        reports: { id: 'laporan fasilitas', en: 'facility reports' },
        categories: ['street_light', 'public_facility'],
      },
      {
        code: 'fire',
        name: { id: 'Kebakaran', en: 'Fire' },
        reports: { id: 'laporan kebakaran', en: 'fire reports' },
        categories: ['fire'],
      },
    ],
  },
  duplicates: {
    // A phone's position is good to 10–50 m; the radius is how far apart two citizens stand
    // when they report the same thing, the hours how long one thing keeps being reported.
    categories: {
      flooding: { radiusM: 150, withinHours: 12 },
      road_damage: { radiusM: 60, withinHours: 36 },
      garbage: { radiusM: 80, withinHours: 48 },
      fallen_tree: { radiusM: 100, withinHours: 24 },
      illegal_parking: { radiusM: 60, withinHours: 3 },
      street_vendor: { radiusM: 60, withinHours: 12 },
      street_light: { radiusM: 60, withinHours: 36 },
      traffic_jam: { radiusM: 300, withinHours: 2 },
      fire: { radiusM: 250, withinHours: 6 },
      public_facility: { radiusM: 60, withinHours: 72 },
      // 'other' says too little to be sure two reports are one thing: a supervisor links them.
    },
  },
};
