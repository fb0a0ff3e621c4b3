/**
 * A new API token's or ingest key's secret, shown once (one-time-secret.tsx). A wall
 * display token has no secret to show: see wall-pairing-panel.tsx.
 */
import type { AdminToken } from './admin-api.ts';
import { useAdminMessages } from './admin-ui.tsx';
import { OneTimeSecret } from './one-time-secret.tsx';

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
  return (
    <OneTimeSecret
      title={t('secretTitle')}
      warning={t('secretWarning')}
      label={`${token.label} · ${t('secretLabel')}`}
      secret={secret}
      dismissLabel={t('dismiss')}
      onDismiss={onDismiss}
      testid="token-secret"
      data={{ 'data-kind': token.kind }}
    />
  );
}
