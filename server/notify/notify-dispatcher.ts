/**
 * Sends alert events out. Every node runs one, fed by its service's `onAppended` (this
 * node's events and other nodes', in seq order): for each alert event, every enabled
 * subscription whose filter matches gets a delivery, its body built once from the alert as
 * that event left it; the store keeps one per (subscription, seq) however many nodes hear
 * it. Then due deliveries are claimed (atomically: two nodes never send one at once) and
 * tried on their channel; a failed try is retried on the backoff schedule
 * (notify-backoff.ts) until delivered or dead. A poll (an unref'd timer, stopped by
 * `stop`) picks up retries, replays and other nodes' leftovers. The clock and the
 * backoff's randomness are injected, so tests move time instead of waiting for it.
 *
 * Delivery is at least once: a node that dies mid-try leaves its claim to lapse and the
 * delivery is tried again, with the same X-Nakhoda-Delivery for the receiver to drop.
 * Events appended while no node was up to hear them (a crash between the append and the
 * insert, on a single node), or heard while the store could not be reached (logged), are
 * not notified later by that node; on several nodes another node's insert still counts.
 */
import { randomUUID } from 'node:crypto';
import type { CityPack } from '../../shared/city/types.ts';
import {
  isAlertEvent,
  reduceAlert,
  type Alert,
  type AlertEvent,
} from '../../shared/domain/alerts.ts';
import type { DomainEvent } from '../../shared/domain/types.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import { retryAt } from './notify-backoff.ts';
import { TEST_EVENT_TYPE, type NotifyChannel } from '../../shared/domain/notify-contract.ts';
import { matchesFilter } from './notify-filter.ts';
import { alertNotification, testNotification } from './notify-message.ts';
import type {
  AttemptOutcome,
  Delivery,
  NewDelivery,
  NotifyStore,
  Subscription,
} from './notify-store.ts';
import type { Channel } from './notify-webhook.ts';

/** How long a claimed delivery is this sender's before another may take it. */
export const CLAIM_LEASE_MS = 120_000;
/** Deliveries claimed at once. */
const CLAIM_BATCH = 20;

export interface NotifyDispatcherDeps {
  store: NotifyStore;
  service: Pick<IncidentService, 'projection' | 'onAppended'>;
  pack: CityPack;
  /** Where links in notifications point (no trailing slash). */
  publicUrl: () => string;
  channels: Record<NotifyChannel, Channel>;
  clock: () => Date;
  /** The backoff's jitter; Math.random by default. */
  random?: () => number;
  /** Between polls for due deliveries (ms); 0: only when woken. */
  pollMs: number;
  log: (msg: string) => void;
}

