/**
 * Open311 services are the city pack's categories: the list (`services`) and one
 * category's definition with its attributes (`services/{service_code}`). Nothing here is
 * personal or live, so these answers need no key, as Open311 clients expect.
 */
import { agencyByCode } from '../../shared/city/lookup.ts';
import type { Category, CategoryAttribute, CityPack } from '../../shared/city/types.ts';
import { list, type Node, type NodeObject } from './format.ts';

/** The spec's service types: Nakhoda takes every report as it comes in. */
const SERVICE_TYPE = 'realtime';

export function serviceOf(pack: CityPack, c: Category): NodeObject {
  const agency = agencyByCode(pack, c.agency);
  return {
    service_code: c.code,
    service_name: c.name.id,
    description: c.name.en,
    metadata: (c.attributes?.length ?? 0) > 0,
    type: SERVICE_TYPE,
    keywords: [c.name.id, c.name.en].join(', '),
    group: agency?.short ?? c.agency,
  };
}

export function servicesOf(pack: CityPack): Node {
  return list(
    'service',
    pack.categories.map((c) => serviceOf(pack, c)),
  );
}

function attributeOf(a: CategoryAttribute): NodeObject {
  return {
    variable: a.variable,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    datatype_description: a.datatype_description,
    order: a.order,
    description: a.description,
    values: list(
      'value',
      a.values.map((v) => ({ key: v.key, name: v.name })),
    ),
  };
}

export function serviceDefinitionOf(c: Category): NodeObject {
  const attributes = [...(c.attributes ?? [])].sort((a, b) => a.order - b.order);
  return { service_code: c.code, attributes: list('attribute', attributes.map(attributeOf)) };
}
