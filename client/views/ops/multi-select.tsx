/**
 * A compact multi-choice filter: a button that says what is chosen, opening a list of
 * checkboxes. Closes on Escape or a click elsewhere. Nothing chosen means "all".
 */
import { useEffect, useId, useRef, useState } from 'react';

export interface MultiSelectProps<T extends string> {
  label: string;
  testId: string;
  options: { value: T; label: string }[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  allLabel: string;
  countLabel: (n: number) => string;
}

export function MultiSelect<T extends string>(props: MultiSelectProps<T>) {
  const { label, testId, options, selected, onChange, allLabel, countLabel } = props;
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const chosen = new Set<string>(selected);
  const summary =
    selected.length === 0
      ? allLabel
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? selected[0])
        : countLabel(selected.length);
  const toggle = (value: T) =>
    onChange(
      options.map((o) => o.value).filter((v) => (v === value ? !chosen.has(v) : chosen.has(v))),
    );

  return (
    <div className="ops-multi" ref={rootRef}>
      <span className="ops-field__label">{label}</span>
      <button
        type="button"
        className={`ops-multi__button ${selected.length > 0 ? 'ops-multi__button--active' : ''}`}
        data-testid={testId}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="ops-multi__summary">{summary}</span>
        <span className="ops-multi__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <ul className="ops-multi__list" id={listId} aria-label={label}>
          {options.map((o) => (
            <li key={o.value}>
              <label className="ops-multi__option">
                <input
                  type="checkbox"
                  checked={chosen.has(o.value)}
                  data-testid={`${testId}-${o.value}`}
                  onChange={() => toggle(o.value)}
                />
                {o.label}
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
