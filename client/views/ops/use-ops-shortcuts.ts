/**
 * Binds the console's shortcut table to the window once; the handler it calls is the
 * latest render's, so it always acts on the current selection and permissions.
 */
import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from './ops-shortcuts.ts';

export function useOpsShortcuts(
  handle: (action: ShortcutAction, event: KeyboardEvent) => void,
): void {
  const handler = useRef(handle);
  handler.current = handle;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Held letter keys would repeat an action; held arrows scroll through the list as expected.
      if (event.defaultPrevented || (event.repeat && event.key.length === 1)) return;
      const action = shortcutFor(event);
      if (action) handler.current(action, event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
