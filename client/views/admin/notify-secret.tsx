/**
 * A webhook's signing secret, shown once: after the subscription is created or its secret
 * rotated, with a copy button and a plain warning that it will not be shown again. The
 * section drops it when dismissed; no view of the subscription carries it.
 */
import { useEffect, useRef } from 'react';
import type { SubscriptionView } from '../../../shared/domain/notify-contract.ts';
import { useAdminMessages } from './admin-ui.tsx';
import { CopyField } from './copy-field.tsx';
import { useNotifyMessages } from './notify.messages.ts';

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
  const panelRef = useRef<HTMLDivElement>(null);

  // The panel opens above the table; bring it into view so it is not missed.
  useEffect(() => {
    panelRef.current?.scrollIntoView?.({ block: 'center' });
  }, [secret]);

  return (
    <div
      ref={panelRef}
      className="admin-secret"
      role="region"
      aria-label={t('secretTitle')}
      data-testid="notify-secret"
    >
      <p className="admin-secret__title">
        <span className="admin-secret__mark" aria-hidden="true">
          ⚠
        </span>
        {t('secretTitle')}
      </p>
      <p className="admin-secret__warning">{t('secretWarning')}</p>
      <CopyField
        label={`${subscription.name} · ${t('secretLabel')}`}
        value={secret}
        testid="notify-secret-value"
      />
      <button
        type="button"
        className="admin-button"
        onClick={onDismiss}
        data-testid="notify-secret-dismiss"
      >
        {a('dismiss')}
      </button>
    </div>
  );
}
