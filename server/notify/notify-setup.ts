/**
 * Notifications on one node, as createApp mounts them: the dispatcher with its channels
 * (webhooks always, email when an SMTP server is configured) and the admin routes, over a
 * store the caller opened (and closes).
 */
import type { Router } from 'express';
import type { CityPack } from '../../shared/city/types.ts';
import { notifyRouter } from '../http/notify.routes.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import { createNotifyDispatcher, type NotifyDispatcher } from './notify-dispatcher.ts';
import { emailChannel } from './notify-email.ts';
import type { NotifyStore } from './notify-store.ts';
import { webhookChannel, type Channel } from './notify-webhook.ts';
import type { NodeLeadership } from '../ingest/simulator-leader.ts';

export interface NotifyOptions {
  store: NotifyStore;
  /** Where links point; the node's own URL when absent. */
  publicUrl?: string;
  /** SMTP for email subscriptions; email is refused without it. */
  smtp?: { url: string; from: string };
  /** One try's limit (ms). */
  timeoutMs?: number;
  /** Between polls for due deliveries (ms). */
  pollMs?: number;
  /** The backoff's jitter (tests). */
  random?: () => number;
  /** How this node may lead the scheduled briefings' runner; alone when absent (SQLite). */
  leadership?: NodeLeadership;
  /** Between the briefing runner's ticks (ms; default a minute; 0: only when asked). */
  scheduleTickMs?: number;
}

export interface RunningNotify {
  dispatcher: NotifyDispatcher;
  router: Router;
  stop(): Promise<void>;
}

const noEmail: Channel = async () => ({
  ok: false,
  status: null,
  error: 'email is not set up on this server (NOTIFY_SMTP_URL)',
});

export function startNotify(
  opts: NotifyOptions,
  deps: {
    service: IncidentService;
    pack: CityPack;
    clock: () => Date;
    log: (msg: string) => void;
    /** This node's URL once it listens. */
    ownUrl: () => string;
  },
): RunningNotify {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const email = opts.smtp
    ? emailChannel({ smtpUrl: opts.smtp.url, from: opts.smtp.from, pack: deps.pack, timeoutMs })
    : null;
  const dispatcher = createNotifyDispatcher({
    store: opts.store,
    service: deps.service,
    pack: deps.pack,
    publicUrl: () => (opts.publicUrl ?? deps.ownUrl()).replace(/\/+$/, ''),
    channels: { webhook: webhookChannel({ timeoutMs }), email: email?.send ?? noEmail },
    clock: deps.clock,
    random: opts.random,
    pollMs: opts.pollMs ?? 5_000,
    log: deps.log,
  });
  const router = notifyRouter({
    notify: opts.store,
    dispatcher,
    pack: deps.pack,
    clock: deps.clock,
    email: email !== null,
  });
  return {
    dispatcher,
    router,
    async stop() {
      await dispatcher.stop();
      email?.close();
    },
  };
}
