/**
 * The alert API (v1): list (the active ones by default), one with its events, and what
 * people do to one: acknowledge, escalate, dismiss. Reads are open to whoever may read
 * incidents, redacted alike (a wall display sees no actor); acts go through the alert
 * service, which authorizes on the alert and appends through the one write path.
 */
import { Router, type RequestHandler, type Response } from 'express';
import {
  AlertNoteBodySchema,
  AlertQuerySchema,
  DismissAlertBodySchema,
} from '../../shared/domain/alert-commands.ts';
import { authorize, redactorFor } from '../../shared/domain/access.ts';
import { zodError } from '../../shared/domain/schemas.ts';
import type { AlertResult, AlertService } from '../analyst/alert-service.ts';
import type { Store } from '../log/store.ts';
import { principalOf } from './auth.middleware.ts';
import { requireJson, sendError } from './errors.ts';

/** Refuses with 403 whoever may not read alerts (whoever may not read incidents). */
const readers: RequestHandler = (_req, res, next) => {
  const may = authorize(principalOf(res), { type: 'alert:read' });
  if (!may.allowed) return sendError(res, 403, { code: 'forbidden', message: may.reason });
  next();
};

function answer(res: Response, result: AlertResult): void {
  if (!result.ok) return sendError(res, result.error.status, result.error);
  res.json({ alert: result.data, seq: result.data.lastSeq });
}

export function alertsRouter(deps: { alerts: AlertService; store: Store }): Router {
  const { alerts, store } = deps;
  const router = Router();

  router.get('/alerts', readers, async (req, res) => {
    const parsed = AlertQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const { status, kind, agency, limit } = parsed.data;
    const items = await store.queryAlerts({ status, kind, agency, limit });
    const redactor = redactorFor(principalOf(res));
    res.json({ items: items.map(redactor.alert) });
  });

  router.get<{ id: string }>('/alerts/:id', readers, async (req, res) => {
    const alert = await store.getAlert(req.params.id);
    if (!alert)
      return sendError(res, 404, { code: 'not_found', message: `no alert '${req.params.id}'` });
    const events = await store.eventsForIncident(alert.id);
    const redactor = redactorFor(principalOf(res));
    res.json({ alert: redactor.alert(alert), events: events.map((e) => redactor.event(e)) });
  });

  router.post<{ id: string }>('/alerts/:id/acknowledge', requireJson, async (req, res) => {
    const parsed = AlertNoteBodySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    answer(res, await alerts.acknowledge(req.params.id, principalOf(res), parsed.data.note));
  });

  router.post<{ id: string }>('/alerts/:id/escalate', requireJson, async (req, res) => {
    const parsed = AlertNoteBodySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const by = principalOf(res);
    answer(res, await alerts.escalate(req.params.id, by, { note: parsed.data.note }));
  });

  router.post<{ id: string }>('/alerts/:id/dismiss', requireJson, async (req, res) => {
    const parsed = DismissAlertBodySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const by = principalOf(res);
    answer(res, await alerts.clear(req.params.id, 'dismissed', by, parsed.data.note));
  });

  return router;
}
