/**
 * One Open311 connector in the connectors table: where it pulls from, its health (said in
 * words and symbols; colour only repeats them), and its actions: enable or disable,
 * replace the remote key (in a row below; the key is never shown), delete after a
 * confirmation in the row itself.
 */
import { useState, type FormEvent } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { zoneLabel } from '../../components/zone-label.ts';
import { formatClock, useLocale } from '../../i18n/locale.tsx';
import {
  deleteConnector,
  updateConnector,
  type AdminConnector,
  type ConnectorChange,
  type ConnectorStatus,
} from './admin-api.ts';
import { Field, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { errorPreview, lagText, skippedCount } from './connector-rules.ts';
import { ConfirmAction } from './confirm-action.tsx';

/** Columns of the connectors table, for the editing row below one. */
export const CONNECTOR_COLUMNS = 9;

const HEALTH_MARK: Record<ConnectorStatus, string> = {
  ok: '●',
  failing: '⚠',
  waiting: '○',
  disabled: '⊘',
};

interface ConnectorRowProps {
  connector: AdminConnector;
  pack: CityPack;
  onChanged: (connector: AdminConnector) => void;
  onDeleted: (connector: AdminConnector) => void;
  onNotice: (notice: NoticeState) => void;
}

export function ConnectorRow({
  connector: c,
  pack,
  onChanged,
  onDeleted,
  onNotice,
}: ConnectorRowProps) {
  const t = useAdminMessages();
  const { locale } = useLocale();
  const [confirming, setConfirming] = useState(false);
  const [editingKey, setEditingKey] = useState(false);
  const [key, setKey] = useState('');
  const [keyError, setKeyError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const when = (iso: string) =>
    `${formatClock(iso, pack.timeZone, locale, true)} ${zoneLabel(pack.timeZone)}`;
  const { health } = c;
  const counts = health.counts;

  async function change(body: ConnectorChange, done: string): Promise<boolean> {
    setBusy(true);
    const res = await updateConnector(c.id, body);
    setBusy(false);
    if (!res.ok) {
      // A refused key belongs beside the key field; anything else to the section's line.
      if (body.apiKey !== undefined && res.fields.apiKey) setKeyError(res.fields.apiKey);
      else onNotice({ kind: 'error', text: res.message });
      return false;
    }
    onChanged(res.data.connector);
    onNotice({ kind: 'ok', text: done });
    return true;
  }

  async function saveKey(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (key === '') {
      setKeyError(t('keyRequired'));
      return;
    }
    if (await change({ apiKey: key }, t('keyReplaced', { name: c.name }))) {
      setEditingKey(false);
      setKey('');
      setKeyError(undefined);
    }
  }

  async function remove() {
    setBusy(true);
    const res = await deleteConnector(c.id);
    setBusy(false);
    setConfirming(false);
    if (!res.ok) {
      onNotice({ kind: 'error', text: res.message });
      return;
    }
    onDeleted(res.data.connector);
    onNotice({ kind: 'ok', text: t('connectorDeleted', { name: c.name }) });
  }

  return (
    <>
      <tr
        data-testid="connector-row"
        data-name={c.name}
        data-enabled={c.enabled}
        data-status={health.status}
      >
        <td className="admin-connector__name">
          {c.name}
          {c.jurisdictionId && (
            <span className="admin-table__sub-text">
              {t('jurisdictionIs', { id: c.jurisdictionId })}
            </span>
          )}
          <span className="admin-table__sub-text" data-testid="connector-key">
            {!c.apiKey.set
              ? t('noKey')
              : c.apiKey.hint
                ? t('keyHint', { hint: c.apiKey.hint })
                : t('keyStored')}
          </span>
        </td>
        <td className="admin-table__mono admin-connector__endpoint">{c.endpoint}</td>
        <td>
          <span
            className={`admin-state admin-state--${c.enabled ? 'on' : 'off'}`}
            data-testid="connector-enabled"
          >
            <span aria-hidden="true">{c.enabled ? '●' : '⊘'}</span>{' '}
            {c.enabled ? t('active') : t('disabled')}
          </span>
          <span className="admin-table__sub-text" data-testid="connector-poll">
            {t('pollEvery', { t: t('seconds', { n: c.pollSeconds }) })}
          </span>
        </td>
        <td>
          <span
            className={`admin-health admin-health--${health.status}`}
            data-testid="connector-health"
          >
            <span aria-hidden="true">{HEALTH_MARK[health.status]}</span>{' '}
            {t(`health_${health.status}`)}
          </span>
          {health.status === 'failing' && (
            <span className="admin-table__sub-text">
              {t('failingCount', { n: health.consecutiveFailures })}
            </span>
          )}
        </td>
        <td data-testid="connector-last-success">
          {health.lastSuccessAt ? when(health.lastSuccessAt) : t('never')}
        </td>
        <td data-testid="connector-lag">{lagText(health.lagSeconds, locale)}</td>
        <td className="admin-connector__error">
          {health.lastError ? (
            <>
              <span title={health.lastError} data-testid="connector-error">
                {errorPreview(health.lastError)}
              </span>
              {health.lastErrorAt && (
                <span className="admin-table__sub-text">{when(health.lastErrorAt)}</span>
              )}
            </>
          ) : (
            '—'
          )}
        </td>
        <td
          className="admin-connector__counts"
          data-testid="connector-counts"
          title={t('countsTitle', {
            seen: counts.seen,
            created: counts.created,
            updated: counts.updated,
            noId: counts.skippedNoId,
            noLocation: counts.skippedNoLocation,
            unmapped: counts.skippedUnmapped,
            refused: counts.refused,
          })}
        >
          {counts.created} / {counts.updated} / {skippedCount(counts)}
        </td>
        <td>
          {/* A flex box of its own: a td that is a flex box stops being a table cell. */}
          <div className="admin-table__actions admin-connector__actions">
            {confirming ? (
              <ConfirmAction
                question={t('confirmDelete', { name: c.name })}
                confirmLabel={t('confirmDeleteYes')}
                busyLabel={t('deleting')}
                busy={busy}
                onConfirm={remove}
                onCancel={() => setConfirming(false)}
                testId="connector-delete-confirm"
              />
            ) : (
              <>
                <button
                  type="button"
                  className="admin-button"
                  disabled={busy}
                  data-testid="connector-toggle"
                  onClick={() =>
                    change(
                      { enabled: !c.enabled },
                      t(c.enabled ? 'connectorDisabled' : 'connectorEnabled', { name: c.name }),
                    )
                  }
                >
                  {c.enabled ? t('disable') : t('enable')}
                </button>
                <button
                  type="button"
                  className="admin-button"
                  onClick={() => {
                    setEditingKey(!editingKey);
                    setKey('');
                    setKeyError(undefined);
                  }}
                  data-testid="connector-replace-key"
                >
                  {t('replaceKey')}
                </button>
                <button
                  type="button"
                  className="admin-button"
                  onClick={() => setConfirming(true)}
                  data-testid="connector-delete"
                >
                  {t('deleteConnector')}
                </button>
              </>
            )}
          </div>
        </td>
      </tr>
      {editingKey && (
        <tr className="admin-table__sub">
          <td colSpan={CONNECTOR_COLUMNS}>
            <form className="admin-inline" onSubmit={saveKey} noValidate>
              <Field label={t('newKey')} name="apiKey" error={keyError}>
                <input
                  name="apiKey"
                  type="password"
                  value={key}
                  onChange={(e) => setKey(e.target.value)}
                  autoComplete="new-password"
                  maxLength={512}
                  aria-invalid={keyError ? true : undefined}
                />
              </Field>
              <button type="submit" className="admin-button admin-button--primary" disabled={busy}>
                {busy ? t('saving') : t('save')}
              </button>
              <button type="button" className="admin-button" onClick={() => setEditingKey(false)}>
                {t('cancel')}
              </button>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}
