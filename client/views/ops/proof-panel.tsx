/**
 * The drawer's proof-of-closure section: whether the incident holds its photo proof (which
 * after photo), a supervisor waived it (who, why), or what is still wanted; whether this
 * deployment requires it; and, for supervisors and admins while it is open and unproven,
 * "Waive photo proof" with a required reason. The server decides; a refusal shows its message.
 */
import { useState } from 'react';
import type { Principal } from '../../../shared/domain/access.ts';
import type { FieldSettings } from '../../../shared/domain/field-proof.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { formatNumber, useLocale, useMessages } from '../../i18n/locale.tsx';
import { shortId } from './ops-format.ts';
import { proofStatus, type ProofLine } from './proof-status.ts';
import { PROOF_MESSAGES } from './proof.messages.ts';
import type { ProofWaiverActions } from './use-proof-waiver.ts';
import './proof.css';

type T = ReturnType<typeof useMessages<keyof (typeof PROOF_MESSAGES)['id']>>;

export interface ProofPanelProps {
  incident: Incident;
  settings: FieldSettings | null;
  principal: Principal | null;
  actions: ProofWaiverActions;
}

export function ProofPanel({ incident, settings, principal, actions }: ProofPanelProps) {
  const t = useMessages(PROOF_MESSAGES);
  const { locale } = useLocale();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const { line, mayWaive } = proofStatus(incident, settings, principal);
  const radius = settings ? formatNumber(settings.proofRadiusM, locale) : '';

  const submit = async () => {
    if (await actions.waive(note.trim())) {
      setOpen(false);
      setNote('');
    }
  };

  return (
    <section className="ops-drawer__section ops-proof" aria-label={t('title')} data-testid="proof">
      <h3 className="ops-drawer__heading">{t('title')}</h3>
      <p
        className={`ops-proof__line ops-proof__line--${line.kind}`}
        data-testid="proof-line"
        data-state={line.kind}
      >
        {lineText(line, radius, t)}
      </p>
      {settings && (
        <p className="ops-drawer__muted" data-testid="proof-required">
          {t(settings.proofRequired ? 'required' : 'notRequired')}
        </p>
      )}
      {mayWaive && !open && (
        <button
          type="button"
          className="ops-button ops-button--warn"
          data-testid="proof-waive"
          disabled={actions.pending}
          onClick={() => setOpen(true)}
        >
          {t('waive')}
        </button>
      )}
      {mayWaive && open && (
        <div className="ops-proof__waiver">
          <textarea
            className="ops-textarea"
            aria-label={t('waiveReason')}
            data-testid="proof-waive-note"
            rows={2}
            maxLength={2000}
            required
            autoFocus
            placeholder={t('waivePlaceholder')}
            value={note}
            disabled={actions.pending}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="ops-actions__row">
            <button
              type="button"
              className="ops-button ops-button--primary"
              data-testid="proof-waive-confirm"
              disabled={actions.pending || note.trim() === ''}
              onClick={() => void submit()}
            >
              {actions.pending ? t('sending') : t('confirmWaive')}
            </button>
            <button
              type="button"
              className="ops-button"
              disabled={actions.pending}
              onClick={() => setOpen(false)}
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {actions.feedback && (
        <p className="ops-drawer__error" role="alert" data-testid="proof-error">
          {t(actions.feedback.kind, { message: actions.feedback.message })}
        </p>
      )}
    </section>
  );
}

function lineText(line: ProofLine, radius: string, t: T): string {
  switch (line.kind) {
    case 'loading':
      return t('proof.loading');
    case 'photo':
      return t('proof.photo', { photo: shortId(line.photoId), radius });
    case 'waiver':
      return t('proof.waiver', { by: line.by, note: line.note });
    case 'missing':
      return t('proof.missing', { radius });
    case 'none':
      return t('proof.none');
  }
}
