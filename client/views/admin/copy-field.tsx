/**
 * A read-only value with a copy button, for what the admin must carry to another place
 * (a token's secret, a wall's pairing link). Where the clipboard is not allowed (no
 * secure context) the text is selected instead, with a hint to press Ctrl+C.
 */
import { useRef, useState } from 'react';
import { useAdminMessages } from './admin-ui.tsx';

type CopyState = 'idle' | 'copied' | 'manual';

interface CopyFieldProps {
  label: string;
  value: string;
  /** The input's test id; the button is `token-copy`. */
  testid: string;
}

export function CopyField({ label, value, testid }: CopyFieldProps) {
  const t = useAdminMessages();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  async function copyValue() {
    inputRef.current?.select();
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('manual');
    }
  }

  return (
    <>
      <label className="admin-secret__field">
        <span className="admin-field__label">{label}</span>
        <span className="admin-secret__row">
          <input
            ref={inputRef}
            className="admin-secret__value"
            readOnly
            value={value}
            onFocus={(e) => e.currentTarget.select()}
            data-testid={testid}
          />
          <button
            type="button"
            className="admin-button admin-button--primary"
            onClick={copyValue}
            data-testid="token-copy"
          >
            {copy === 'copied' ? `✓ ${t('copied')}` : t('copy')}
          </button>
        </span>
      </label>
      {copy === 'manual' && <p className="admin-secret__warning">{t('copyManual')}</p>}
    </>
  );
}
