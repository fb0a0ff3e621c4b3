/**
 * Admin API for scheduled briefings (server/briefing/schedule-*.ts): list (with each
 * schedule's last send), create, change, delete, a schedule's sends, and "send now" for
 * a chosen past week or month (a test, or a re-send). Admins only; every field is checked
 * (zod, then the city pack for the agency) and a refusal names it; nothing is stored on a
 * refusal. A webhook's secret is write-once, as for notification subscriptions.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { agencyByCode } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import {
  MAX_EMAILS,
  MAX_NAME,
  MAX_URL,
  NOTIFY_CHANNELS,
} from '../../shared/domain/notify-contract.ts';
import type { ScheduleView, SendView } from '../../shared/domain/schedule-contract.ts';
import { SCHEDULE_PERIODS, TIME_PATTERN } from '../../shared/domain/schedule-period.ts';
import { zodError } from '../../shared/domain/schemas.ts';
import { zonedMidnight } from '../../shared/domain/time.ts';
import { LOCALES } from '../../shared/i18n/format.ts';
import { chosenPeriod, type BriefingSender } from '../briefing/schedule-send.ts';
import { newSecret } from '../notify/notify-signature.ts';
import type { BriefingSchedule, BriefingSend, ScheduleStore } from '../notify/schedule-store.ts';
import { allow, principalOf } from './auth.middleware.ts';
import { requireJson, sendError } from './errors.ts';
import { redactUrl } from './notify.routes.ts';

const fields = {
  name: z.string().trim().min(1).max(MAX_NAME),
  agency: z.string().trim().min(1).max(64).nullable(),
  period: z.enum(SCHEDULE_PERIODS),
  time: z.string().regex(TIME_PATTERN, 'expected HH:MM (00:00–23:59, WIB)'),
  weekday: z
    .number()
    .int()
    .min(1, 'expected 1 (Monday) to 7 (Sunday)')
    .max(7, 'expected 1 (Monday) to 7 (Sunday)')
    .nullable(),
  locale: z.enum(LOCALES),
  url: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .max(MAX_URL)
    .refine((u) => !new URL(u).username && !new URL(u).password, {
      message: 'no user or password in the URL',
    }),
  emails: z.array(z.email().max(254)).min(1).max(MAX_EMAILS),
  enabled: z.boolean(),
};

const NewScheduleSchema = z
  .object({ ...fields, channel: z.enum(NOTIFY_CHANNELS) })
  .partial({ agency: true, weekday: true, locale: true, url: true, emails: true, enabled: true })
  .strict();

const ScheduleChangeSchema = z.object(fields).partial().strict();

const SendNowSchema = z
  .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD') })
  .strict();

export function sendView(s: BriefingSend): SendView {
  return {
    id: s.id,
    scheduleId: s.scheduleId,
    periodFrom: s.periodFrom,
    periodTo: s.periodTo,
    manual: s.manual,
    status: s.status,
    attempts: s.attempts,
    createdAt: s.createdAt,
    deliveredAt: s.deliveredAt,
    nextAttemptAt: s.status === 'pending' ? s.nextAttemptAt : null,
    sizeBytes: s.sizeBytes,
    lastError: s.lastError,
  };
}

export function scheduleView(s: BriefingSchedule, last?: BriefingSend): ScheduleView {
  return {
    id: s.id,
    name: s.name,
    agency: s.agency,
    period: s.period,
    time: s.time,
    weekday: s.weekday,
    locale: s.locale,
    channel: s.channel,
    url: s.url === null ? null : redactUrl(s.url),
    emails: s.emails,
    hasSecret: s.secret !== null,
    enabled: s.enabled,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    lastSend: last ? sendView(last) : null,
  };
}

const refuse = (res: Response, field: string, problem: string, status = 400) =>
  sendError(res, status, {
    code: status === 400 ? 'invalid_request' : 'unprocessable',
    message: `${field}: ${problem}`,
    fields: { [field]: problem },
  });

const notFound = (res: Response, id: string) =>
  sendError(res, 404, { code: 'not_found', message: `no briefing schedule '${id}'` });

const BASE = '/admin/briefing-schedules';

export function briefingSchedulesRouter(deps: {
  schedules: ScheduleStore;
  sender: BriefingSender;
  pack: CityPack;
  clock: () => Date;
  /** Whether email can be sent (NOTIFY_SMTP_URL is set). */
  email: boolean;
}): Router {
  const { schedules, sender, pack, clock } = deps;
  const router = Router();
  router.use(BASE, allow('admin:manage'));

  /** The first problem of a schedule as it would be stored, as [field, problem]. */
  const problem = (s: Omit<BriefingSchedule, 'id' | 'createdAt' | 'updatedAt' | 'createdBy'>) => {
    if (s.agency !== null && !agencyByCode(pack, s.agency))
      return ['agency', `unknown agency '${s.agency}'`] as const;
    if (s.period === 'week' && s.weekday === null)
      return ['weekday', 'a weekly schedule needs its weekday (1 = Monday … 7 = Sunday)'] as const;
    if (s.period === 'month' && s.weekday !== null)
      return ['weekday', 'a monthly schedule is sent on day 1: no weekday'] as const;
    if (s.channel === 'webhook' && s.url === null)
      return ['url', 'a webhook needs its URL'] as const;
    if (s.channel === 'webhook' && s.emails !== null)
      return ['emails', 'a webhook has none'] as const;
    if (s.channel === 'email' && s.emails === null)
      return ['emails', 'an email schedule needs its addresses'] as const;
    if (s.channel === 'email' && s.url !== null) return ['url', 'email has no URL'] as const;
    if (s.channel === 'email' && !deps.email)
      return ['channel', 'email is not set up on this server (NOTIFY_SMTP_URL)'] as const;
    return null;
  };

  router.get(BASE, async (_req, res) => {
    const [list, last] = await Promise.all([schedules.listSchedules(), schedules.lastSends()]);
    res.json({ schedules: list.map((s) => scheduleView(s, last.get(s.id))) });
  });

  router.post(BASE, requireJson, async (req, res) => {
    const parsed = NewScheduleSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const b = parsed.data;
    const webhook = b.channel === 'webhook';
    const candidate = {
      name: b.name,
      agency: b.agency ?? null,
      period: b.period,
      time: b.time,
      weekday: b.weekday ?? (b.period === 'week' ? 1 : null),
      locale: b.locale ?? 'id',
      channel: b.channel,
      url: b.url ?? null,
      emails: b.emails ?? null,
      secret: webhook ? newSecret() : null,
      enabled: b.enabled ?? true,
    };
    const bad = problem(candidate);
    if (bad) return refuse(res, bad[0], bad[1]);
    const created = await schedules.createSchedule(
      { ...candidate, createdBy: principalOf(res).id },
      clock(),
    );
    res.status(201).json({ schedule: scheduleView(created), secret: candidate.secret });
  });

  router.patch<{ id: string }>(`${BASE}/:id`, requireJson, async (req, res) => {
    const parsed = ScheduleChangeSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const existing = await schedules.getSchedule(req.params.id);
    if (!existing) return notFound(res, req.params.id);
    const changes = { ...parsed.data };
    // Weekly → monthly drops the weekday; monthly → weekly takes Monday unless one is given.
    if (changes.period === 'month' && changes.weekday === undefined) changes.weekday = null;
    if (changes.period === 'week' && changes.weekday === undefined && existing.weekday === null)
      changes.weekday = 1;
    const bad = problem({ ...existing, ...changes });
    if (bad) return refuse(res, bad[0], bad[1]);
    const updated = await schedules.updateSchedule(existing.id, changes, clock());
    if (!updated) return notFound(res, req.params.id);
    res.json({ schedule: scheduleView(updated) });
  });

  router.delete<{ id: string }>(`${BASE}/:id`, async (req, res) => {
    const existing = await schedules.getSchedule(req.params.id);
    if (!existing || !(await schedules.removeSchedule(existing.id)))
      return notFound(res, req.params.id);
    res.json({ schedule: scheduleView(existing) });
  });

  router.get<{ id: string }>(`${BASE}/:id/sends`, async (req, res) => {
    const existing = await schedules.getSchedule(req.params.id);
    if (!existing) return notFound(res, req.params.id);
    res.json({ sends: (await schedules.listSends(existing.id, 50)).map(sendView) });
  });

  router.post<{ id: string }>(`${BASE}/:id/send-now`, requireJson, async (req, res) => {
    const parsed = SendNowSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const existing = await schedules.getSchedule(req.params.id);
    if (!existing) return notFound(res, req.params.id);
    const [y, m, d] = parsed.data.date.split('-').map(Number) as [number, number, number];
    const real = new Date(Date.UTC(y, m - 1, d));
    if (real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d)
      return refuse(res, 'date', 'not a calendar date');
    const day = zonedMidnight(y, m, d, pack.timeZone);
    const period = chosenPeriod(existing.period, day, clock(), pack.timeZone);
    if (!period)
      return refuse(res, 'date', `the ${existing.period} containing it has not ended yet`, 422);
    const send = await sender.sendNow(existing, period);
    if (!send) return sendError(res, 409, { code: 'conflict', message: 'the send was not added' });
    res.status(send.status === 'delivered' ? 201 : 202).json({ send: sendView(send) });
  });

  return router;
}
