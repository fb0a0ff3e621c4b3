/**
 * The Open311 connectors part of the admin page: the form to add a connector and the
 * table of connectors with each one's health. The puller works on the server on its own
 * schedule, so the table reloads in the background every few seconds (and on "Refresh")
 * to keep health, lag and errors current without a page reload.
 */
import { useEffect, useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { listConnectors, type AdminConnector } from './admin-api.ts';
import { Notice, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { ConnectorForm } from './connector-form.tsx';
import { ConnectorRow } from './connector-row.tsx';
import { ListProblem } from './list-problem.tsx';
import { useAdminList } from './use-admin-list.ts';
import './connectors.css';

/** Often enough that a failing pull shows within seconds; one small GET each time. */
const REFRESH_MS = 5_000;

const loadConnectors = async (signal: AbortSignal) => {
  const res = await listConnectors(signal);
  return res.ok ? { ...res, data: res.data.connectors } : res;
};

export function ConnectorsSection({ pack }: { pack: CityPack }) {
  const t = useAdminMessages();
  const { state, retry, upsert, remove, refresh } = useAdminList<AdminConnector>(loadConnectors);
  const [notice, setNotice] = useState<NoticeState>(null);

  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <section
      className="admin-section"
      aria-labelledby="admin-connectors"
      data-testid="admin-connectors"
    >
      <h2 id="admin-connectors" className="admin-section__title">
        {t('connectors')}
        {state.status === 'ready' && (
          <span className="admin-section__count">{state.items.length}</span>
        )}
        <button
          type="button"
          className="admin-button admin-section__refresh"
          onClick={refresh}
          data-testid="connectors-refresh"
        >
          {t('refresh')}
        </button>
      </h2>
      <ConnectorForm
        pack={pack}
        onCreated={(connector) => {
          upsert(connector);
          setNotice({ kind: 'ok', text: t('connectorCreated', { name: connector.name }) });
        }}
      />
      <Notice notice={notice} testid="connector-notice" />
      {state.status !== 'ready' ? (
        <ListProblem state={state} retry={retry} />
      ) : state.items.length === 0 ? (
        <p className="admin-empty">{t('noConnectors')}</p>
      ) : (
        <div className="admin-table__wrap">
          <table className="admin-table admin-connectors" data-testid="connectors-table">
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('endpoint')}</th>
                <th scope="col">{t('pulling')}</th>
                <th scope="col">{t('health')}</th>
                <th scope="col">{t('lastSuccess')}</th>
                <th scope="col">{t('lag')}</th>
                <th scope="col">{t('lastError')}</th>
                <th scope="col">{t('counts')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((c) => (
                <ConnectorRow
                  key={c.id}
                  connector={c}
                  pack={pack}
                  onChanged={upsert}
                  onDeleted={(gone) => remove(gone.id)}
                  onNotice={setNotice}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
