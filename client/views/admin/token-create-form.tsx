/**
 * The "create a token" form: a wall display token, an ingest key for one source channel,
 * or an API token with a role (and agency for agency operators). What the server answers
 * (a secret to show once, or a display token's pairing code) goes up to the section.
 */
import { useState, type FormEvent } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { USER_ROLES, type UserRole } from '../../../shared/domain/access.ts';
import { SOURCES, type Source } from '../../../shared/domain/types.ts';
import { ROLE_NAMES } from '../../auth/role-names.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { createToken, type CreatedToken, type TokenKind } from './admin-api.ts';
import {
  checkNewToken,
  newTokenBody,
  SOURCE_NAMES,
  splitFieldErrors,
  type NewTokenForm,
} from './admin-forms.ts';
import { AgencySelect } from './agency-select.tsx';
import { Field, Notice, problemText, useAdminMessages, type NoticeState } from './admin-ui.tsx';

const FIELDS = ['kind', 'label', 'source', 'role', 'agency'] as const;
type FieldName = (typeof FIELDS)[number];
const KINDS: TokenKind[] = ['display', 'ingest', 'api'];
const PLACEHOLDER = {
  display: 'labelPlaceholderDisplay',
  ingest: 'labelPlaceholderIngest',
  api: 'labelPlaceholderApi',
} as const;

const EMPTY: NewTokenForm = {
  kind: 'display',
  label: '',
  source: 'qlue',
  role: 'viewer',
  agency: '',
};

interface TokenCreateFormProps {
  pack: CityPack;
  onCreated: (created: CreatedToken) => void;
}

export function TokenCreateForm({ pack, onCreated }: TokenCreateFormProps) {
  const t = useAdminMessages();
  const { locale } = useLocale();
  const [form, setForm] = useState<NewTokenForm>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof NewTokenForm>(key: K, value: NewTokenForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setNotice(null);
    const local: Partial<Record<FieldName, string>> = {};
    for (const [k, p] of Object.entries(checkNewToken(form)))
      local[k as FieldName] = problemText(t, p);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const res = await createToken(newTokenBody(form));
    setBusy(false);
    if (!res.ok) {
      const split = splitFieldErrors(res, FIELDS);
      setErrors(split.fields);
      setNotice({ kind: 'error', text: split.general ?? t('fixFields') });
      return;
    }
    setForm({ ...EMPTY, kind: form.kind });
    setErrors({});
    onCreated(res.data);
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="token-create-form">
      <h3 className="admin-form__title">{t('newToken')}</h3>
      <div className="admin-form__grid">
        <Field label={t('kind')} name="kind" error={errors.kind}>
          <select
            name="kind"
            value={form.kind}
            onChange={(e) => set('kind', e.target.value as TokenKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind_${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('label')} name="label" error={errors.label} wide>
          <input
            name="label"
            value={form.label}
            onChange={(e) => set('label', e.target.value)}
            placeholder={t(PLACEHOLDER[form.kind])}
            maxLength={120}
            autoComplete="off"
            aria-invalid={errors.label ? true : undefined}
          />
        </Field>
        {form.kind === 'ingest' && (
          <Field label={t('source')} name="source" error={errors.source}>
            <select
              name="source"
              value={form.source}
              onChange={(e) => set('source', e.target.value as Source)}
            >
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_NAMES[s][locale]} ({s})
                </option>
              ))}
            </select>
          </Field>
        )}
        {form.kind === 'api' && (
          <Field label={t('role')} name="role" error={errors.role}>
            <select
              name="role"
              value={form.role}
              onChange={(e) => set('role', e.target.value as UserRole)}
            >
              {USER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_NAMES[r][locale]}
                </option>
              ))}
            </select>
          </Field>
        )}
        {form.kind === 'api' && form.role === 'agency' && (
          <Field label={t('agency')} name="agency" error={errors.agency}>
            <AgencySelect
              pack={pack}
              name="agency"
              value={form.agency}
              onChange={(v) => set('agency', v)}
              placeholder={t('chooseAgency')}
              invalid={Boolean(errors.agency)}
            />
          </Field>
        )}
      </div>
      <div className="admin-form__actions">
        <button
          type="submit"
          className="admin-button admin-button--primary"
          disabled={busy}
          data-testid="token-create-submit"
        >
          {busy ? t('creating') : t('create')}
        </button>
        <Notice notice={notice} testid="token-create-notice" />
      </div>
    </form>
  );
}
