/**
 * Jakarta's SLA warnings and escalation chains. A will-breach warning comes a quarter of
 * a clock's window before it runs out, at most two hours before; fire's 15-minute
 * response clock is warned 5 minutes ahead. A breach goes to the agency's desk, after an
 * hour to its head (kepala dinas), two hours later to the command center's supervisor;
 * fire and flooding climb in minutes, since every minute adds damage. The command
 * center's own desk answers to its supervisor directly: it has no head in between.
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
};
