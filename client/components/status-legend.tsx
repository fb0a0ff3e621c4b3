/** What the pin colours mean, in the pack's words: Indonesian first, then English. */
import type { CityPack } from '../../shared/city/types.ts';
import { cssColor, STATUS_COLORS } from '../map/status-colors.ts';

export function StatusLegend({ statuses }: { statuses: CityPack['statuses'] }) {
  return (
    <section className="legend" aria-label="Status · Status" data-testid="status-legend">
      <h2 className="legend__title">Status</h2>
      <ul className="legend__list">
        {statuses.map(({ code, name }) => (
          <li key={code} className="legend__item" data-status={code}>
            <span
              className="legend__swatch"
              style={{ background: cssColor(STATUS_COLORS[code]) }}
              aria-hidden="true"
            />
            <span className="legend__name">{name.id}</span>
            <span className="legend__name-en">{name.en}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
