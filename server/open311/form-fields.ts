/**
 * A posted Open311 form as one flat map of parameter → values, however it was parsed:
 * `express.urlencoded({ extended: false })` gives flat keys (`attribute[depth][]`), multer
 * nests bracketed names into objects (`{ attribute: { depth: [...] } }`). Keys lose a
 * trailing `[]`, so `attribute[code]=v` and repeated `attribute[code][]=v` read alike, and
 * an empty value is dropped: the spec's clients send empty parameters for absent ones.
 */
export type FormFields = Map<string, string[]>;

function collect(fields: FormFields, key: string, value: unknown): void {
  if (typeof value === 'string') {
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    if (value.trim() === '') return;
    fields.set(name, [...(fields.get(name) ?? []), value]);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(fields, key, v);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(fields, `${key}[${k}]`, v);
  }
}

export function formFields(body: unknown): FormFields {
  const fields: FormFields = new Map();
  if (body !== null && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) collect(fields, k, v);
  }
  return fields;
}

/** The one value of a parameter (the first, when a client repeats it), if given. */
export const one = (fields: FormFields, name: string): string | undefined => fields.get(name)?.[0];

/** Answers keyed by attribute code, from `attribute[code]` parameters. */
export function attributeAnswers(fields: FormFields): Map<string, string[]> {
  const answers = new Map<string, string[]>();
  for (const [key, values] of fields) {
    const m = /^attribute\[([^\]]{1,64})\]$/.exec(key);
    if (m) answers.set(m[1]!, values);
  }
  return answers;
}
