/** The ops console's keyboard table and selection stepping. */
import { describe, expect, it } from 'vitest';
import {
  shortcutFor,
  stepSelection,
  type KeyLike,
} from '../../../../../client/views/ops/ops-shortcuts.ts';

const field = (tagName: string) => ({ tagName }) as unknown as EventTarget;
const body = field('BODY');

describe('shortcutFor', () => {
  it.each<[string, KeyLike, string | null]>([
    ['j', { key: 'j', target: body }, 'next'],
    ['arrow down', { key: 'ArrowDown', target: body }, 'next'],
    ['k', { key: 'k', target: body }, 'previous'],
    ['arrow up', { key: 'ArrowUp', target: body }, 'previous'],
    ['v', { key: 'v', target: body }, 'verify'],
    ['a', { key: 'a', target: body }, 'assign'],
    ['n', { key: 'n', target: body }, 'note'],
    ['e', { key: 'e', target: body }, 'escalate'],
    ['Escape', { key: 'Escape', target: body }, 'close'],
    ['/', { key: '/', target: body }, 'search'],
    ['?', { key: '?', target: body }, 'help'],
    ['unbound key', { key: 'x', target: body }, null],
    ['capital V is not v', { key: 'V', target: body }, null],
    ['ctrl+v belongs to the browser', { key: 'v', ctrlKey: true, target: body }, null],
    ['cmd+k belongs to the browser', { key: 'k', metaKey: true, target: body }, null],
    ['typing in an input', { key: 'v', target: field('INPUT') }, null],
    ['typing in a textarea', { key: 'n', target: field('TEXTAREA') }, null],
    ['arrows in a select', { key: 'ArrowDown', target: field('SELECT') }, null],
    ['Escape still works in a field', { key: 'Escape', target: field('INPUT') }, 'close'],
    [
      'contenteditable counts as typing',
      { key: 'e', target: { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget },
      null,
    ],
  ])('%s', (_name, event, expected) => {
    expect(shortcutFor(event)).toBe(expected);
  });
});

describe('stepSelection', () => {
  const ids = ['a', 'b', 'c'];
  it.each<[string | null, 1 | -1, string | null]>([
    [null, 1, 'a'],
    [null, -1, 'a'],
    ['a', 1, 'b'],
    ['b', -1, 'a'],
    ['c', 1, 'c'],
    ['a', -1, 'a'],
    ['gone', 1, 'a'],
  ])('from %s by %i → %s', (current, step, expected) => {
    expect(stepSelection(ids, current, step)).toBe(expected);
  });

  it('has nothing to select in an empty list', () => {
    expect(stepSelection([], 'a', 1)).toBeNull();
  });
});
