/**
 * Admin API for notifications (server/notify/): subscriptions (list with recent delivery
 * counts, create, change, delete, rotate a webhook's secret, send a test) and deliveries
 * (list, by status: `dead` is the dead-letter list; replay a dead one). Admins only. A
 * webhook's secret is write-once: in the answer that creates or rotates it, never in a
 * view; a webhook URL is shown with its query values redacted.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { agencyByCode } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import { ALERT_KINDS, ESCALATION_LEVELS } from '../../shared/domain/alerts.ts';
import { zodError } from '../../shared/domain/schemas.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import {
  DELIVERY_STATUSES,
  MATCH_EVERYTHING,
  MAX_EMAILS,
  MAX_NAME,
  MAX_URL,
  NOTIFY_CHANNELS,
  NOTIFY_EVENTS,
  ZERO_DELIVERY_COUNTS,
  type DeliveryCounts,
  type DeliveryView,
  type NotifyFilter,
  type SubscriptionView,
} from '../../shared/domain/notify-contract.ts';
import type { NotifyDispatcher } from '../notify/notify-dispatcher.ts';
import { newSecret } from '../notify/notify-signature.ts';
import type { Delivery, NotifyStore, Subscription } from '../notify/notify-store.ts';
import { allow, principalOf } from './auth.middleware.ts';
import { requireJson, sendError } from './errors.ts';

const choice = <T extends string>(values: z.ZodType<T>) =>
  z.union([z.literal('all'), z.array(values).min(1).max(200)]);

const FilterSchema = z
  .object({
    kinds: choice(z.enum(ALERT_KINDS)),
    agencies: choice(z.string().trim().min(1).max(64)),
    levels: choice(z.enum(ESCALATION_LEVELS)),
    events: choice(z.enum(NOTIFY_EVENTS)),
  })
  .partial()
  .strict();

const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .max(MAX_URL)
  .refine((u) => !new URL(u).username && !new URL(u).password, {
    message: 'no user or password in the URL',
  });

const fields = {
  name: z.string().trim().min(1).max(MAX_NAME),
  url: webhookUrl,
  emails: z.array(z.email().max(254)).min(1).max(MAX_EMAILS),
  filter: FilterSchema,
  enabled: z.boolean(),
};

const NewSubscriptionSchema = z
  .object({ ...fields, channel: z.enum(NOTIFY_CHANNELS) })
  .partial({ url: true, emails: true, filter: true, enabled: true })
  .strict();

const SubscriptionChangeSchema = z.object(fields).partial().strict();

const DeliveryQuerySchema = z
  .object({
    status: z.enum(DELIVERY_STATUSES).optional(),
    subscription: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** A webhook URL fit to show: every query value (a chat gateway's `?key=…`) redacted. */
export function redactUrl(raw: string): string {
  const url = new URL(raw);
  const keys = [...url.searchParams.keys()];
  const query = keys.length ? `?${keys.map((k) => `${encodeURIComponent(k)}=…`).join('&')}` : '';
  return `${url.origin}${url.pathname}${query}`;
}

export function subscriptionView(s: Subscription, counts?: DeliveryCounts): SubscriptionView {
  return {
    id: s.id,
    name: s.name,
    channel: s.channel,
    url: s.url === null ? null : redactUrl(s.url),
    emails: s.emails,
    filter: s.filter,
    enabled: s.enabled,
    hasSecret: s.secret !== null,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    counts: counts ?? ZERO_DELIVERY_COUNTS,
  };
}

export function deliveryView(d: Delivery, subscriptionName: string): DeliveryView {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    subscriptionName,
    seq: d.seq,
    eventType: d.eventType,
    alertId: d.alertId,
    summary: d.summary,
    status: d.status,
    attempts: d.attempts,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    deliveredAt: d.deliveredAt,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
  };
}

const refuse = (res: Response, field: string, problem: string) =>
  sendError(res, 400, {
    code: 'invalid_request',
    message: `${field}: ${problem}`,
    fields: { [field]: problem },
  });

const notFound = (res: Response, what: string, id: string) =>
  sendError(res, 404, { code: 'not_found', message: `no ${what} '${id}'` });

