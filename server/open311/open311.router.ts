/**
 * Open311 GeoReport v2 under /open311/v2: the standard door citizen apps and city CRMs
 * speak. `discovery`, `services` and `services/{code}` describe the city pack and need no
 * key; `POST requests` files a report with an ingest key through the one write path
 * (`service.report`: the same rules, rate limits and log as /api/v1); `GET requests`,
 * `requests/{id}` read as the key's role, redacted like the v1 API; `tokens/{token}` maps
 * the token a request was answered with to its id; `servicerequestupdates` (mySociety's
 * extension) lists status changes. Every path ends in `.xml` or `.json`.
 */
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { categoryByCode } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import { authorize, redactorFor, type Principal } from '../../shared/domain/access.ts';
import type { AuthStore } from '../auth/auth.store.ts';
import type { IngestBudget } from '../http/ingest-budget.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import { isStoreUnavailable } from '../log/store-errors.ts';
import type { Store } from '../log/store.ts';
import { isIncidentEvent } from '../../shared/domain/types.ts';
import { principalOfKey } from './api-key.ts';
import { discoveryOf } from './discovery.ts';
import {
  formatOfPath,
  isFormat,
  list,
  send,
  sendErrors,
  type Format,
  type Open311Error,
} from './format.ts';
import { formFields, one, type FormFields } from './form-fields.ts';
import { readBody } from './request-body.ts';
import { errorsOfRefusal, reportFromForm } from './request-input.ts';
import { pageOf, parseRequestsQuery } from './request-query.ts';
import { requestUpdates } from './request-updates.ts';
import { mediaBaseOf, requestOf } from './request-view.ts';
import { requestStream, type RequestStreamLimits } from './request-stream.ts';
import { serviceDefinitionOf, servicesOf } from './services.ts';

export interface Open311Deps {
  service: IncidentService;
  store: Store;
  pack: CityPack;
  auth: AuthStore;
  clock: () => Date;
  /** The ingest rate limits of /api/v1: a request filed here spends one report of them. */
  budget: IngestBudget;
  /** The live stream's limits (request-stream.ts); its defaults where absent. */
  stream?: Partial<RequestStreamLimits>;
}

const PHOTO_NOTICE =
  'Foto diterima tetapi tidak disimpan; kirim media_url. / The photo was received but is not kept: send a media_url.';

const isError = (x: unknown): x is Open311Error =>
  typeof x === 'object' && x !== null && 'status' in x && 'description' in x;

type Handler = (req: Request, res: Response, format: Format) => Promise<void> | void;

