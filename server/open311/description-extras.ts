/**
 * What an Open311 request tells beyond the domain's fields (its attributes' answers and
 * its media URLs) travels in the incident's description, in a block at its end that
 * people can read on every screen and this door can read back:
 *
 *   Air masuk rumah
 *
 *   [open311]
 *   water_depth: knee
 *   media_url: https://example.org/a.jpg
 *
 * The report schema is strict and has no field for extra data, and none of this is
 * personal, so it may be shown wherever the description is. Reading back only takes
 * codes the category declares, so a block typed by hand cannot invent attributes.
 */
import type { Category } from '../../shared/city/types.ts';

const MARKER = '[open311]';
const MEDIA_KEY = 'media_url';
/** How a multi-value answer's values are joined on its line. */
const VALUE_SEPARATOR = ', ';

export interface DescriptionExtras {
  /** Answers by attribute code; one value unless the attribute is a multi-value list. */
  attributes: Record<string, string[]>;
  mediaUrls: string[];
}

export function withExtras(text: string, extras: DescriptionExtras): string {
  const lines = [
    ...Object.entries(extras.attributes).map(([code, v]) => `${code}: ${v.join(VALUE_SEPARATOR)}`),
    ...extras.mediaUrls.map((url) => `${MEDIA_KEY}: ${url}`),
  ];
  if (lines.length === 0) return text;
  const block = [MARKER, ...lines].join('\n');
  return text ? `${text}\n\n${block}` : block;
}

/** The citizen's text and the extras its block holds (none when it has no block). */
export function splitExtras(
  description: string,
  category: Category | undefined,
): { text: string } & DescriptionExtras {
  const none = { text: description, attributes: {}, mediaUrls: [] };
  const found = description.lastIndexOf(`\n\n${MARKER}\n`);
  const at = found >= 0 ? found + 2 : description.startsWith(`${MARKER}\n`) ? 0 : -1;
  if (at < 0) return none;
  const multi = new Set(
    (category?.attributes ?? []).filter((a) => a.datatype === 'multivaluelist').map((a) => a.code),
  );
  const known = new Set((category?.attributes ?? []).map((a) => a.code));
  const extras: DescriptionExtras = { attributes: {}, mediaUrls: [] };
  for (const line of description.slice(at + MARKER.length + 1).split('\n')) {
    const colon = line.indexOf(': ');
    if (colon < 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 2);
    if (key === MEDIA_KEY) extras.mediaUrls.push(value);
    else if (known.has(key))
      extras.attributes[key] = multi.has(key) ? value.split(VALUE_SEPARATOR) : [value];
  }
  return { text: description.slice(0, Math.max(0, at - 2)).trimEnd(), ...extras };
}
