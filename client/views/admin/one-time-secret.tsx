/**
 * A secret shown once — an API token, an ingest key, a webhook's signing key — with a copy
 * button, a plain warning that it will not be shown again, and a button to put it away.
 * The panel scrolls itself into view when a new secret arrives, so it is not missed.
 */
import { useEffect, useRef } from 'react';
import { CopyField } from './copy-field.tsx';

export function OneTimeSecret(props: {
  title: string;
  warning: string;
  /** What the copy field is labelled, e.g. "Qlue feed · Secret". */
  label: string;
  secret: string;
  dismissLabel: string;
  onDismiss: () => void;
  /** `<testid>`, `<testid>-value` and `<testid>-dismiss` name the panel's parts. */
  testid: string;
  /** Extra data attributes on the panel, e.g. the token's kind. */
  data?: Record<`data-${string}`, string>;
}) {
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    panelRef.current?.scrollIntoView?.({ block: 'center' });
  }, [props.secret]);

  return (
    <div
      ref={panelRef}
      className="admin-secret"
      role="region"
      aria-label={props.title}
      data-testid={props.testid}
      {...props.data}
    >
      <p className="admin-secret__title">
        <span className="admin-secret__mark" aria-hidden="true">
          ⚠
        </span>
        {props.title}
      </p>
      <p className="admin-secret__warning">{props.warning}</p>
      <CopyField label={props.label} value={props.secret} testid={`${props.testid}-value`} />
      <button
        type="button"
        className="admin-button"
        onClick={props.onDismiss}
        data-testid={`${props.testid}-dismiss`}
      >
        {props.dismissLabel}
      </button>
    </div>
  );
}
