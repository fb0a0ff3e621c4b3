/**
 * Runs the built-in simulator inside the server process through the same validated
 * commands as HTTP ingest (an in-process sink), backfilling history on an empty log.
 */
import { SYSTEM_PRINCIPAL } from '../../shared/domain/access.ts';
import type { ReportIncidentInput, UpdateIncidentInput } from '../../shared/domain/schemas.ts';
import type { Config } from '../config.ts';
import type { IncidentService } from './incident-service.ts';
import { createSimulator } from './simulator/runner.ts';
import type { SimulatorSink } from './simulator/sink.ts';

export interface RunningSimulator {
  stop(): Promise<void>;
}

export function createServiceSink(service: IncidentService): SimulatorSink {
  return {
    async report(input: ReportIncidentInput) {
      const res = await service.report(input, SYSTEM_PRINCIPAL);
      if (!res.ok) throw new Error(`simulated report refused: ${res.error.message}`);
      return { id: res.data.incident.id, created: res.data.created };
    },
    async update(id: string, input: UpdateIncidentInput) {
      const res = await service.update(id, input, SYSTEM_PRINCIPAL);
      // Someone at the console may have moved the incident on already: skip, as a crew would.
      if (!res.ok && res.error.status !== 409)
        throw new Error(`simulated update refused: ${res.error.message}`);
    },
  };
}

export async function startBuiltInSimulator(
  service: IncidentService,
  config: Config,
  log: (msg: string) => void,
): Promise<RunningSimulator> {
  const sim = createSimulator({
    sink: createServiceSink(service),
    seed: config.SIM_SEED,
    speed: config.SIM_SPEED,
    ratePerMinute: config.SIM_RATE,
    log,
  });
  if (service.projection.seq === 0 && config.SIM_BACKFILL_DAYS > 0) {
    log(`simulator: empty database, backfilling ${config.SIM_BACKFILL_DAYS} days of history…`);
    await sim.backfill(config.SIM_BACKFILL_DAYS);
  }
  sim.start();
  return sim;
}
