/**
 * Fan-out bench, poster process: reports at a fixed rate, posted as a JSON array every
 * slice (20 ms: 20 reports a request at 1,000/s), as a sensor gateway or connector
 * does. The schedule is kept from the start instant, and a slow request does not hold
 * back the next one (no coordinated omission: a slow server shows as latency, not as a
 * lower rate). Each report is stamped with the instant its request is sent.
 */
import { tell, type PostPlan } from './ipc.ts';
import { reportItem, sharedNow, stampedId } from './load.ts';

async function post(plan: PostPlan, run: string, seconds: number) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (plan.token) headers.authorization = `Bearer ${plan.token}`;
  const slices = Math.round((seconds * 1000) / plan.sliceMs);
  const requestMs: number[] = [];
  let sent = 0;
  let created = 0;
  let failedRequests = 0;
  let lateMs = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let k = 0; k < slices; k++) {
    const due = t0 + k * plan.sliceMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lateMs = Math.max(lateMs, performance.now() - due);
    const upTo = Math.floor((plan.rate * (k + 1) * plan.sliceMs) / 1000);
    if (upTo === sent) continue;
    const at = sharedNow();
    const items = [];
    for (; sent < upTo; sent++) items.push(reportItem(stampedId(run, sent, at), sent));
    const started = performance.now();
    inFlight.push(
      fetch(`${plan.url}${plan.path}`, { method: 'POST', headers, body: JSON.stringify(items) })
        .then(async (res) => {
          const body = (await res.json()) as { results?: { status: string }[] };
          requestMs.push(performance.now() - started);
          if (!res.ok || !body.results) failedRequests++;
          else created += body.results.filter((r) => r.status === 'created').length;
        })
        .catch(() => {
          failedRequests++;
        }),
    );
  }
  await Promise.all(inFlight);
  requestMs.sort((a, b) => a - b);
  const q = (p: number) =>
    requestMs[Math.min(requestMs.length - 1, Math.ceil(p * requestMs.length) - 1)] ?? NaN;
  return { sent, created, failedRequests, requestP50: q(0.5), requestP99: q(0.99), lateMs };
}

// Ends with the coordinator, whatever happened to it.
process.once('disconnect', () => process.exit(0));
process.on('message', (m: PostPlan) => {
  if (m.type !== 'post') return;
  void (async () => {
    // Warm-up at the same rate under another run id (the clients do not count it), so
    // neither process measures its JIT or its first connections.
    if (m.warmupSeconds > 0) await post(m, `${m.run}w`, m.warmupSeconds);
    tell({ type: 'measuring' });
    tell({ type: 'done', ...(await post(m, m.run, m.seconds)) });
    process.exit(0);
  })();
});
