/**
 * The crew's queue as a list of big rows: the number on its map pin, what and where, the
 * time left (red once overdue), how far, and who holds it. Sorted by deadline or distance,
 * optionally only the crew's own. A row shows how many of its commands wait on the phone.
 */
import {
  FIELD_SORTS,
  type FieldSort,
  type FieldWorkItem,
} from '../../../shared/domain/field-work.ts';
import { formatDistance, formatLeft } from './field-format.ts';
import type { OutboxEntry } from './outbox-db.ts';
import type { FieldLabels } from './use-field-labels.ts';

interface FieldListProps {
  items: readonly FieldWorkItem[];
  labels: FieldLabels;
  sort: FieldSort;
  onSort(sort: FieldSort): void;
  mineOnly: boolean;
  onMineOnly(mine: boolean): void;
  waitingFor(incidentId: string): readonly OutboxEntry[];
  onSelect(incidentId: string): void;
}

const SORT_KEY = { sla: 'sortSla', distance: 'sortDistance' } as const;

export function FieldList(props: FieldListProps) {
  const { items, labels, sort } = props;
  const { t } = labels;
  return (
    <section className="field-list" data-testid="field-list" data-count={items.length}>
      <div className="field-list__tools">
        <div className="field-segment" role="group" aria-label={t('sortBy')}>
          {FIELD_SORTS.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={s === sort}
              data-testid={`sort-${s}`}
              onClick={() => props.onSort(s)}
            >
              {t(SORT_KEY[s])}
            </button>
          ))}
        </div>
        <label className="field-toggle">
          <input
            type="checkbox"
            checked={props.mineOnly}
            onChange={(e) => props.onMineOnly(e.target.checked)}
            data-testid="mine-only"
          />
          {t('mineOnly')}
        </label>
      </div>
      <p className="field-list__count" data-testid="field-count" data-value={items.length}>
        {t('count', { n: items.length })}
      </p>
      {items.length === 0 ? (
        <p className="field-empty">{t('noWork')}</p>
      ) : (
        <ol className="field-rows">
          {items.map((item, i) => (
            <FieldRow
              key={item.incident.id}
              n={i + 1}
              item={item}
              labels={labels}
              waiting={props.waitingFor(item.incident.id).length}
              onSelect={props.onSelect}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function FieldRow(props: {
  n: number;
  item: FieldWorkItem;
  labels: FieldLabels;
  waiting: number;
  onSelect(id: string): void;
}) {
  const { item, labels, n } = props;
  const { t } = labels;
  const inc = item.incident;
  return (
    <li>
      <button
        type="button"
        className="field-row"
        data-testid={`field-row-${inc.id}`}
        data-mine={item.mine}
        data-overdue={item.timeLeftMs < 0}
        onClick={() => props.onSelect(inc.id)}
      >
        <span className="field-row__n" aria-hidden="true">
          {n}
        </span>
        <span className="field-row__body">
          <span className="field-row__what">
            {labels.category(inc.category)}{' '}
            <span className="field-chip" data-status={inc.status}>
              {labels.status(inc.status)}
            </span>
          </span>
          <span className="field-row__where">
            {inc.address ?? `${inc.location.lat.toFixed(4)}, ${inc.location.lon.toFixed(4)}`}
          </span>
          <span className="field-row__facts">
            <span className="field-left" data-overdue={item.timeLeftMs < 0}>
              {formatLeft(item.timeLeftMs, labels)}
            </span>
            {item.distanceM !== null && (
              <span>{formatDistance(item.distanceM, labels.locale)}</span>
            )}
            {item.mine && <span className="field-tag field-tag--mine">{t('mine')}</span>}
            {item.claimedByOther && (
              <span className="field-tag">{t('claimedBy', { name: inc.assignee ?? '' })}</span>
            )}
            {props.waiting > 0 && (
              <span className="field-tag field-tag--waiting" data-testid="row-waiting">
                {t('outboxCount', { n: props.waiting })}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}
