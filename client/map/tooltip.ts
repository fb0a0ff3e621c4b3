/**
 * Hover text for a pin. Descriptions are untrusted citizen text, so the tooltip is plain
 * text (deck.gl sets it with innerText), never HTML.
 */
import type { PickingInfo } from '@deck.gl/core';
import type { CityPack, LocalName } from '../../shared/city/types.ts';
import { reportersOf } from '../../shared/domain/duplicates.ts';
import type { Incident } from '../../shared/domain/types.ts';

const MAX_DESCRIPTION = 280;

const TOOLTIP_STYLE: Partial<CSSStyleDeclaration> = {
  backgroundColor: '#0f1b26',
  color: '#e6edf3',
  border: '1px solid #2d4356',
  borderRadius: '4px',
  padding: '8px 10px',
  maxWidth: '320px',
  fontSize: '13px',
  lineHeight: '1.4',
};

const bilingual = (name: LocalName | undefined, fallback: string) =>
  name ? `${name.id} · ${name.en}` : fallback;

export function makeTooltip(pack: CityPack) {
  const categories = new Map(pack.categories.map((c) => [c.code, c.name]));
  const statuses = new Map(pack.statuses.map((s) => [s.code, s.name]));
  return ({ object }: PickingInfo<Incident>) => {
    if (!object) return null;
    const description =
      object.description.length > MAX_DESCRIPTION
        ? `${object.description.slice(0, MAX_DESCRIPTION)}…`
        : object.description;
    const reporters = reportersOf(object);
    return {
      text: [
        bilingual(categories.get(object.category), object.category),
        bilingual(statuses.get(object.status), object.status),
        ...(reporters > 1 ? [`${reporters} pelapor · ${reporters} reporters`] : []),
        description,
      ].join('\n'),
      // Keeps deck's own class so tests and styles can find it either way.
      className: 'deck-tooltip pin-tooltip',
      style: TOOLTIP_STYLE,
    };
  };
}
