/**
 * The tokens part of the admin page: wall display tokens, ingest keys and API tokens in
 * one table, the form to create one, and above the table either a new secret shown once
 * or a wall's one-time pairing code (after creating a display token, or "Pair again").
 */
import { useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { listTokens, type AdminToken, type CreatedToken } from './admin-api.ts';
import { Notice, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { ListProblem } from './list-problem.tsx';
import { TokenCreateForm } from './token-create-form.tsx';
import { TokenRow } from './token-row.tsx';
import { TokenSecret } from './token-secret.tsx';
import { useAdminList } from './use-admin-list.ts';
import { WallPairingPanel } from './wall-pairing-panel.tsx';

const loadTokens = async (signal: AbortSignal) => {
  const res = await listTokens(signal);
  return res.ok ? { ...res, data: res.data.tokens } : res;
};

export function TokensSection({ pack }: { pack: CityPack }) {
  const t = useAdminMessages();
  const { state, retry, upsert } = useAdminList<AdminToken>(loadTokens);
  const [fresh, setFresh] = useState<CreatedToken | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);

  return (
    <section className="admin-section" aria-labelledby="admin-tokens" data-testid="admin-tokens">
      <h2 id="admin-tokens" className="admin-section__title">
        {t('tokens')}
        {state.status === 'ready' && (
          <span className="admin-section__count">{state.items.length}</span>
        )}
      </h2>
      <TokenCreateForm
        pack={pack}
        onCreated={(created) => {
          upsert(created.token);
          setNotice(null);
          setFresh(created);
        }}
      />
      {fresh &&
        ('pairing' in fresh ? (
          <WallPairingPanel
            token={fresh.token}
            pairing={fresh.pairing}
            pack={pack}
            onDismiss={() => setFresh(null)}
          />
        ) : (
          <TokenSecret token={fresh.token} secret={fresh.secret} onDismiss={() => setFresh(null)} />
        ))}
      <Notice notice={notice} testid="token-notice" />
      {state.status !== 'ready' ? (
        <ListProblem state={state} retry={retry} />
      ) : state.items.length === 0 ? (
        <p className="admin-empty">{t('noTokens')}</p>
      ) : (
        <div className="admin-table__wrap">
          <table className="admin-table" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">{t('label')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">
                  {t('source')} / {t('agency')}
                </th>
                <th scope="col">{t('createdAt')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((tk) => (
                <TokenRow
                  key={tk.id}
                  token={tk}
                  pack={pack}
                  onChanged={upsert}
                  onNotice={setNotice}
                  onPaired={(pairing) => {
                    setNotice(null);
                    setFresh({ token: tk, pairing });
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
