/**
 * What each console shortcut does: move the selection (and fly the map there), verify,
 * escalate, jump to the assign or note field, search, help, and Escape to back out of
 * whatever is open. Actions go through the same gates as the drawer's buttons.
 */
import type { RefObject } from 'react';
import type { ActionModel } from './ops-actions.ts';
import { stepSelection, type ShortcutAction } from './ops-shortcuts.ts';
import type { IncidentActions } from './use-incident-actions.ts';
import { useOpsShortcuts } from './use-ops-shortcuts.ts';

interface OpsKeyboardOptions {
  sortedIds: readonly string[];
  selectedId: string | null;
  model: ActionModel | null;
  actions: IncidentActions;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  selectAndFly: (id: string) => void;
  close: () => void;
  refs: {
    search: RefObject<HTMLInputElement | null>;
    assign: RefObject<HTMLSelectElement | null>;
    note: RefObject<HTMLTextAreaElement | null>;
  };
}

export function useOpsKeyboard(o: OpsKeyboardOptions): void {
  useOpsShortcuts((action: ShortcutAction, event: KeyboardEvent) => {
    const focus = (el: HTMLElement | null) => {
      if (!el || (el as HTMLInputElement).disabled) return;
      // Keeps the key itself ('/', 'n') from being typed into the field it opens.
      event.preventDefault();
      el.focus();
    };
    const busy = o.actions.pending !== null;
    switch (action) {
      case 'next':
      case 'previous': {
        const id = stepSelection(o.sortedIds, o.selectedId, action === 'next' ? 1 : -1);
        if (id === null) return;
        event.preventDefault();
        o.selectAndFly(id);
        return;
      }
      case 'verify':
        if (o.model?.verify.allowed && !busy) void o.actions.send('verify', { status: 'verified' });
        return;
      case 'escalate': {
        const to = o.model?.escalate.allowed ? o.model.escalate.to : null;
        if (to && !busy) void o.actions.send('escalate', { severity: to });
        return;
      }
      case 'assign':
        focus(o.refs.assign.current);
        return;
      case 'note':
        focus(o.refs.note.current);
        return;
      case 'search':
        focus(o.refs.search.current);
        return;
      case 'help':
        o.setHelpOpen(!o.helpOpen);
        return;
      case 'close': {
        const active = document.activeElement;
        if (o.helpOpen) o.setHelpOpen(false);
        else if (active instanceof HTMLElement && active !== document.body && isField(active))
          active.blur();
        else if (o.selectedId !== null) o.close();
        return;
      }
    }
  });
}

function isField(el: HTMLElement): boolean {
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}
