/**
 * Keyboard shortcuts of the ops console: which key does what, and when keys are the
 * user's typing rather than commands. Pure, so the table is tested without a browser;
 * the page binds it to `keydown` once.
 */
export const SHORTCUT_ACTIONS = [
  'next',
  'previous',
  'verify',
  'assign',
  'note',
  'escalate',
  'close',
  'search',
  'help',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

/** Keys as `KeyboardEvent.key` gives them; the help overlay lists them in this order. */
export const SHORTCUT_KEYS: Record<ShortcutAction, readonly string[]> = {
  next: ['j', 'ArrowDown'],
  previous: ['k', 'ArrowUp'],
  verify: ['v'],
  assign: ['a'],
  note: ['n'],
  escalate: ['e'],
  close: ['Escape'],
  search: ['/'],
  help: ['?'],
};

const BY_KEY = new Map<string, ShortcutAction>(
  SHORTCUT_ACTIONS.flatMap((action) => SHORTCUT_KEYS[action].map((key) => [key, action] as const)),
);

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Where the key was pressed: typing into a field is never a command. */
  target?: EventTarget | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as Partial<HTMLElement>;
  return (el.tagName !== undefined && TYPING_TAGS.has(el.tagName)) || el.isContentEditable === true;
}

/**
 * The action a key press asks for, or null. Modified keys belong to the browser (Ctrl+F,
 * Cmd+K); in a field only Escape counts, so a supervisor can always get out of it.
 */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const action = BY_KEY.get(event.key) ?? null;
  if (isTypingTarget(event.target) && action !== 'close') return null;
  return action;
}

/** The neighbour of `current` in `ids`, clamped at the ends; the first row when none is chosen. */
export function stepSelection(
  ids: readonly string[],
  current: string | null,
  step: 1 | -1,
): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return ids[0] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))] ?? null;
}
