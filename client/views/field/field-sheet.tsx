/**
 * One incident on the crew's phone: what and where, the time left, a way to navigate there,
 * its photos (sent and waiting), and the actions `fieldActions` offers — each a big button.
 * Resolving asks once more, with an optional note, and says first what proof is missing
 * when the server would refuse it.
 */
import { useState, type ChangeEvent } from 'react';
import type { FieldAction, FieldWorkItem } from '../../../shared/domain/field-work.ts';
import type { FieldSettings } from '../../../shared/domain/field-proof.ts';
import { PHOTO_MIMES, type PhotoKind } from '../../../shared/domain/types.ts';
import { formatDistance, formatLeft } from './field-format.ts';
import type { FieldLabels } from './use-field-labels.ts';
import type { OutboxEntry } from './outbox-db.ts';
import { FieldPhotos } from './field-photos.tsx';

const PHOTO_TYPES: readonly string[] = PHOTO_MIMES;

export interface SheetActions {
  act(action: Exclude<FieldAction, 'photo' | 'resolve' | 'note'>): void;
  note(text: string): void;
  photo(kind: PhotoKind, file: File): void;
  resolve(note: string): void;
}

interface FieldSheetProps {
  item: FieldWorkItem;
  actions: readonly FieldAction[];
  labels: FieldLabels;
  settings: FieldSettings | null;
  waiting: readonly OutboxEntry[];
  /** What proof a resolve lacks now (field-work.ts `resolveProofProblem`), or null. */
  proofProblem: string | null;
  problem: string | null;
  onBack(): void;
  on: SheetActions;
}

