/**
 * Small pieces the admin forms share: a labelled field with its error beside it, the
 * section's notice line, and the page's message function with problem texts.
 */
import type { ReactNode } from 'react';
import { useMessages } from '../../i18n/locale.tsx';
import { MIN_PASSWORD, type Problem } from './admin-forms.ts';
import { ADMIN_MESSAGES } from './admin.messages.ts';

export type AdminT = ReturnType<typeof useAdminMessages>;

export function useAdminMessages() {
  return useMessages(ADMIN_MESSAGES);
}

export function problemText(t: AdminT, p: Problem): string {
  return t(p, { n: MIN_PASSWORD });
}

interface FieldProps {
  label: string;
  /** The form field's name; its error is found as `[data-field-error="<name>"]`. */
  name: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
  wide?: boolean;
}

export function Field({ label, name, error, hint, children, wide }: FieldProps) {
  return (
    <label
      className={`admin-field ${wide ? 'admin-field--wide' : ''}`}
      data-invalid={error ? 'true' : undefined}
    >
      <span className="admin-field__label">{label}</span>
      {children}
      {error ? (
        <span className="admin-field__error" data-field-error={name}>
          {error}
        </span>
      ) : (
        hint && <span className="admin-field__hint">{hint}</span>
      )}
    </label>
  );
}

export type NoticeState = { kind: 'ok' | 'error'; text: string } | null;

export function Notice({ notice, testid }: { notice: NoticeState; testid: string }) {
  if (!notice) return null;
  return (
    <p
      className={`admin-notice admin-notice--${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid={testid}
      data-kind={notice.kind}
    >
      <span className="admin-notice__mark" aria-hidden="true">
        {notice.kind === 'ok' ? '✓' : '!'}
      </span>
      {notice.text}
    </p>
  );
}
