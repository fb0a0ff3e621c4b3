/**
 * The columnar fact table: rows read back as the facts put in (nulls as NaN, the linked
 * flag included), rows overwritten in place (a split clears the flag), and codes that stay
 * right when a dictionary outgrows 8 and 16 bits.
 */
import { describe, expect, it } from 'vitest';
import type { IncidentFacts } from '../../../../shared/domain/briefing.ts';
import {
  columnsOf,
  FactTable,
  factsAt as rowOf,
} from '../../../../shared/domain/briefing-columns.ts';

const T = Date.parse('2026-11-10T00:00:00.000Z');

function fact(o: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    id: 'x',
    category: 'flooding',
    agency: 'dsda',
    kelurahanCode: '31.71.01.1001',
    h3: '886158e2a3fffff',
    status: 'received',
    reportedAt: T,
    firstResponseAt: null,
    resolvedAt: null,
    endedAt: null,
    responseDueAt: T + 3_600_000,
    resolveDueAt: T + 86_400_000,
    linked: false,
    ...o,
  };
}

const withoutId = ({ id: _id, ...rest }: IncidentFacts) => rest;

describe('FactTable', () => {
  const FACTS = [
    fact(),
    fact({ kelurahanCode: null, category: 'fire', status: 'resolved' }),
    fact({ firstResponseAt: T + 60_000, resolvedAt: T + 120_000, endedAt: T + 120_000 }),
    fact({ linked: true, status: 'duplicate', endedAt: T + 60_000 }),
  ];

  it('reads each row back as the facts put in, nulls included', () => {
    const c = columnsOf(FACTS);
    expect(c.length).toBe(4);
    expect([0, 1, 2, 3].map((r) => rowOf(c, r))).toEqual(FACTS.map(withoutId));
    expect([...c.linked.subarray(0, 4)]).toEqual([0, 0, 0, 1]);
    expect(Number.isNaN(c.resolvedAt[0]!)).toBe(true);
  });

  it('overwrites a row in place, leaving the others', () => {
    const table = new FactTable(2);
    for (const f of FACTS) table.push(f);
    const changed = fact({ agency: 'bina_marga', status: 'dispatched', firstResponseAt: T + 5 });
    table.set(0, changed);
    // A split: the linked report is an incident of its own again.
    const split = { ...FACTS[3]!, linked: false, status: 'received', endedAt: null };
    table.set(3, split);
    expect([0, 1, 2, 3].map((r) => rowOf(table, r))).toEqual(
      [changed, FACTS[1]!, FACTS[2]!, split].map(withoutId),
    );
  });

  it('keeps every code right when a dictionary passes 256 and 65,536 values', () => {
    const table = new FactTable(16);
    const n = 70_000;
    for (let i = 0; i < n; i++) table.push(fact({ h3: `cell-${i}`, agency: `agency-${i % 300}` }));
    expect(table.h3).toBeInstanceOf(Uint32Array);
    expect(table.agency).toBeInstanceOf(Uint16Array);
    expect(table.category).toBeInstanceOf(Uint8Array);
    const wrong: number[] = [];
    for (let i = 0; i < n; i++) {
      if (table.h3Cells[table.h3[i]!] !== `cell-${i}`) wrong.push(i);
      if (table.agencies[table.agency[i]!] !== `agency-${i % 300}`) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    expect(table.codeOf('agency', 'agency-299')).toBe(299);
    expect(table.codeOf('agency', 'agency-300')).toBeUndefined();
  });

  it('trims spare capacity without losing rows', () => {
    const table = new FactTable(1024);
    for (const f of FACTS) table.push(f);
    table.reserve(0);
    expect(table.capacity).toBe(4);
    table.push(fact({ category: 'garbage' }));
    expect(rowOf(table, 4).category).toBe('garbage');
    expect(rowOf(table, 1)).toEqual(withoutId(FACTS[1]!));
    expect(rowOf(table, 3)).toEqual(withoutId(FACTS[3]!));
  });
});