export function FieldSheet(props: FieldSheetProps) {
  const { item, actions, labels, settings, waiting, on } = props;
  const { t } = labels;
  const inc = item.incident;
  const [noteOpen, setNoteOpen] = useState(false);
  const [noteText, setNoteText] = useState('');
  const [resolving, setResolving] = useState(false);
  const [resolveNote, setResolveNote] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const has = (a: FieldAction) => actions.includes(a);
  const { lat, lon } = inc.location;

  const choose = (kind: PhotoKind) => (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!PHOTO_TYPES.includes(file.type)) return setFileProblem(t('wrongType'));
    if (settings && file.size > settings.maxPhotoBytes) {
      return setFileProblem(t('tooLarge', { mb: Math.round(settings.maxPhotoBytes / 2 ** 20) }));
    }
    setFileProblem(null);
    on.photo(kind, file);
  };

  return (
    <section className="field-sheet" data-testid="field-sheet" data-incident={inc.id}>
      <button type="button" className="field-back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h2 className="field-sheet__title">
        {labels.category(inc.category)}{' '}
        <span className="field-chip" data-status={inc.status} data-testid="sheet-status">
          {labels.status(inc.status)}
        </span>
      </h2>
      <p className="field-sheet__where">{inc.address ?? `${lat.toFixed(5)}, ${lon.toFixed(5)}`}</p>
      {inc.description && <p className="field-sheet__text">{inc.description}</p>}
      <p className="field-sheet__facts">
        <span data-overdue={item.timeLeftMs < 0}>{formatLeft(item.timeLeftMs, labels)}</span>
        {item.distanceM !== null && <span>{formatDistance(item.distanceM, labels.locale)}</span>}
        <span>{labels.when('reported', inc.reportedAt)}</span>
      </p>
      <a
        className="field-button field-button--ghost"
        href={`geo:${lat},${lon}?q=${lat},${lon}`}
        data-testid="navigate"
      >
        {t('navigate')}
      </a>

      <ProofLine {...props} />

      {props.problem && (
        <p className="field-problem" role="alert" data-testid="sheet-problem">
          {props.problem}
        </p>
      )}
      {fileProblem && (
        <p className="field-problem" role="alert" data-testid="file-problem">
          {fileProblem}
        </p>
      )}

      <div className="field-actions">
        {has('claim') && <ActionButton name="claim" t={t} onClick={() => on.act('claim')} />}
        {has('start') && <ActionButton name="start" t={t} onClick={() => on.act('start')} />}
        {has('photo') &&
          (['before', 'after'] as const).map((kind) => (
            <label
              key={kind}
              className="field-button field-button--photo"
              data-testid={`photo-${kind}`}
            >
              {t(kind === 'after' ? 'photoAfter' : 'photoBefore')}
              <input
                type="file"
                accept={PHOTO_TYPES.join(',')}
                capture="environment"
                onChange={choose(kind)}
                data-testid={`photo-input-${kind}`}
              />
            </label>
          ))}
        {has('note') && (
          <ActionButton name="note" look="ghost" t={t} onClick={() => setNoteOpen((o) => !o)} />
        )}
        {has('resolve') && (
          <ActionButton name="resolve" look="done" t={t} onClick={() => setResolving(true)} />
        )}
        {has('unclaim') && (
          <ActionButton name="unclaim" look="ghost" t={t} onClick={() => on.act('unclaim')} />
        )}
      </div>

      {noteOpen && (
        <form
          className="field-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (noteText.trim() === '') return;
            on.note(noteText.trim());
            setNoteText('');
            setNoteOpen(false);
          }}
        >
          <textarea
            value={noteText}
            onChange={(e) => setNoteText(e.target.value)}
            placeholder={t('notePlaceholder')}
            maxLength={2000}
            data-testid="note-text"
          />
          <button type="submit" className="field-button" data-testid="send-note">
            {t('sendNote')}
          </button>
        </form>
      )}

      {resolving && (
        <form
          className="field-form"
          data-testid="resolve-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (props.proofProblem) return;
            on.resolve(resolveNote.trim());
            setResolving(false);
            setResolveNote('');
          }}
        >
          {props.proofProblem && (
            <p className="field-problem" role="alert" data-testid="proof-problem">
              {t('proofMissing', { m: settings?.proofRadiusM ?? 0 })}{' '}
              <span className="field-problem__detail">({props.proofProblem})</span>
            </p>
          )}
          <textarea
            value={resolveNote}
            onChange={(e) => setResolveNote(e.target.value)}
            placeholder={t('resolveNote')}
            maxLength={2000}
            data-testid="resolve-note"
          />
          <div className="field-form__row">
            <button
              type="button"
              className="field-button field-button--ghost"
              onClick={() => setResolving(false)}
            >
              {t('cancel')}
            </button>
            <button
              type="submit"
              className="field-button field-button--done"
              disabled={props.proofProblem !== null}
              data-testid="confirm-resolve"
            >
              {t('confirmResolve')}
            </button>
          </div>
        </form>
      )}

      <FieldPhotos incident={inc} waiting={waiting} labels={labels} />
    </section>
  );
}

/** Where the closure proof stands: waived (by whom, why), complete, or what it still needs. */
function ProofLine({ item, settings, proofProblem, labels }: FieldSheetProps) {
  const { t } = labels;
  const waived = item.incident.proofWaived;
  if (waived) {
    return (
      <p className="field-proof" data-state="waived" data-testid="proof-line">
        {t('proofWaived', { by: waived.by, note: waived.note })}
      </p>
    );
  }
  if (!settings?.proofRequired) return null;
  return proofProblem === null ? (
    <p className="field-proof" data-state="ok" data-testid="proof-line">
      {t('proofOk')}
    </p>
  ) : (
    <p className="field-proof" data-state="missing" data-testid="proof-line">
      {t('proofNeeded', { m: settings.proofRadiusM })}
    </p>
  );
}

/** One of the sheet's big action buttons, named by its action (its words and test id). */
function ActionButton(props: {
  name: 'claim' | 'start' | 'note' | 'resolve' | 'unclaim';
  look?: 'ghost' | 'done';
  t: FieldLabels['t'];
  onClick(): void;
}) {
  return (
    <button
      type="button"
      className={`field-button${props.look ? ` field-button--${props.look}` : ''}`}
      data-testid={props.name}
      onClick={props.onClick}
    >
      {props.t(props.name)}
    </button>
  );
}
