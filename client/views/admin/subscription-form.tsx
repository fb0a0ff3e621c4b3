/**
 * The form that adds a notification subscription or edits one: its name, channel (a
 * webhook's URL or email addresses), the filter and whether it is on. Editing sends only
 * what changed, and a webhook's URL only when a new one is typed (the table shows it
 * redacted). Email works only where the server has SMTP; the API does not say whether it
 * has, so choosing email is allowed and the server's refusal is shown beside the channel.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { MAX_EMAILS, MAX_NAME, MAX_URL } from '../../../shared/domain/notify-contract.ts';
import type { SubscriptionView } from '../../../shared/domain/notify-contract.ts';
import { splitFieldErrors } from './admin-forms.ts';
import { Field, Notice, useAdminMessages, type NoticeState } from './admin-ui.tsx';
import { FilterPicker } from './filter-picker.tsx';
import { createSubscription, updateSubscription } from './notify-api.ts';
import { useNotifyMessages } from './notify.messages.ts';
import {
  checkSubscription,
  EMPTY_SUBSCRIPTION,
  FILTER_KEYS,
  formOf,
  groupNotifyErrors,
  newSubscriptionBody,
  SUBSCRIPTION_FIELDS,
  subscriptionChangeBody,
  type SubscriptionField,
  type SubscriptionForm as Form,
} from './notify-rules.ts';

interface SubscriptionFormProps {
  pack: CityPack;
  /** The subscription being edited; null to add one. */
  editing: SubscriptionView | null;
  /** `secret`: a new webhook's signing secret, to show once (null otherwise). */
  onSaved: (subscription: SubscriptionView, secret: string | null, created: boolean) => void;
  onCancel: () => void;
  onNothingChanged: () => void;
}

export function SubscriptionForm({
  pack,
  editing,
  onSaved,
  onCancel,
  onNothingChanged,
}: SubscriptionFormProps) {
  const a = useAdminMessages();
  const t = useNotifyMessages();
  const [form, setForm] = useState<Form>(editing ? formOf(editing) : EMPTY_SUBSCRIPTION);
  const [errors, setErrors] = useState<Partial<Record<SubscriptionField, string>>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  // "Edit" is pressed in a row further down; the form it opens is up here.
  useEffect(() => {
    if (editing) formRef.current?.scrollIntoView?.({ block: 'center' });
  }, [editing]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setNotice(null);
    const local: Partial<Record<SubscriptionField, string>> = {};
    for (const [k, p] of Object.entries(checkSubscription(form, editing)))
      local[k as SubscriptionField] = t(p, { n: MAX_EMAILS });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const change = editing && subscriptionChangeBody(form, editing);
    if (change && Object.keys(change).length === 0) {
      onNothingChanged();
      return;
    }
    setBusy(true);
    const res =
      editing && change
        ? await updateSubscription(editing.id, change)
        : await createSubscription(newSubscriptionBody(form));
    setBusy(false);
    if (!res.ok) {
      const split = splitFieldErrors(
        { ...res, fields: groupNotifyErrors(res.fields) },
        SUBSCRIPTION_FIELDS,
      );
      setErrors(split.fields);
      setNotice({ kind: 'error', text: split.general ?? a('fixFields') });
      return;
    }
    setErrors({});
    setForm(EMPTY_SUBSCRIPTION);
    const data: { subscription: SubscriptionView; secret?: string | null } = res.data;
    const secret = data.secret ?? null;
    onSaved(res.data.subscription, secret, !editing);
  }

  const webhook = form.channel === 'webhook';
  return (
    <form
      ref={formRef}
      className="admin-form notify-form"
      onSubmit={submit}
      noValidate
      data-testid="subscription-form"
      data-mode={editing ? 'edit' : 'create'}
    >
      <h3 className="admin-form__title">
        {editing ? t('editSubscription', { name: editing.name }) : t('newSubscription')}
      </h3>
      <div className="admin-form__grid">
        <Field label={a('name')} name="name" error={errors.name}>
          <input
            name="name"
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            maxLength={MAX_NAME}
            autoComplete="off"
            aria-invalid={errors.name ? true : undefined}
          />
        </Field>
        <Field
          label={t('channel')}
          name="channel"
          error={errors.channel}
          hint={webhook ? undefined : t('emailHint')}
        >
          <select
            name="channel"
            value={form.channel}
            // A subscription keeps its channel: a webhook's secret has no email counterpart.
            disabled={editing !== null}
            onChange={(e) => set('channel', e.target.value as Form['channel'])}
            aria-invalid={errors.channel ? true : undefined}
          >
            <option value="webhook">{t('channel_webhook')}</option>
            <option value="email">{t('channel_email')}</option>
          </select>
        </Field>
        {webhook ? (
          <Field
            label={t('url')}
            name="url"
            error={errors.url}
            hint={editing ? t('urlKeep') : t('urlHint')}
            wide
          >
            <input
              name="url"
              type="url"
              value={form.url}
              onChange={(e) => set('url', e.target.value)}
              placeholder={editing?.url ?? t('urlPlaceholder')}
              maxLength={MAX_URL}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={errors.url ? true : undefined}
            />
          </Field>
        ) : (
          <Field
            label={t('emails')}
            name="emails"
            error={errors.emails}
            hint={t('emailsHint', { n: MAX_EMAILS })}
            wide
          >
            <textarea
              name="emails"
              rows={2}
              value={form.emails}
              onChange={(e) => set('emails', e.target.value)}
              spellCheck={false}
              aria-invalid={errors.emails ? true : undefined}
            />
          </Field>
        )}
        <Field label={t('enabled')} name="enabled" error={errors.enabled}>
          <span className="admin-check">
            <input
              name="enabled"
              type="checkbox"
              checked={form.enabled}
              onChange={(e) => set('enabled', e.target.checked)}
            />
            {t('enabledLabel')}
          </span>
        </Field>
      </div>
      <div className="notify-form__filters" role="group" aria-label={t('filter')}>
        {FILTER_KEYS.map((key) => (
          <FilterPicker
            key={key}
            filterKey={key}
            value={form.filter[key]}
            onChange={(v) => set('filter', { ...form.filter, [key]: v })}
            error={errors[`filter.${key}`]}
            pack={pack}
            t={t}
          />
        ))}
      </div>
      <div className="admin-form__actions">
        <button
          type="submit"
          className="admin-button admin-button--primary"
          disabled={busy}
          data-testid="subscription-submit"
        >
          {busy ? a('saving') : editing ? a('save') : a('create')}
        </button>
        {editing && (
          <button type="button" className="admin-button" onClick={onCancel}>
            {a('cancel')}
          </button>
        )}
        <Notice notice={notice} testid="subscription-form-notice" />
      </div>
    </form>
  );
}
