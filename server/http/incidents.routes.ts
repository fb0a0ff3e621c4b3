/**
 * The incident API (v1): report (one, or many at once: bulk-ingest.ts), update, list with
 * filters, one with its history. Reads are redacted to what the caller's role may see.
 * Reports are limited by how many they are (ingest-budget.ts), not by requests.
 */
import { Router } from 'express';
import { redactorFor } from '../../shared/domain/access.ts';
import { IncidentQuerySchema, zodError } from '../../shared/domain/schemas.ts';
import type { DuplicateCommands } from '../ingest/duplicate-commands.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import type { Store } from '../log/store.ts';
import { decodeCursor } from '../log/store.ts';
import { allow, principalOf } from './auth.middleware.ts';
import { bulkIngest } from './bulk-ingest.ts';
import type { IngestBudget } from './ingest-budget.ts';
import { requireJson, sendError } from './errors.ts';

/** The bulk route, under /api/v1. */
export const BATCH_PATH = '/incidents/batch';

export function incidentsRouter(deps: {
  service: IncidentService;
  store: Store;
  budget: IngestBudget;
  duplicates: DuplicateCommands;
}): Router {
  const { service, store, budget, duplicates } = deps;
  const router = Router();

  router.post('/incidents', budget.one, requireJson, async (req, res) => {
    const result = await service.report(req.body, principalOf(res));
    if (!result.ok) return sendError(res, result.error.status, result.error);
    const { incident, seq, created } = result.data;
    // A re-post learns which incident it is, not what others have since written into it
    // (reporter details, notes): the caller may not be allowed to read it at all.
    if (!created)
      return res.status(200).json({ incident: { id: incident.id }, seq, duplicate: true });
    res.status(201).json({ incident, seq });
  });

  router.post(BATCH_PATH, ...bulkIngest({ service, budget }));

  router.patch<{ id: string }>('/incidents/:id', requireJson, async (req, res) => {
    const result = await service.update(req.params.id, req.body, principalOf(res));
    if (!result.ok) return sendError(res, result.error.status, result.error);
    res.json(result.data);
  });

  // A supervisor links a report to its master as a duplicate, or splits it off again; each
  // answers both incidents as they now are (duplicate-commands.ts).
  router.post<{ id: string }>('/incidents/:id/link', requireJson, async (req, res) => {
    const result = await duplicates.link(req.params.id, req.body, principalOf(res));
    if (!result.ok) return sendError(res, result.error.status, result.error);
    res.json(result.data);
  });
  router.post<{ id: string }>('/incidents/:id/split', requireJson, async (req, res) => {
    const result = await duplicates.split(req.params.id, req.body, principalOf(res));
    if (!result.ok) return sendError(res, result.error.status, result.error);
    res.json(result.data);
  });

  router.get('/incidents', allow('incident:read'), async (req, res) => {
    const parsed = IncidentQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    if (parsed.data.cursor && !decodeCursor(parsed.data.cursor)) {
      return sendError(res, 400, {
        code: 'invalid_request',
        message: 'cursor: not a cursor this API gave',
        fields: { cursor: 'not a cursor this API gave' },
      });
    }
    const page = await store.queryIncidents(parsed.data);
    const redactor = redactorFor(principalOf(res));
    res.json({ ...page, items: page.items.map(redactor.incident) });
  });

  router.get<{ id: string }>('/incidents/:id', allow('incident:read'), async (req, res) => {
    const incident = await store.getIncident(req.params.id);
    if (!incident)
      return sendError(res, 404, { code: 'not_found', message: `no incident '${req.params.id}'` });
    const history = await store.eventsForIncident(incident.id);
    const redactor = redactorFor(principalOf(res));
    res.json({
      incident: redactor.incident(incident),
      history: history.map((e) => redactor.event(e, incident.agency)),
    });
  });

  // The reports linked to an incident as duplicates (duplicates.ts), oldest first.
  router.get<{ id: string }>('/incidents/:id/reports', allow('incident:read'), async (req, res) => {
    const master = await store.getIncident(req.params.id);
    if (!master)
      return sendError(res, 404, { code: 'not_found', message: `no incident '${req.params.id}'` });
    const reports = await store.linkedReports(master.id);
    const redactor = redactorFor(principalOf(res));
    res.json({ masterId: master.id, items: reports.map(redactor.incident) });
  });

  return router;
}