export function notifyRouter(deps: {
  notify: NotifyStore;
  dispatcher: NotifyDispatcher;
  pack: CityPack;
  clock: () => Date;
  /** Whether email can be sent (NOTIFY_SMTP_URL is set). */
  email: boolean;
}): Router {
  const { notify, dispatcher, pack, clock } = deps;
  const router = Router();
  router.use('/admin/notifications', allow('admin:manage'));

  /** The first problem of a filter's agencies, as [field, problem]. */
  const unknownAgency = (filter: Partial<NotifyFilter> | undefined): [string, string] | null => {
    if (!filter?.agencies || filter.agencies === 'all') return null;
    const i = filter.agencies.findIndex((code) => !agencyByCode(pack, code));
    return i < 0 ? null : [`filter.agencies.${i}`, `unknown agency '${filter.agencies[i]}'`];
  };

  router.get('/admin/notifications/subscriptions', async (_req, res) => {
    const counts = await notify.deliveryCounts(new Date(clock().getTime() - 24 * HOUR_MS));
    const subscriptions = await notify.listSubscriptions();
    res.json({ subscriptions: subscriptions.map((s) => subscriptionView(s, counts.get(s.id))) });
  });

  router.post('/admin/notifications/subscriptions', requireJson, async (req, res) => {
    const parsed = NewSubscriptionSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const body = parsed.data;
    const webhook = body.channel === 'webhook';
    if (webhook && body.url === undefined) return refuse(res, 'url', 'a webhook needs its URL');
    if (webhook && body.emails !== undefined) return refuse(res, 'emails', 'a webhook has none');
    if (!webhook && body.emails === undefined)
      return refuse(res, 'emails', 'an email subscription needs its addresses');
    if (!webhook && body.url !== undefined) return refuse(res, 'url', 'email has no URL');
    if (!webhook && !deps.email)
      return refuse(res, 'channel', 'email is not set up on this server (NOTIFY_SMTP_URL)');
    const agency = unknownAgency(body.filter);
    if (agency) return refuse(res, ...agency);
    const secret = webhook ? newSecret() : null;
    const created = await notify.createSubscription(
      {
        name: body.name,
        channel: body.channel,
        url: webhook ? body.url! : null,
        emails: webhook ? null : body.emails!,
        secret,
        filter: { ...MATCH_EVERYTHING, ...body.filter },
        enabled: body.enabled ?? true,
        createdBy: principalOf(res).id,
      },
      clock(),
    );
    res.status(201).json({ subscription: subscriptionView(created), secret });
  });

  router.patch<{ id: string }>(
    '/admin/notifications/subscriptions/:id',
    requireJson,
    async (req, res) => {
      const parsed = SubscriptionChangeSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
      const changes = parsed.data;
      const existing = await notify.getSubscription(req.params.id);
      if (!existing) return notFound(res, 'subscription', req.params.id);
      if (existing.channel === 'webhook' && changes.emails !== undefined)
        return refuse(res, 'emails', 'a webhook has none');
      if (existing.channel === 'email' && changes.url !== undefined)
        return refuse(res, 'url', 'email has no URL');
      const agency = unknownAgency(changes.filter);
      if (agency) return refuse(res, ...agency);
      const filter = changes.filter && { ...existing.filter, ...changes.filter };
      const updated = await notify.updateSubscription(existing.id, { ...changes, filter }, clock());
      if (!updated) return notFound(res, 'subscription', req.params.id);
      res.json({ subscription: subscriptionView(updated) });
    },
  );

  router.delete<{ id: string }>('/admin/notifications/subscriptions/:id', async (req, res) => {
    const existing = await notify.getSubscription(req.params.id);
    if (!existing || !(await notify.removeSubscription(existing.id)))
      return notFound(res, 'subscription', req.params.id);
    res.json({ subscription: subscriptionView(existing) });
  });

  router.post<{ id: string }>(
    '/admin/notifications/subscriptions/:id/rotate-secret',
    async (req, res) => {
      const existing = await notify.getSubscription(req.params.id);
      if (!existing) return notFound(res, 'subscription', req.params.id);
      if (existing.channel !== 'webhook')
        return sendError(res, 409, {
          code: 'conflict',
          message: 'only a webhook has a signing secret',
        });
      const secret = newSecret();
      const updated = await notify.updateSubscription(existing.id, { secret }, clock());
      if (!updated) return notFound(res, 'subscription', req.params.id);
      res.json({ subscription: subscriptionView(updated), secret });
    },
  );

  router.post<{ id: string }>('/admin/notifications/subscriptions/:id/test', async (req, res) => {
    const existing = await notify.getSubscription(req.params.id);
    if (!existing) return notFound(res, 'subscription', req.params.id);
    const delivery = await dispatcher.sendTest(existing);
    res.status(201).json({ delivery: deliveryView(delivery, existing.name) });
  });

  router.get('/admin/notifications/deliveries', async (req, res) => {
    const parsed = DeliveryQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const q = parsed.data;
    const [deliveries, subscriptions] = await Promise.all([
      notify.listDeliveries({ status: q.status, subscriptionId: q.subscription, limit: q.limit }),
      notify.listSubscriptions(),
    ]);
    const names = new Map(subscriptions.map((s) => [s.id, s.name]));
    res.json({
      deliveries: deliveries.map((d) => deliveryView(d, names.get(d.subscriptionId) ?? '')),
    });
  });

  router.post<{ id: string }>('/admin/notifications/deliveries/:id/replay', async (req, res) => {
    const existing = await notify.getDelivery(req.params.id);
    if (!existing) return notFound(res, 'delivery', req.params.id);
    const replayed = await notify.replay(existing.id, clock());
    if (!replayed)
      return sendError(res, 409, {
        code: 'conflict',
        message: `delivery '${existing.id}' is ${existing.status}: only a dead one is replayed`,
      });
    void dispatcher.wake();
    const subscription = await notify.getSubscription(replayed.subscriptionId);
    res.json({ delivery: deliveryView(replayed, subscription?.name ?? '') });
  });

  return router;
}
