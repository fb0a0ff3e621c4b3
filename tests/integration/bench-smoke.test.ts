/**
 * A few seconds of the fan-out benchmark (`npm run bench:fanout`) exactly as it runs:
 * the server, the clients and the poster each in their own process, reports posted in
 * bulk at a fixed rate, every client checking seq continuity. Asserts that it ran and
 * that every event reached every client, never a time: speed is the benchmark's business
 * (BENCHMARKS.md), and this keeps its code path from rotting between runs.
 */
import { describe, expect, it } from 'vitest';
import { runFanoutCase, type CaseOptions } from '../../scripts/bench/fanout/run-case.ts';

const CLIENTS = 6;

describe('fan-out benchmark smoke', () => {
  // The bench's default (Nakhoda, clients that scan batches); the baseline, parsed in full.
  it.each<Pick<CaseOptions, 'target' | 'decode'>>([
    { target: 'nakhoda', decode: 'scan' },
    { target: 'baseline', decode: 'full' },
  ])(
    'the $target server delivers every posted report to every client ($decode decoding), in order',
    async ({ target, decode }) => {
      const r = await runFanoutCase({
        target,
        decode,
        clients: CLIENTS,
        rate: 100,
        seconds: 2,
        warmupSeconds: 0.5,
        clientProcesses: 2,
      });
      expect(r.failedRequests).toBe(0);
      expect(r.sent).toBe(200);
      expect(r.created).toBe(r.sent);
      expect(r.deliveries).toBe(r.created * CLIENTS);
      expect(r.clientsComplete).toBe(CLIENTS);
      expect(r.gaps).toBe(0);
      expect(r.disconnects).toBe(0);
    },
    120_000,
  );
});
