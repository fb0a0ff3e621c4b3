/**
 * A webhook's signing secret, shown once (one-time-secret.tsx): after the subscription is
 * created or its secret rotated. The section drops it when dismissed; no view of the
 * subscription carries it.
 */
import type { SubscriptionView } from '../../../shared/domain/notify-contract.ts';
import { useAdminMessages } from './admin-ui.tsx';
import { useNotifyMessages } from './notify.messages.ts';
import { OneTimeSecret } from './one-time-secret.tsx';

export function NotifySecret({
  subscription,
  secret,
  onDismiss,
}: {
  subscription: SubscriptionView;
  secret: string;
  onDismiss: () => void;
}) {
  const a = useAdminMessages();
  const t = useNotifyMessages();
  return (
    <OneTimeSecret
      title={t('secretTitle')}
      warning={t('secretWarning')}
      label={`${subscription.name} · ${t('secretLabel')}`}
      secret={secret}
      dismissLabel={a('dismiss')}
      onDismiss={onDismiss}
      testid="notify-secret"
    />
  );
}
