/** A status as a coloured dot with its name, so it reads without colour too. */
import type { Status } from '../../../shared/domain/types.ts';
import { cssColor, STATUS_COLORS } from '../../map/status-colors.ts';

export function StatusChip({ status, label }: { status: Status; label: string }) {
  return (
    <span className="ops-status" data-status={status}>
      <span
        className="ops-status__dot"
        style={{ background: cssColor(STATUS_COLORS[status]) }}
        aria-hidden="true"
      />
      {label}
    </span>
  );
}
