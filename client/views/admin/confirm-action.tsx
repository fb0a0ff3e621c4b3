/**
 * An admin row's "are you sure?" in place of its buttons: the question, a red button that
 * does it (saying so while busy) and one that takes it back. Revoking a token and deleting a
 * connector ask the same way.
 */
import { useAdminMessages } from './admin-ui.tsx';

export function ConfirmAction(props: {
  question: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}) {
  const t = useAdminMessages();
  return (
    <span className="admin-confirm" role="group">
      <span className="admin-confirm__text">{props.question}</span>
      <button
        type="button"
        className="admin-button admin-button--danger"
        onClick={props.onConfirm}
        disabled={props.busy}
        data-testid={props.testId}
      >
        {props.busy ? props.busyLabel : props.confirmLabel}
      </button>
      <button type="button" className="admin-button" onClick={props.onCancel} disabled={props.busy}>
        {t('cancel')}
      </button>
    </span>
  );
}
