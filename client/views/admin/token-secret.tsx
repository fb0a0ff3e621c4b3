/**
 * A new API token's or ingest key's secret, shown once, with a copy button and a plain
 * warning that it will not be shown again. (A wall display token has no secret to show:
 * see wall-pairing-panel.tsx.)
 */
import { useEffect, useRef } from 'react';
import type { AdminToken } from './admin-api.ts';
import { useAdminMessages } from './admin-ui.tsx';
import { CopyField } from './copy-field.tsx';

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
  const panelRef = useRef<HTMLDivElement>(null);

  // The panel opens below the form; bring it into view so it is not missed.
  useEffect(() => {
    panelRef.current?.scrollIntoView({ block: 'center' });
  }, [secret]);

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
      <CopyField
        label={`${token.label} · ${t('secretLabel')}`}
        value={secret}
        testid="token-secret-value"
      />
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