export function open311Router(deps: Open311Deps): Router {
  const { service, store, pack, auth, clock, budget } = deps;
  const router = Router();

  /** Runs `handler` for a path ending in a format we speak; anything else is not found. */
  const route =
    (handler: Handler) =>
    async (req: Request<Record<string, string>>, res: Response, next: () => void) => {
      const format = req.params.format;
      if (!isFormat(format)) return next();
      const jurisdiction = one(formFields(req.query), 'jurisdiction_id');
      if (jurisdiction !== undefined && jurisdiction !== pack.code) {
        return sendErrors(res, format, [
          { status: 400, description: `jurisdiction_id: this server serves '${pack.code}'` },
        ]);
      }
      await handler(req, res, format);
    };

  /** The key's principal if it may read incidents, or the errors sent. */
  const reader = async (req: Request, res: Response, format: Format, fields: FormFields) => {
    const p = await principalOfKey(
      auth,
      one(fields, 'api_key'),
      req.headers.authorization,
      clock(),
    );
    if (isError(p)) return sendErrors(res, format, [p]);
    const may = authorize(p, { type: 'incident:read' });
    if (!may.allowed) {
      return sendErrors(res, format, [
        { status: 403, description: `api_key: ${may.reason}; reading needs a viewer or staff key` },
      ]);
    }
    return p;
  };

  router.get(
    '/discovery.:format',
    route((req, res, format) => {
      const base = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
      send(res, format, 'discovery', discoveryOf(base));
    }),
  );

  router.get(
    '/services.:format',
    route((_req, res, format) => send(res, format, 'services', servicesOf(pack))),
  );

  router.get(
    '/services/:code.:format',
    route((req, res, format) => {
      const category = categoryByCode(pack, String(req.params.code));
      if (!category) {
        return sendErrors(res, format, [
          { status: 404, description: `service_code: no service '${req.params.code}'` },
        ]);
      }
      send(res, format, 'service_definition', serviceDefinitionOf(category));
    }),
  );

  router.post(
    '/requests.:format',
    route(async (req, res, format) => {
      const body = await readBody(req, res);
      if (isError(body)) return sendErrors(res, format, [body]);
      const fields = formFields(body.fields);
      const p = await principalOfKey(
        auth,
        one(fields, 'api_key'),
        req.headers.authorization,
        clock(),
      );
      if (isError(p)) return sendErrors(res, format, [p]);
      if (p.role !== 'ingest' || !p.source) {
        return sendErrors(res, format, [
          {
            status: 403,
            description: 'api_key: filing a request needs an ingest key (it names the channel)',
          },
        ]);
      }
      res.locals.principal = p satisfies Principal;
      // Over the limit, the budget answers 429 itself (in the v1 error shape).
      if (!(await budget.charge(req, res, 1))) return;
      const input = reportFromForm(fields, pack, p.source);
      if (!input.ok) return sendErrors(res, format, input.errors);
      const result = await service.report(input.report, p);
      if (!result.ok) return sendErrors(res, format, errorsOfRefusal(result.error));
      const id = result.data.incident.id;
      send(
        res,
        format,
        'service_requests',
        list('request', [
          {
            service_request_id: id,
            // The id is also the token: clients that ask tokens/{token} get it back at once.
            token: id,
            service_notice: body.photo ? PHOTO_NOTICE : '',
            account_id: '',
          },
        ]),
      );
    }),
  );

  router.get(
    '/requests.:format',
    route(async (req, res, format) => {
      const fields = formFields(req.query);
      const p = await reader(req, res, format, fields);
      if (!p) return;
      const q = parseRequestsQuery(fields, pack, clock());
      if (isError(q)) return sendErrors(res, format, [q]);
      const found =
        q.kind === 'ids'
          ? (await Promise.all(q.ids.map((id) => store.getIncident(id)))).filter(
              (i) => i !== undefined,
            )
          : (await pageOf(store, q.query, q.page)).items;
      const redactor = redactorFor(p);
      const requests = await Promise.all(
        found.map(async (incident) => {
          const history = q.extensions
            ? (await store.eventsForIncident(incident.id))
                .map((e) => redactor.event(e, incident.agency))
                .filter(isIncidentEvent)
            : undefined;
          return requestOf(
            pack,
            redactor.incident(incident),
            history && { history },
            mediaBaseOf(req),
          );
        }),
      );
      send(res, format, 'service_requests', list('request', requests));
    }),
  );

  router.get('/requests/stream{.:format}', requestStream(deps));

  router.get(
    '/requests/:id.:format',
    route(async (req, res, format) => {
      const fields = formFields(req.query);
      const p = await reader(req, res, format, fields);
      if (!p) return;
      const incident = await store.getIncident(String(req.params.id));
      if (!incident) {
        return sendErrors(res, format, [
          { status: 404, description: `service_request_id: no request '${req.params.id}'` },
        ]);
      }
      const redactor = redactorFor(p);
      const history =
        one(fields, 'extensions') === 'true'
          ? (await store.eventsForIncident(incident.id))
              .map((e) => redactor.event(e, incident.agency))
              .filter(isIncidentEvent)
          : undefined;
      send(
        res,
        format,
        'service_requests',
        list('request', [
          requestOf(pack, redactor.incident(incident), history && { history }, mediaBaseOf(req)),
        ]),
      );
    }),
  );

  router.get(
    '/servicerequestupdates.:format',
    route(async (req, res, format) => {
      const fields = formFields(req.query);
      const p = await reader(req, res, format, fields);
      if (!p) return;
      const updates = await requestUpdates(store, fields, redactorFor(p), clock());
      if (isError(updates)) return sendErrors(res, format, [updates]);
      send(res, format, 'service_request_updates', updates);
    }),
  );

  router.get(
    '/tokens/:token.:format',
    route(async (req, res, format) => {
      // A token is its request's id (an unguessable UUID): saying it exists tells nothing more.
      const incident = await store.getIncident(String(req.params.token));
      if (!incident) {
        return sendErrors(res, format, [
          { status: 404, description: `token: no request for '${req.params.token}'` },
        ]);
      }
      send(
        res,
        format,
        'service_requests',
        list('request', [{ service_request_id: incident.id, token: incident.id }]),
      );
    }),
  );

  router.use((req, res) => {
    sendErrors(res, formatOfPath(req.path), [
      {
        status: 404,
        description: `no endpoint ${req.method} ${req.baseUrl}${req.path} (paths end in .xml or .json)`,
      },
    ]);
  });

  const failed: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const format = formatOfPath(req.path);
    if (isStoreUnavailable(err)) {
      res.set('Retry-After', '5');
      return sendErrors(res, format, [
        {
          status: 503,
          description: 'the database cannot be reached: nothing was stored; retry shortly',
        },
      ]);
    }
    console.error('open311 request failed', err);
    sendErrors(res, format, [{ status: 500, description: 'internal error' }]);
  };
  router.use(failed);

  return router;
}
