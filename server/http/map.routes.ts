/**
 * What the map needs from configuration: which basemap to draw (the shipped offline one,
 * a MapLibre style URL, or a local PMTiles file served here with range requests), and
 * the city's boundary units when BOUNDARIES is set.
 */
import { Router } from 'express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Boundaries } from '../geo/boundaries.ts';
import { allow } from './auth.middleware.ts';
import { sendError } from './errors.ts';

export const PMTILES_PATH = '/api/v1/basemap.pmtiles';

export interface MapConfig {
  mapStyleUrl?: string | undefined;
  pmtilesFile?: string | undefined;
  boundaries?: Boundaries | undefined;
  boundariesAttribution: string;
}

export function mapRouter(cfg: MapConfig): Router {
  const router = Router();
  const pmtiles = cfg.pmtilesFile ? resolve(cfg.pmtilesFile) : null;
  if (pmtiles && !existsSync(pmtiles)) throw new Error(`BASEMAP_PMTILES: no file at ${pmtiles}`);
  const boundariesJson = cfg.boundaries ? JSON.stringify(cfg.boundaries.collection) : null;

  router.get('/config', (_req, res) => {
    res.json({
      mapStyleUrl: cfg.mapStyleUrl ?? null,
      pmtilesUrl: pmtiles ? PMTILES_PATH : null,
      boundaries: boundariesJson !== null,
      boundariesAttribution: boundariesJson ? cfg.boundariesAttribution : null,
    });
  });

  router.get('/boundaries', allow('incident:read'), (_req, res) => {
    if (!boundariesJson)
      return sendError(res, 404, { code: 'not_found', message: 'no BOUNDARIES configured' });
    res
      .set('Cache-Control', 'private, max-age=3600')
      .type('application/geo+json')
      .send(boundariesJson);
  });

  router.get('/basemap.pmtiles', allow('incident:read'), (_req, res) => {
    if (!pmtiles)
      return sendError(res, 404, { code: 'not_found', message: 'no BASEMAP_PMTILES configured' });
    // sendFile answers Range requests, which is how the pmtiles reader fetches tiles.
    res.sendFile(pmtiles, { acceptRanges: true, maxAge: '1d' });
  });

  return router;
}
