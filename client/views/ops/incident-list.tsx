/**
 * The live incident list, virtualised: only the rows in view (plus a few) exist in the
 * DOM, so thousands of incidents scroll smoothly. Whenever the selection changes (a pin
 * clicked, a key pressed) the selected row is scrolled into view.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Incident } from '../../../shared/domain/types.ts';
import { IncidentRow } from './incident-row.tsx';
import { useNow } from './use-now.ts';
import type { OpsLabels } from './use-ops-labels.ts';

export const ROW_HEIGHT = 78;

interface IncidentListProps {
  incidents: readonly Incident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  labels: OpsLabels;
  serverTimeOffsetMs: number;
}

export function IncidentList(props: IncidentListProps) {
  const { incidents, selectedId, onSelect, labels, serverTimeOffsetMs } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(1_000, serverTimeOffsetMs);
  const virtualizer = useVirtualizer({
    count: incidents.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => incidents[index]?.id ?? index,
    // Before layout is measured (and in a DOM without layout) it still renders a screenful.
    initialRect: { width: 480, height: 800 },
  });

  const selectedIndex = selectedId === null ? -1 : incidents.findIndex((i) => i.id === selectedId);
  const found = selectedIndex >= 0;
  useEffect(() => {
    if (!found) return;
    // A row already in view stays put; one out of view (a pin far down the list, a shared
    // link) is brought to the middle, with its neighbours around it.
    const top = selectedIndex * ROW_HEIGHT;
    const offset = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    if (top >= offset && top + ROW_HEIGHT <= offset + height) return;
    virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
    // Only a new selection (or its first arrival) scrolls; a live batch that moves the row
    // must not yank the list under the supervisor's eyes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, found]);

  return (
    <div
      ref={scrollRef}
      className="ops-list__scroll"
      role="listbox"
      aria-label={labels.t('list')}
      data-testid="incident-list"
    >
      <div className="ops-list__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const incident = incidents[item.index];
          if (!incident) return null;
          return (
            <IncidentRow
              key={item.key}
              incident={incident}
              index={item.index}
              selected={incident.id === selectedId}
              now={now}
              labels={labels}
              onSelect={onSelect}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            />
          );
        })}
      </div>
    </div>
  );
}
