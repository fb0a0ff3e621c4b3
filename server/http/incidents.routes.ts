/**
 * The incident API (v1): report, update, list with filters, one with its history.
 */
import { Router } from 'express';
import { IncidentQuerySchema } from '../../shared/domain/schemas.ts';
import type { IncidentService } from '../incident-service.ts';
import { zodError } from '../incident-service.ts';
import type { Store } from '../store/store.ts';
import { decodeCursor } from '../store/store.ts';
import { requireJson, sendError } from './errors.ts';

export function incidentsRouter(deps: { service: IncidentService; store: Store }): Router {
  const { service, store } = deps;
  const router = Router();

  router.post('/incidents', requireJson, async (req, res) => {
    const body: unknown = req.body;
    const source =
      typeof body === 'object' && body && 'source' in body ? String(body.source) : 'unknown';
    const result = await service.report(body, { kind: 'source', id: source });
    if (!result.ok) return sendError(res, result.error.status, result.error);
    res
      .status(result.data.created ? 201 : 200)
      .json({ incident: result.data.incident, seq: result.data.seq });
  });

  router.patch<{ id: string }>('/incidents/:id', requireJson, async (req, res) => {
    const result = await service.update(req.params.id, req.body, { kind: 'user', id: 'anonymous' });
    if (!result.ok) return sendError(res, result.error.status, result.error);
    res.json(result.data);
  });

  router.get('/incidents', async (req, res) => {
    const parsed = IncidentQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    if (parsed.data.cursor && !decodeCursor(parsed.data.cursor)) {
      return sendError(res, 400, {
        code: 'invalid_request',
        message: 'cursor: not a cursor this API gave',
        fields: { cursor: 'not a cursor this API gave' },
      });
    }
    res.json(await store.queryIncidents(parsed.data));
  });

  router.get<{ id: string }>('/incidents/:id', async (req, res) => {
    const incident = await store.getIncident(req.params.id);
    if (!incident)
      return sendError(res, 404, { code: 'not_found', message: `no incident '${req.params.id}'` });
    res.json({ incident, history: await store.eventsForIncident(incident.id) });
  });

  return router;
}
