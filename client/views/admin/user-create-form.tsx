/**
 * The "add a user" form. It checks what the server would refuse before sending, and
 * shows each message the server still returns beside the field it names.
 */
import { useState, type FormEvent } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import { USER_ROLES, type UserRole } from '../../../shared/domain/access.ts';
import { ROLE_NAMES } from '../../auth/role-names.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { createUser, type AdminUser } from './admin-api.ts';
import {
  checkNewUser,
  MIN_PASSWORD,
  newUserBody,
  splitFieldErrors,
  type NewUserForm,
} from './admin-forms.ts';
import { AgencySelect } from './agency-select.tsx';
import { Field, Notice, problemText, useAdminMessages, type NoticeState } from './admin-ui.tsx';

const FIELDS = ['username', 'name', 'role', 'agency', 'fieldCrew', 'password'] as const;
type FieldName = (typeof FIELDS)[number];

const EMPTY: NewUserForm = {
  username: '',
  name: '',
  role: 'viewer',
  agency: '',
  fieldCrew: false,
  password: '',
};

export function UserCreateForm({
  pack,
  onCreated,
}: {
  pack: CityPack;
  onCreated: (u: AdminUser) => void;
}) {
  const t = useAdminMessages();
  const { locale } = useLocale();
  const [form, setForm] = useState<NewUserForm>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof NewUserForm>(key: K, value: NewUserForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setNotice(null);
    const problems = checkNewUser(form);
    const local: Partial<Record<FieldName, string>> = {};
    for (const [k, p] of Object.entries(problems)) local[k as FieldName] = problemText(t, p);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setNotice({ kind: 'error', text: t('fixFields') });
      return;
    }
    setBusy(true);
    const res = await createUser(newUserBody(form));
    setBusy(false);
    if (!res.ok) {
      const split = splitFieldErrors(res, FIELDS);
      setErrors(split.fields);
      setNotice({ kind: 'error', text: split.general ?? t('fixFields') });
      return;
    }
    setForm(EMPTY);
    setErrors({});
    setNotice({ kind: 'ok', text: t('created', { what: res.data.user.username }) });
    onCreated(res.data.user);
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="user-create-form">
      <h3 className="admin-form__title">{t('newUser')}</h3>
      <div className="admin-form__grid">
        <Field label={t('username')} name="username" error={errors.username}>
          <input
            name="username"
            value={form.username}
            onChange={(e) => set('username', e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            aria-invalid={errors.username ? true : undefined}
          />
        </Field>
        <Field label={t('name')} name="name" error={errors.name}>
          <input
            name="name"
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            autoComplete="off"
            maxLength={120}
            aria-invalid={errors.name ? true : undefined}
          />
        </Field>
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
        {form.role === 'agency' && (
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
        {form.role === 'agency' && (
          <Field
            label={t('fieldCrew')}
            name="fieldCrew"
            error={errors.fieldCrew}
            hint={t('fieldCrewHint')}
          >
            <span className="admin-check">
              <input
                type="checkbox"
                name="fieldCrew"
                checked={form.fieldCrew}
                onChange={(e) => set('fieldCrew', e.target.checked)}
                data-testid="user-field-crew"
              />
              {t('fieldCrewCheck')}
            </span>
          </Field>
        )}
        <Field
          label={t('password')}
          name="password"
          error={errors.password}
          hint={t('passwordHint', { n: MIN_PASSWORD })}
        >
          <input
            name="password"
            type="password"
            value={form.password}
            onChange={(e) => set('password', e.target.value)}
            autoComplete="new-password"
            maxLength={256}
            aria-invalid={errors.password ? true : undefined}
          />
        </Field>
      </div>
      <div className="admin-form__actions">
        <button
          type="submit"
          className="admin-button admin-button--primary"
          disabled={busy}
          data-testid="user-create-submit"
        >
          {busy ? t('creating') : t('create')}
        </button>
        <Notice notice={notice} testid="user-create-notice" />
      </div>
    </form>
  );
}
