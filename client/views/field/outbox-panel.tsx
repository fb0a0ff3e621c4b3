/**
 * What is waiting on the phone to be sent, and what the server refused (with its words,
 * until the crew removes it). Always on screen while anything waits: a crew must never
 * believe a resolve went through when it has not.
 */
import type { OutboxEntry } from './outbox-db.ts';
import type { OutboxBlock } from './use-outbox.ts';
import type { FieldLabels } from './use-field-labels.ts';
import type { FieldMessageKey } from './field.messages.ts';

function kindKey(e: OutboxEntry): FieldMessageKey {
  const c = e.command;
  if (c.kind === 'photo') return c.fields.kind === 'after' ? 'kindPhotoAfter' : 'kindPhotoBefore';
  if (c.kind !== 'update') return c.kind === 'claim' ? 'kindClaim' : 'kindUnclaim';
  if (c.body.status === 'in_progress') return 'kindStart';
  if (c.body.status === 'resolved') return 'kindResolve';
  return 'kindNote';
}

interface OutboxPanelProps {
  entries: readonly OutboxEntry[];
  sending: boolean;
  block: OutboxBlock;
  labels: FieldLabels;
  onSend(): void;
  onDismiss(clientId: string): void;
}

export function OutboxPanel(props: OutboxPanelProps) {
  const { entries, sending, block, labels, onSend, onDismiss } = props;
  const { t } = labels;
  const waiting = entries.filter((e) => e.state === 'waiting').length;
  const held = new Set(entries.filter((e) => e.state === 'refused').map((e) => e.incidentId));
  return (
    <section
      className="field-outbox"
      data-testid="outbox"
      data-waiting={waiting}
      data-refused={entries.length - waiting}
      aria-live="polite"
    >
      <div className="field-outbox__head">
        <strong>{waiting > 0 ? t('outboxCount', { n: waiting }) : t('outboxEmpty')}</strong>
        {waiting > 0 && (
          <button
            type="button"
            className="field-button field-button--small"
            onClick={onSend}
            disabled={sending}
          >
            {sending ? t('sending') : t('sendNow')}
          </button>
        )}
      </div>
      {block && waiting > 0 && (
        <p className="field-problem" role="alert" data-testid="outbox-block">
          {block === 'session' ? t('blockSession') : t('blockOtherUser')}{' '}
          {block === 'session' && <a href="/login?next=%2Ffield">{t('login')}</a>}
        </p>
      )}
      {entries.length > 0 && (
        <ul>
          {entries.map((e) => (
            <li key={e.clientId} data-state={e.state} data-testid={`outbox-${e.clientId}`}>
              <span>
                {t(kindKey(e))} · #{e.incidentId.slice(0, 8)} ·{' '}
                {labels.when('queuedAt', new Date(e.madeAt).toISOString())}
              </span>
              {e.state === 'waiting' && held.has(e.incidentId) && (
                <span className="field-waiting" data-testid="held">
                  {t('held')}
                </span>
              )}
              {e.state === 'refused' && (
                <>
                  <span className="field-problem" data-testid="refused-problem">
                    {t('refused')}: {e.problem}
                  </span>
                  <button
                    type="button"
                    className="field-button field-button--small"
                    onClick={() => onDismiss(e.clientId)}
                  >
                    {t('dismiss')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
