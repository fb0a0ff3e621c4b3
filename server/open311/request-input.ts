/**
 * A posted Open311 service request → the report the write path takes (the same input as
 * `POST /api/v1/incidents`), or the Open311 errors naming the parameter at fault. Only
 * what Open311 adds is checked here (coordinates given, attributes against the service's
 * definition, media URLs); everything else is the report schema's and the shared rules'
 * job, and their errors are renamed to the parameters the client sent.
 */
import { categoryByCode } from '../../shared/city/lookup.ts';
import type { CategoryAttribute, CityPack } from '../../shared/city/types.ts';
import type { ApiErrorBody } from '../../shared/contract.ts';
import type { Source } from '../../shared/domain/types.ts';
import { withExtras } from './description-extras.ts';
import type { Open311Error } from './format.ts';
import { attributeAnswers, one, type FormFields } from './form-fields.ts';

const MAX_DESCRIPTION = 4000;
const MAX_MEDIA_URLS = 10;
const MAX_URL = 2000;
const MAX_ANSWER = 200;

const bad = (description: string): Open311Error => ({ status: 400, description });

// Answers go on one line of the description's block: no line breaks or other controls.
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();

function checkAnswer(a: CategoryAttribute, values: string[]): string | null {
  const name = `attribute[${a.code}]`;
  const keys = new Set(a.values.map((v) => v.key));
  switch (a.datatype) {
    case 'singlevaluelist':
      if (values.length > 1) return `${name}: takes one value`;
      return keys.has(values[0]!) ? null : `${name}: expected one of ${[...keys].join(', ')}`;
    case 'multivaluelist': {
      const unknown = values.find((v) => !keys.has(v));
      return unknown === undefined
        ? null
        : `${name}: '${unknown}' is not one of ${[...keys].join(', ')}`;
    }
    case 'number':
      return values.length === 1 && Number.isFinite(Number(values[0]))
        ? null
        : `${name}: expected one number`;
    case 'datetime':
      return values.length === 1 && !Number.isNaN(Date.parse(values[0]!))
        ? null
        : `${name}: expected one date and time`;
    default:
      return values.length === 1 && values[0]!.length <= MAX_ANSWER
        ? null
        : `${name}: expected one text of at most ${MAX_ANSWER} characters`;
  }
}

function coordinates(fields: FormFields): Open311Error | { lon: number; lat: number } {
  const lat = one(fields, 'lat');
  const long = one(fields, 'long');
  if (lat === undefined && long === undefined) {
    const addressOnly = one(fields, 'address_string') ?? one(fields, 'address_id');
    return bad(
      addressOnly !== undefined
        ? 'lat, long: required; this server has no geocoder, so an address_string or address_id alone cannot be placed on the map'
        : 'lat, long: required',
    );
  }
  if (lat === undefined) return bad('lat: required with long');
  if (long === undefined) return bad('long: required with lat');
  const la = Number(lat);
  const lo = Number(long);
  if (!Number.isFinite(la)) return bad('lat: expected a number of degrees');
  if (!Number.isFinite(lo)) return bad('long: expected a number of degrees');
  return { lon: lo, lat: la };
}

function mediaUrls(fields: FormFields): Open311Error | string[] {
  const urls = fields.get('media_url') ?? [];
  if (urls.length > MAX_MEDIA_URLS) return bad(`media_url: at most ${MAX_MEDIA_URLS}`);
  for (const url of urls) {
    let ok = url.length <= MAX_URL;
    try {
      ok &&= ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) return bad('media_url: expected an http or https URL');
  }
  return urls;
}

/** The report for `source`, or the errors to answer. */
export function reportFromForm(
  fields: FormFields,
  pack: CityPack,
  source: Source,
): { ok: true; report: Record<string, unknown> } | { ok: false; errors: Open311Error[] } {
  const fail = (e: Open311Error) => ({ ok: false as const, errors: [e] });
  const jurisdiction = one(fields, 'jurisdiction_id');
  if (jurisdiction !== undefined && jurisdiction !== pack.code)
    return fail(bad(`jurisdiction_id: this server serves '${pack.code}'`));
  const code = one(fields, 'service_code');
  if (code === undefined) return fail(bad('service_code: required'));
  const category = categoryByCode(pack, code);
  if (!category) return fail(bad(`service_code: no service '${code}' (see services.xml)`));
  const location = coordinates(fields);
  if ('status' in location) return fail(location);
  const text = one(fields, 'description') ?? '';
  if (text.length > MAX_DESCRIPTION)
    return fail(bad(`description: at most ${MAX_DESCRIPTION} characters`));
  const media = mediaUrls(fields);
  if (!Array.isArray(media)) return fail(media);

  const answers = attributeAnswers(fields);
  const attributes: Record<string, string[]> = {};
  const errors: Open311Error[] = [];
  for (const a of category.attributes ?? []) {
    if (!a.variable) continue;
    const values = (answers.get(a.code) ?? []).map(oneLine).filter(Boolean);
    if (values.length === 0) {
      if (a.required) errors.push(bad(`attribute[${a.code}]: required`));
      continue;
    }
    const wrong = checkAnswer(a, values);
    if (wrong) errors.push(bad(wrong));
    else attributes[a.code] = values;
  }
  if (errors.length > 0) return { ok: false, errors };

  const name = [one(fields, 'first_name'), one(fields, 'last_name')].filter(Boolean).join(' ');
  const reporter = {
    name: name || undefined,
    email: one(fields, 'email'),
    phone: one(fields, 'phone'),
  };
  const hasReporter = Object.values(reporter).some((v) => v !== undefined);
  const description = withExtras(text, { attributes, mediaUrls: media });
  return {
    ok: true,
    report: {
      source,
      category: category.code,
      location,
      ...(description ? { description } : {}),
      ...(hasReporter ? { reporter } : {}),
      ...(one(fields, 'address_string') ? { address: one(fields, 'address_string') } : {}),
    },
  };
}

/** The report's field names → the Open311 parameters a client sent them as. */
const PARAMETER_OF: Record<string, string> = {
  category: 'service_code',
  'location.lon': 'long',
  'location.lat': 'lat',
  location: 'lat, long',
  address: 'address_string',
  'reporter.name': 'first_name, last_name',
  'reporter.email': 'email',
  'reporter.phone': 'phone',
};

/** A refusal of the write path as Open311 errors, named by the client's parameters. */
export function errorsOfRefusal(error: ApiErrorBody & { status: number }): Open311Error[] {
  // The spec knows 400, 403 and 404; the domain's 409 and 422 are bad requests to a client.
  const status = [403, 404].includes(error.status) || error.status >= 429 ? error.status : 400;
  const fields = Object.entries(error.fields ?? {});
  if (fields.length === 0) return [{ status, description: error.message }];
  return fields.map(([field, why]) => ({
    status,
    description: `${PARAMETER_OF[field] ?? field}: ${why}`,
  }));
}
