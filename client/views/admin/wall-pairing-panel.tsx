/**
 * A wall display token's one-time pairing code, after creating the token or "Pair again":
 * the code in large type (to read across the room or type on the wall), the link to open
 * once on the wall, and when the code expires, in the city's time. No secret is shown:
 * the wall receives its token when it redeems the code.
 */
import { useEffect, useRef } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { WallPairing } from '../../../shared/domain/pairing.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import { formatClock, useLocale } from '../../i18n/locale.tsx';
import type { AdminToken } from './admin-api.ts';
import { wallUrl } from './admin-forms.ts';
import { useAdminMessages } from './admin-ui.tsx';
import { CopyField } from './copy-field.tsx';

interface WallPairingPanelProps {
  token: AdminToken;
  pairing: WallPairing;
  pack: CityPack;
  onDismiss: () => void;
}

export function WallPairingPanel({ token, pairing, pack, onDismiss }: WallPairingPanelProps) {
  const t = useAdminMessages();
  const { locale } = useLocale();
  const panelRef = useRef<HTMLDivElement>(null);
  const expires = `${formatClock(pairing.expiresAt, pack.timeZone, locale)} ${zoneLabel(pack.timeZone)}`;

  // The panel opens below the form; bring it into view so it is not missed.
  useEffect(() => {
    panelRef.current?.scrollIntoView({ block: 'center' });
  }, [pairing.code]);

  return (
    <div
      ref={panelRef}
      className="admin-secret admin-pairing"
      role="region"
      aria-label={t('pairingTitle', { label: token.label })}
      data-testid="wall-pairing"
    >
      <p className="admin-secret__title">{t('pairingTitle', { label: token.label })}</p>
      <p className="admin-pairing__code-line">
        <span className="admin-field__label">{t('pairingCodeLabel')}</span>
        <output className="admin-pairing__code" data-testid="pairing-code">
          {pairing.code}
        </output>
        <span className="admin-pairing__expiry" data-testid="pairing-expiry">
          {t('pairingExpires', { time: expires })}
        </span>
      </p>
      <p className="admin-pairing__how">{t('pairingHowTo')}</p>
      <CopyField
        label={t('wallUrlLabel')}
        value={wallUrl(window.location.origin, pairing.code)}
        testid="pairing-wall-url"
      />
      <p className="admin-secret__warning">{t('pairingNote')}</p>
      <button
        type="button"
        className="admin-button"
        onClick={onDismiss}
        data-testid="pairing-dismiss"
      >
        {t('close')}
      </button>
    </div>
  );
}
