/**
 * The drawer's actions: verify, change status (only the lifecycle's legal next steps),
 * assign to another agency, escalate one severity step, add a note. Each is gated by the
 * action model (role, then state); while one is in flight all are disabled, and a refusal
 * shows the server's message here.
 */
import { useState, type RefObject } from 'react';
import type { ActionModel, Gate } from './ops-actions.ts';
import type { IncidentActions } from './use-incident-actions.ts';
import type { PrincipalState } from '../../auth/use-principal.ts';
import type { OpsLabels } from './use-ops-labels.ts';

interface IncidentActionsPanelProps {
  model: ActionModel;
  principal: PrincipalState;
  actions: IncidentActions;
  labels: OpsLabels;
  assignRef: RefObject<HTMLSelectElement | null>;
  noteRef: RefObject<HTMLTextAreaElement | null>;
}

export function IncidentActionsPanel(props: IncidentActionsPanelProps) {
  const { model, principal, actions, labels, assignRef, noteRef } = props;
  const { t } = labels;
  const [agency, setAgency] = useState('');
  const [note, setNote] = useState('');
  const busy = actions.pending !== null;
  const off = (gate: Gate) => busy || !gate.allowed;
  const label = (name: string, text: string) => (actions.pending === name ? t('sending') : text);
  const assignable = model.assign.filter((a) => a.gate.allowed);

  const submitNote = async () => {
    if (await actions.send('note', { note: note.trim() })) setNote('');
  };
  const submitAssign = async () => {
    if (await actions.send('assign', { agency })) setAgency('');
  };

  return (
    <section
      className="ops-drawer__section ops-actions"
      aria-label={t('actions')}
      data-testid="actions"
    >
      <h3 className="ops-drawer__heading">{t('actions')}</h3>
      <AccessNotice principal={principal} update={model.update} labels={labels} />
      <div className="ops-actions__row">
        <button
          type="button"
          className="ops-button ops-button--primary"
          data-testid="action-verify"
          disabled={off(model.verify)}
          onClick={() => void actions.send('verify', { status: 'verified' })}
        >
          {label('verify', t('verify'))} <kbd>v</kbd>
        </button>
        {model.statuses.map(({ status, gate }) => (
          <button
            key={status}
            type="button"
            className="ops-button"
            data-testid={`action-status-${status}`}
            title={t('changeStatus')}
            disabled={off(gate)}
            onClick={() => void actions.send(`status:${status}`, { status })}
          >
            → {label(`status:${status}`, labels.status(status))}
          </button>
        ))}
        {model.escalate.to && (
          <button
            type="button"
            className="ops-button ops-button--warn"
            data-testid="action-escalate"
            disabled={off(model.escalate)}
            onClick={() =>
              model.escalate.to && void actions.send('escalate', { severity: model.escalate.to })
            }
          >
            ▲ {label('escalate', t('escalate', { to: labels.severity(model.escalate.to) }))}{' '}
            <kbd>e</kbd>
          </button>
        )}
      </div>
      {model.statuses.length === 0 && !model.linked && (
        <p className="ops-drawer__muted">{t('noNextStatus')}</p>
      )}

      <div className="ops-actions__row ops-actions__group">
        <select
          ref={assignRef}
          className="ops-select ops-actions__grow"
          aria-label={t('assignTo')}
          data-testid="action-assign-select"
          value={agency}
          disabled={busy || assignable.length === 0}
          onChange={(e) => setAgency(e.target.value)}
        >
          <option value="">{t('chooseAgency')}</option>
          {assignable.map((a) => (
            <option key={a.agency} value={a.agency}>
              {labels.agencyShort(a.agency)} — {labels.agency(a.agency)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="ops-button"
          data-testid="action-assign"
          disabled={busy || agency === ''}
          onClick={() => void submitAssign()}
        >
          {label('assign', t('assign'))} <kbd>a</kbd>
        </button>
      </div>

      <div className="ops-actions__row ops-actions__group">
        <textarea
          ref={noteRef}
          className="ops-textarea ops-actions__grow"
          aria-label={t('note')}
          data-testid="action-note-input"
          rows={1}
          maxLength={2000}
          placeholder={t('notePlaceholder')}
          value={note}
          disabled={busy || !model.note.allowed}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="button"
          className="ops-button"
          data-testid="action-note"
          disabled={off(model.note) || note.trim() === ''}
          onClick={() => void submitNote()}
        >
          {label('note', t('addNote'))} <kbd>n</kbd>
        </button>
      </div>

      {actions.feedback && (
        <p className="ops-drawer__error" role="alert" data-testid="action-error">
          {t(actions.feedback.kind, { message: actions.feedback.message })}
        </p>
      )}
    </section>
  );
}

function AccessNotice(props: { principal: PrincipalState; update: Gate; labels: OpsLabels }) {
  const { principal, update, labels } = props;
  const { t } = labels;
  if (principal.status === 'loading') {
    return (
      <p className="ops-drawer__muted" role="status">
        {t('checkingRole')}
      </p>
    );
  }
  if (principal.status !== 'ready') {
    const message = principal.status === 'error' ? principal.message : 'HTTP 401';
    return (
      <p className="ops-drawer__error" role="alert">
        {t('roleError', { message })}
      </p>
    );
  }
  if (update.allowed) return null;
  return (
    <p className="ops-access" data-testid="actions-readonly" title={update.detail ?? undefined}>
      {t('readOnly', { role: labels.role(principal.principal.role) })}
    </p>
  );
}
