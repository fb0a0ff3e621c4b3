/**
 * Fan-out bench, server process: the real Nakhoda on a temporary SQLite file, with a
 * token for each client. FANOUT_MIX=mixed (the default) connects the clients as a
 * command centre does: half supervisors' consoles (everything), a quarter wall displays
 * (redacted, no log details) and a quarter agency consoles over five agencies (personal
 * data only on their own incidents), so the broadcaster works for seven audiences;
 * FANOUT_MIX=admin puts every client in one. Exits when told to stop, so a `--cpu-prof`
 * profile is written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../server/config.ts';
import { startNakhoda } from '../../../server/nakhoda.ts';
import { tell, type ToServer } from './ipc.ts';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const AGENCIES = ['dsda', 'bina_marga', 'dlh', 'dishub', 'satpol_pp'];
const clients = Number(process.env.FANOUT_CLIENTS ?? 200);
const mix = process.env.FANOUT_MIX ?? 'mixed';

const dir = mkdtempSync(join(tmpdir(), 'nakhoda-fanout-'));
const nakhoda = await startNakhoda(
  loadConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    SIMULATOR: 'off',
    NAKHODA_ADMIN_TOKEN: ADMIN_TOKEN,
    RATE_INGEST_PER_MIN: '100000000',
    RATE_INGEST_IP_PER_MIN: '100000000',
    SOCKET_SEND_BUFFER_MB: process.env.SOCKET_SEND_BUFFER_MB,
  }),
  { log: () => undefined },
);

const now = new Date();
const { secret: display } = await nakhoda.auth.createToken(
  { kind: 'display', role: 'display', label: 'Bench wall', createdBy: 'bench' },
  now,
);
const agency: string[] = [];
for (const code of AGENCIES) {
  const { secret } = await nakhoda.auth.createToken(
    { kind: 'api', role: 'agency', agency: code, label: `Bench ${code}`, createdBy: 'bench' },
    now,
  );
  agency.push(secret);
}
const tokenFor = (i: number): string => {
  if (mix === 'admin' || i % 4 < 2) return ADMIN_TOKEN;
  if (i % 4 === 2) return display;
  return agency[Math.floor(i / 4) % agency.length]!;
};

// Ends with the coordinator, whatever happened to it (a clean exit writes the profile).
process.once('disconnect', () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
let cpu = process.cpuUsage();
process.on('message', (m: ToServer) => {
  if (m.type === 'cpu') {
    const d = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    tell({
      type: 'cpu',
      cpuMs: (d.user + d.system) / 1000,
      rssMb: process.memoryUsage().rss / 2 ** 20,
    });
  } else if (m.type === 'stop') {
    void nakhoda.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      // Exits on its own (not killed), so `--cpu-prof` writes the profile.
      process.exit(0);
    });
  }
});

tell({
  type: 'ready',
  url: nakhoda.url,
  postPath: '/api/v1/incidents/batch',
  postToken: ADMIN_TOKEN,
  clientTokens: Array.from({ length: clients }, (_, i) => tokenFor(i)),
});
