/**
 * A new token's secret, shown once: for a wall display the whole link to open on that
 * screen, otherwise the bearer token. A copy button (with a select-and-copy fallback where
 * the clipboard is not allowed) and a plain warning that it will not be shown again.
 */
import { useEffect, useRef, useState } from 'react';
import type { AdminToken } from './admin-api.ts';
import { wallUrl } from './admin-forms.ts';
import { useAdminMessages } from './admin-ui.tsx';

type CopyState = 'idle' | 'copied' | 'manual';

export function TokenSecret({
  token,
  secret,
  onDismiss,
}: {
  token: AdminToken;
  secret: string;
  onDismiss: () => void;
}) {
  const t = useAdminMessages();
  const inputRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const isWall = token.kind === 'display';
  const value = isWall ? wallUrl(window.location.origin, secret) : secret;

  // The panel opens below the form; bring it into view so it is not missed.
  useEffect(() => {
    panelRef.current?.scrollIntoView({ block: 'center' });
  }, [secret]);

  async function copyValue() {
    inputRef.current?.select();
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      // No clipboard outside a secure context: the text is selected for Ctrl+C instead.
      setCopy('manual');
    }
  }

  return (
    <div
      ref={panelRef}
      className="admin-secret"
      role="region"
      aria-label={t('secretTitle')}
      data-testid="token-secret"
      data-kind={token.kind}
    >
      <p className="admin-secret__title">
        <span className="admin-secret__mark" aria-hidden="true">
          ⚠
        </span>
        {t('secretTitle')}
      </p>
      <p className="admin-secret__warning">{t('secretWarning')}</p>
      <label className="admin-secret__field">
        <span className="admin-field__label">
          {token.label} · {isWall ? t('wallUrlLabel') : t('secretLabel')}
        </span>
        <span className="admin-secret__row">
          <input
            ref={inputRef}
            className="admin-secret__value"
            readOnly
            value={value}
            onFocus={(e) => e.currentTarget.select()}
            data-testid={isWall ? 'token-wall-url' : 'token-secret-value'}
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
      <button
        type="button"
        className="admin-button"
        onClick={onDismiss}
        data-testid="token-secret-dismiss"
      >
        {t('dismiss')}
      </button>
    </div>
  );
}
