/**
 * One token in the tokens table; revoking asks for confirmation in the row itself. An
 * active wall display token can be paired again, for a wall whose storage was wiped.
 */
import { useState } from 'react';
import { agencyByCode } from '../../../shared/city/lookup.ts';
import type { CityPack } from '../../../shared/city/types.ts';
import { ROLE_NAMES } from '../../auth/role-names.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import { formatClock, useLocale } from '../../i18n/locale.tsx';
import type { WallPairing } from '../../../shared/domain/pairing.ts';
import { pairToken, revokeToken, type AdminToken } from './admin-api.ts';
import { SOURCE_NAMES } from './admin-forms.ts';
import { useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { ConfirmAction } from './confirm-action.tsx';

interface TokenRowProps {
  token: AdminToken;
  pack: CityPack;
  onChanged: (token: AdminToken) => void;
  onNotice: (notice: NoticeState) => void;
  onPaired: (pairing: WallPairing) => void;
}

export function TokenRow({ token, pack, onChanged, onNotice, onPaired }: TokenRowProps) {
  const t = useAdminMessages();
  const { locale } = useLocale();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const when = (iso: string) =>
    `${formatClock(iso, pack.timeZone, locale, true)} ${zoneLabel(pack.timeZone)}`;
  const scope = token.source
    ? `${SOURCE_NAMES[token.source][locale]} (${token.source})`
    : ((token.agency && agencyByCode(pack, token.agency)?.short) ?? token.agency ?? '—');

  async function revoke() {
    setBusy(true);
    const res = await revokeToken(token.id);
    setBusy(false);
    setConfirming(false);
    if (!res.ok) {
      onNotice({ kind: 'error', text: res.message });
      return;
    }
    onChanged(res.data.token);
    onNotice({ kind: 'ok', text: t('tokenRevoked', { label: token.label }) });
  }

  async function pairAgain() {
    setBusy(true);
    const res = await pairToken(token.id);
    setBusy(false);
    if (!res.ok) {
      onNotice({ kind: 'error', text: res.message });
      return;
    }
    onPaired(res.data.pairing);
  }

  return (
    <tr data-testid="token-row" data-label={token.label} data-revoked={token.revokedAt !== null}>
      <td>{token.label}</td>
      <td>{t(`kind_${token.kind}`)}</td>
      <td>{ROLE_NAMES[token.role][locale]}</td>
      <td>{scope}</td>
      <td>
        {when(token.createdAt)}
        <span className="admin-table__sub-text">{t('by', { who: token.createdBy })}</span>
      </td>
      <td>
        {token.revokedAt ? (
          <span className="admin-state admin-state--off" data-testid="token-status">
            <span aria-hidden="true">⊘</span> {t('revokedAt', { time: when(token.revokedAt) })}
          </span>
        ) : (
          <span className="admin-state admin-state--on" data-testid="token-status">
            <span aria-hidden="true">●</span> {t('active')}
          </span>
        )}
      </td>
      <td className="admin-table__actions">
        {!token.revokedAt &&
          (confirming ? (
            <ConfirmAction
              question={t('confirmRevoke', { label: token.label })}
              confirmLabel={t('confirmYes')}
              busyLabel={t('revoking')}
              busy={busy}
              onConfirm={revoke}
              onCancel={() => setConfirming(false)}
              testId="token-revoke-confirm"
            />
          ) : (
            <>
              {token.kind === 'display' && (
                <button
                  type="button"
                  className="admin-button"
                  onClick={pairAgain}
                  disabled={busy}
                  data-testid="token-pair-again"
                >
                  {busy ? t('pairing') : t('pairAgain')}
                </button>
              )}
              <button
                type="button"
                className="admin-button"
                onClick={() => setConfirming(true)}
                data-testid="token-revoke"
              >
                {t('revoke')}
              </button>
            </>
          ))}
      </td>
    </tr>
  );
}
