/**
 * Street basemaps as configuration. A MapLibre style URL is used as it is. A PMTiles
 * archive is read through the `pmtiles` protocol and drawn with the Protomaps dark
 * flavour (light on the field crews' phones); its label layers need glyphs from a font server, which a room without
 * internet does not have, so only the non-symbol layers are kept (place names come from
 * deck.gl's TextLayer instead). With neither, the shipped offline basemap stays.
 */
import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import { addProtocol, type StyleSpecification } from 'maplibre-gl';
import { FetchSource, PMTiles, Protocol } from 'pmtiles';
import { authHeaders } from '../auth/credentials.ts';
import { BASEMAP_ATTRIBUTION, offlineStyle, type BasemapFlavor } from './basemap-style.ts';
import type { BasemapConfig } from './map-config.ts';

let protocol: Protocol | null = null;

/** Registers the protocol once per page; archives are added to it by URL. */
function pmtilesProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

export function protomapsStyle(
  archiveUrl: string,
  flavor: BasemapFlavor = 'dark',
): StyleSpecification {
  return {
    version: 8,
    name: `Nakhoda streets (Protomaps ${flavor})`,
    sources: {
      protomaps: {
        type: 'vector',
        url: `pmtiles://${archiveUrl}`,
        attribution: BASEMAP_ATTRIBUTION,
      },
    },
    layers: protomapsLayers('protomaps', namedFlavor(flavor), { lang: 'id' }).filter(
      (layer) => layer.type !== 'symbol',
    ),
  };
}

/** The style to draw for a configuration: a URL, a built style, or the offline one. */
export function basemapStyle(
  basemap: BasemapConfig | null | undefined,
  token: string | null,
  origin: string,
  flavor: BasemapFlavor = 'dark',
): StyleSpecification | string {
  if (basemap?.mapStyleUrl) return basemap.mapStyleUrl;
  if (basemap?.pmtilesUrl) {
    const url = new URL(basemap.pmtilesUrl, origin).toString();
    const reader = pmtilesProtocol();
    // The archive is behind the API's auth: a wall's bearer token goes with each range read.
    if (!reader.get(url))
      reader.add(new PMTiles(new FetchSource(url, new Headers(authHeaders(token)))));
    return protomapsStyle(url, flavor);
  }
  return offlineStyle(flavor);
}
