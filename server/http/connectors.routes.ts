/**
 * Admin API for Open311 connectors (server/open311/connector-*.ts): list with each one's
 * health (last success, lag, the last error, failures in a row, what its requests became),
 * create, change, delete. Admins only. The remote `api_key` is write-only: answers carry
 * whether one is set and its last four characters, never the key.
 */
import { Router } from 'express';
import { z } from 'zod';
import { categoryByCode } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import { zodError } from '../../shared/domain/schemas.ts';
import type { Connector, ConnectorChanges, ConnectorStore } from '../open311/connector-store.ts';
import { INITIAL_STATE, lagSeconds } from '../open311/connector-store.ts';
import type { ConnectorView } from '../../shared/domain/connectors.ts';
import { allow } from './auth.middleware.ts';
import { requireJson, sendError } from './errors.ts';

const endpoint = z
  .url({ protocol: /^https?$/, error: 'expected the http(s) URL of the remote /open311/v2' })
  .max(500)
  .refine((u) => !new URL(u).username && !new URL(u).password, {
    message: 'no credentials in the URL: give the key as apiKey',
  })
  .refine((u) => !new URL(u).search && !new URL(u).hash, {
    message: 'no query or fragment: the base URL only, e.g. https://city.example/open311/v2',
  })
  .transform((u) => u.replace(/\/+$/, ''));

const code = z.string().trim().min(1).max(64);

const fields = {
  name: z.string().trim().min(1).max(80),
  endpoint,
  jurisdictionId: z.string().trim().min(1).max(64).nullable(),
  apiKey: z.string().min(1).max(512).nullable(),
  serviceMap: z.record(code, code).refine((m) => Object.keys(m).length <= 500, {
    message: 'at most 500 services',
  }),
  defaultCategory: code.nullable(),
  enabled: z.boolean(),
  pollSeconds: z.number().int().min(5).max(86_400),
};

const NewConnectorSchema = z
  .object({
    ...fields,
    jurisdictionId: fields.jurisdictionId.default(null),
    apiKey: fields.apiKey.default(null),
    serviceMap: fields.serviceMap.default({}),
    defaultCategory: fields.defaultCategory.default(null),
    enabled: fields.enabled.default(true),
    pollSeconds: fields.pollSeconds.default(60),
  })
  .strict();

const ConnectorChangeSchema = z.object(fields).partial().strict();

/** A key's last four characters, when it is long enough that they give nothing away. */
const keyHint = (key: string | null) => (key && key.length >= 16 ? `…${key.slice(-4)}` : null);

export function connectorView(c: Connector, now: Date): ConnectorView {
  const { apiKey, state, ...config } = c;
  return {
    ...config,
    apiKey: { set: apiKey !== null, hint: keyHint(apiKey) },
    health: {
      status: !c.enabled
        ? 'disabled'
        : state.consecutiveFailures > 0
          ? 'failing'
          : state.lastSuccessAt
            ? 'ok'
            : 'waiting',
      lastSuccessAt: state.lastSuccessAt,
      syncedUntil: state.syncedUntil,
      lagSeconds: lagSeconds(state, now),
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      consecutiveFailures: state.consecutiveFailures,
      nextAttemptAt: state.nextAttemptAt,
      cursor: { updatedAt: state.cursorUpdatedAt, remoteId: state.cursorRemoteId },
      counts: state.counts,
    },
  };
}

export function connectorsRouter(deps: {
  connectors: ConnectorStore;
  pack: CityPack;
  clock: () => Date;
}): Router {
  const { connectors, pack, clock } = deps;
  const router = Router();
  router.use('/admin/connectors', allow('admin:manage'));

  /** The first category code the change names that this city does not have. */
  const unknownCategory = (c: ConnectorChanges): [string, string] | null => {
    for (const [service, category] of Object.entries(c.serviceMap ?? {})) {
      if (!categoryByCode(pack, category)) return [`serviceMap.${service}`, category];
    }
    if (c.defaultCategory && !categoryByCode(pack, c.defaultCategory))
      return ['defaultCategory', c.defaultCategory];
    return null;
  };
  const refuseCategory = (
    res: Parameters<typeof sendError>[0],
    [field, category]: [string, string],
  ) =>
    sendError(res, 422, {
      code: 'invalid_field',
      message: `${field}: unknown category '${category}'`,
      fields: { [field]: `unknown category '${category}'` },
    });
  const nameTaken = async (name: string | undefined, id?: string) =>
    name !== undefined && (await connectors.list()).some((c) => c.name === name && c.id !== id);
  const refuseName = (res: Parameters<typeof sendError>[0], name: string) =>
    sendError(res, 409, {
      code: 'exists',
      message: `name: '${name}' is taken`,
      fields: { name: 'is taken' },
    });

  router.get('/admin/connectors', async (_req, res) => {
    const now = clock();
    res.json({ connectors: (await connectors.list()).map((c) => connectorView(c, now)) });
  });

  router.post('/admin/connectors', requireJson, async (req, res) => {
    const parsed = NewConnectorSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const unknown = unknownCategory(parsed.data);
    if (unknown) return refuseCategory(res, unknown);
    if (await nameTaken(parsed.data.name)) return refuseName(res, parsed.data.name);
    const now = clock();
    res
      .status(201)
      .json({ connector: connectorView(await connectors.create(parsed.data, now), now) });
  });

  router.patch<{ id: string }>('/admin/connectors/:id', requireJson, async (req, res) => {
    const parsed = ConnectorChangeSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const existing = await connectors.get(req.params.id);
    if (!existing)
      return sendError(res, 404, { code: 'not_found', message: `no connector '${req.params.id}'` });
    const changes = parsed.data;
    const unknown = unknownCategory(changes);
    if (unknown) return refuseCategory(res, unknown);
    if (await nameTaken(changes.name, existing.id)) return refuseName(res, changes.name!);
    const now = clock();
    const updated = await connectors.update(existing.id, changes, now);
    if (!updated)
      return sendError(res, 404, { code: 'not_found', message: `no connector '${req.params.id}'` });
    // Another server (or city on it) has other requests: its cursor and counts start afresh.
    const elsewhere =
      updated.endpoint !== existing.endpoint || updated.jurisdictionId !== existing.jurisdictionId;
    if (elsewhere) await connectors.saveState(updated.id, INITIAL_STATE);
    const connector = elsewhere ? { ...updated, state: INITIAL_STATE } : updated;
    res.json({ connector: connectorView(connector, now) });
  });

  router.delete<{ id: string }>('/admin/connectors/:id', async (req, res) => {
    const existing = await connectors.get(req.params.id);
    if (!existing || !(await connectors.remove(existing.id)))
      return sendError(res, 404, { code: 'not_found', message: `no connector '${req.params.id}'` });
    res.json({ connector: connectorView(existing, clock()) });
  });

  return router;
}