export interface NotifyDispatcher {
  /** Sends a test notification to `subscription` now; resolves with the delivery after its first try. */
  sendTest(subscription: Subscription): Promise<Delivery>;
  /** Tries what is due now (after any run in progress). */
  wake(): Promise<void>;
  /** Waits until the alert events heard so far have their deliveries, then tries what is due. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createNotifyDispatcher(deps: NotifyDispatcherDeps): NotifyDispatcher {
  const { store, service, pack, clock, log } = deps;
  const random = deps.random ?? Math.random;
  let stopped = false;
  // Each alert as its last heard event left it: seeded from the projection as it is now,
  // then reduced here event by event, so a batch that moves one alert twice still sends
  // each step as that step left it.
  const known = new Map<string, Alert>(service.projection.alerts);
  let creating: Promise<void> = Promise.resolve();

  const alertAfter = (event: AlertEvent): Alert | undefined => {
    try {
      const alert = reduceAlert(known.get(event.incidentId), event);
      known.set(alert.id, alert);
      return alert;
    } catch {
      // An alert that left the window before this node heard it: the projection's picture.
      return service.projection.alerts.get(event.incidentId);
    }
  };

  const createDeliveries = async (steps: { event: AlertEvent; alert: Alert }[]) => {
    const subscriptions = (await store.listSubscriptions()).filter((s) => s.enabled);
    const deliveries: NewDelivery[] = [];
    for (const { event, alert } of steps) {
      for (const s of subscriptions) {
        if (!matchesFilter(s.filter, alert, event.type)) continue;
        const id = randomUUID();
        const body = alertNotification({
          deliveryId: id,
          alert,
          event,
          pack,
          publicUrl: deps.publicUrl(),
        });
        deliveries.push({
          id,
          subscriptionId: s.id,
          seq: event.seq,
          eventType: event.type,
          alertId: alert.id,
          summary: alert.summary,
          body: JSON.stringify(body),
        });
      }
    }
    if (deliveries.length > 0 && (await store.addDeliveries(deliveries, clock())).length > 0) {
      void wake();
    }
  };

  const unsubscribe = service.onAppended((events: DomainEvent[]) => {
    const steps: { event: AlertEvent; alert: Alert }[] = [];
    for (const event of events) {
      if (!isAlertEvent(event)) continue;
      const alert = alertAfter(event);
      if (alert) steps.push({ event, alert });
    }
    if (steps.length === 0 || stopped) return;
    creating = creating
      .then(() => createDeliveries(steps))
      .catch((error: unknown) => log(`notify: cannot create deliveries: ${String(error)}`));
  });

  const attempt = async (delivery: Delivery): Promise<void> => {
    const subscription = await store.getSubscription(delivery.subscriptionId);
    if (!subscription) return;
    // A test may check a subscription before it is enabled; alert events wait for nobody.
    const sendable = subscription.enabled || delivery.eventType === TEST_EVENT_TYPE;
    const at = clock();
    const result = sendable
      ? await deps.channels[subscription.channel](subscription, delivery, at)
      : { ok: false, status: null, error: 'the subscription is disabled' };
    let outcome: AttemptOutcome;
    if (result.ok) outcome = { status: 'delivered', lastStatus: result.status };
    else {
      const error = result.error ?? 'failed';
      const next = sendable ? retryAt(delivery.tries + 1, clock(), random) : null;
      outcome = next
        ? { status: 'pending', nextAttemptAt: next, lastStatus: result.status, lastError: error }
        : { status: 'dead', lastStatus: result.status, lastError: error };
    }
    await store.recordAttempt(delivery.id, outcome, clock());
  };

  const runDue = async () => {
    while (!stopped) {
      const now = clock();
      const claimed = await store.claimDue(
        now,
        new Date(now.getTime() + CLAIM_LEASE_MS),
        CLAIM_BATCH,
      );
      if (claimed.length === 0) return;
      await Promise.all(claimed.map(attempt));
    }
  };

  let running: Promise<void> | null = null;
  let again = false;
  const wake = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runDue();
      } while (again && !stopped);
    })()
      .catch((error: unknown) => log(`notify: sending failed: ${String(error)}`))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const pruneKnown = () => {
    for (const id of known.keys()) if (!service.projection.alerts.has(id)) known.delete(id);
  };

  let timer: NodeJS.Timeout | null = null;
  if (deps.pollMs > 0) {
    timer = setInterval(() => {
      pruneKnown();
      void wake();
    }, deps.pollMs);
    timer.unref();
  }

  return {
    async sendTest(subscription) {
      const id = randomUUID();
      const now = clock();
      const body = testNotification({
        deliveryId: id,
        subscriptionName: subscription.name,
        at: now,
        publicUrl: deps.publicUrl(),
      });
      await store.addDeliveries(
        [
          {
            id,
            subscriptionId: subscription.id,
            seq: null,
            eventType: TEST_EVENT_TYPE,
            alertId: null,
            summary: body.text,
            body: JSON.stringify(body),
          },
        ],
        now,
      );
      await wake();
      return (await store.getDelivery(id))!;
    },
    wake,
    async flush() {
      await creating;
      await wake();
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearInterval(timer);
      await creating;
      await running;
    },
  };
}
