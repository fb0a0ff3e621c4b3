/**
 * One user in the users table, with its actions: change role (and agency), disable or
 * enable, and reset the password. The role and password editors open in a row below.
 * The server refuses an admin locking themselves out; the row shows that refusal too.
 */
import { useState, type FormEvent } from 'react';
import { agencyByCode } from '../../../shared/city/lookup.ts';
import type { CityPack } from '../../../shared/city/types.ts';
import { USER_ROLES, type UserRole } from '../../../shared/domain/access.ts';
import { ROLE_NAMES } from '../../auth/role-names.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { updateUser, type AdminUser, type UserChange } from './admin-api.ts';
import { checkPassword, MIN_PASSWORD, splitFieldErrors } from './admin-forms.ts';
import { AgencySelect } from './agency-select.tsx';
import { Field, Notice, problemText, useAdminMessages, type NoticeState } from './admin-ui.tsx';

type Editing = 'role' | 'password' | null;
const FIELDS = ['role', 'agency', 'fieldCrew', 'password'] as const;
type FieldName = (typeof FIELDS)[number];

interface UserRowProps {
  user: AdminUser;
  pack: CityPack;
  isSelf: boolean;
  onChanged: (user: AdminUser) => void;
}

export function UserRow({ user, pack, isSelf, onChanged }: UserRowProps) {
  const t = useAdminMessages();
  const { locale } = useLocale();
  const [editing, setEditing] = useState<Editing>(null);
  const [role, setRole] = useState<UserRole>(user.role);
  const [agency, setAgency] = useState(user.agency ?? '');
  const [fieldCrew, setFieldCrew] = useState(user.fieldCrew);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const [busy, setBusy] = useState(false);
  const agencyName = user.agency ? agencyByCode(pack, user.agency) : undefined;

  function open(which: Editing) {
    setEditing(which);
    setRole(user.role);
    setAgency(user.agency ?? '');
    setFieldCrew(user.fieldCrew);
    setPassword('');
    setErrors({});
    setNotice(null);
  }

  async function send(change: UserChange, done: string) {
    setBusy(true);
    setNotice(null);
    const res = await updateUser(user.id, change);
    setBusy(false);
    if (!res.ok) {
      const split = splitFieldErrors(res, FIELDS);
      setErrors(split.fields);
      setNotice({ kind: 'error', text: split.general ?? t('fixFields') });
      return;
    }
    setEditing(null);
    setErrors({});
    setNotice({ kind: 'ok', text: done });
    onChanged(res.data.user);
  }

  function saveRole(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (role === 'agency' && !agency) {
      setErrors({ agency: problemText(t, 'agencyRequired') });
      return;
    }
    void send(
      {
        role,
        agency: role === 'agency' ? agency : null,
        fieldCrew: role === 'agency' && fieldCrew,
      },
      t('roleChanged', { user: user.username }),
    );
  }

  function savePassword(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const p = checkPassword(password);
    if (p) {
      setErrors({ password: problemText(t, p) });
      return;
    }
    void send({ password }, t('passwordReset', { user: user.username }));
  }

  return (
    <>
      <tr data-testid="user-row" data-username={user.username} data-disabled={user.disabled}>
        <td className="admin-table__mono">
          {user.username}
          {isSelf && <span className="admin-badge">{t('you')}</span>}
          {user.fieldCrew && (
            <span className="admin-badge" data-testid="user-field-crew-badge">
              {t('fieldCrew')}
            </span>
          )}
        </td>
        <td>{user.name}</td>
        <td data-testid="user-role">{ROLE_NAMES[user.role][locale]}</td>
        <td>
          {agencyName
            ? `${agencyName.short} · ${agencyName.name[locale]}`
            : (user.agency ?? t('noAgency'))}
        </td>
        <td>
          <span
            className={`admin-state admin-state--${user.disabled ? 'off' : 'on'}`}
            data-testid="user-status"
          >
            <span aria-hidden="true">{user.disabled ? '⊘' : '●'}</span>{' '}
            {user.disabled ? t('disabled') : t('active')}
          </span>
        </td>
        <td className="admin-table__actions">
          <button
            type="button"
            className="admin-button"
            onClick={() => open(editing === 'role' ? null : 'role')}
            disabled={isSelf}
          >
            {t('changeRole')}
          </button>
          <button
            type="button"
            className="admin-button"
            disabled={isSelf || busy}
            data-testid="user-toggle"
            onClick={() =>
              send(
                { disabled: !user.disabled },
                t(user.disabled ? 'userEnabled' : 'userDisabled', { user: user.username }),
              )
            }
          >
            {user.disabled ? t('enable') : t('disable')}
          </button>
          <button
            type="button"
            className="admin-button"
            onClick={() => open(editing === 'password' ? null : 'password')}
          >
            {t('resetPassword')}
          </button>
        </td>
      </tr>
      {(editing || notice) && (
        <tr className="admin-table__sub">
          <td colSpan={6}>
            {editing === 'role' && (
              <form className="admin-inline" onSubmit={saveRole} noValidate>
                <Field label={t('role')} name="role" error={errors.role}>
                  <select
                    name="role"
                    value={role}
                    onChange={(e) => setRole(e.target.value as UserRole)}
                  >
                    {USER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_NAMES[r][locale]}
                      </option>
                    ))}
                  </select>
                </Field>
                {role === 'agency' && (
                  <Field label={t('agency')} name="agency" error={errors.agency}>
                    <AgencySelect
                      pack={pack}
                      name="agency"
                      value={agency}
                      onChange={setAgency}
                      placeholder={t('chooseAgency')}
                      invalid={Boolean(errors.agency)}
                    />
                  </Field>
                )}
                {role === 'agency' && (
                  <Field label={t('fieldCrew')} name="fieldCrew" error={errors.fieldCrew}>
                    <span className="admin-check">
                      <input
                        type="checkbox"
                        name="fieldCrew"
                        checked={fieldCrew}
                        onChange={(e) => setFieldCrew(e.target.checked)}
                        data-testid="user-field-crew"
                      />
                      {t('fieldCrewCheck')}
                    </span>
                  </Field>
                )}
                <button
                  type="submit"
                  className="admin-button admin-button--primary"
                  disabled={busy}
                >
                  {busy ? t('saving') : t('save')}
                </button>
                <button type="button" className="admin-button" onClick={() => open(null)}>
                  {t('cancel')}
                </button>
              </form>
            )}
            {editing === 'password' && (
              <form className="admin-inline" onSubmit={savePassword} noValidate>
                <Field
                  label={t('newPassword')}
                  name="password"
                  error={errors.password}
                  hint={t('passwordHint', { n: MIN_PASSWORD })}
                >
                  <input
                    name="password"
                    type="password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    autoComplete="new-password"
                    maxLength={256}
                    aria-invalid={errors.password ? true : undefined}
                  />
                </Field>
                <button
                  type="submit"
                  className="admin-button admin-button--primary"
                  disabled={busy}
                >
                  {busy ? t('saving') : t('save')}
                </button>
                <button type="button" className="admin-button" onClick={() => open(null)}>
                  {t('cancel')}
                </button>
              </form>
            )}
            <Notice notice={notice} testid="user-row-notice" />
          </td>
        </tr>
      )}
    </>
  );
}
