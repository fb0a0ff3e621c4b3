/**
 * The login page. It renders on its own, before and without the city pack (which needs a
 * login to fetch). On success it forgets any wall token this browser held, so the new
 * session is what the server sees, and reloads into the `?next=` path so the live
 * socket's handshake carries the new cookie.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { apiRequest } from '../../auth/api-request.ts';
import { forgetCachedAnswers } from '../../auth/cached-answers.ts';
import { forgetToken } from '../../auth/credentials.ts';
import { loadPrincipal, type PrincipalState } from '../../auth/use-principal.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useMessages } from '../../i18n/locale.tsx';
import { loginProblem, type LoginProblem } from './login-error.ts';
import { LOGIN_MESSAGES } from './login.messages.ts';
import { safeNextPath } from './next-path.ts';
import './login.css';

type FieldName = 'username' | 'password';

export function LoginPage() {
  const t = useMessages(LOGIN_MESSAGES);
  const [next] = useState(() =>
    safeNextPath(new URLSearchParams(window.location.search).get('next')),
  );
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [who, setWho] = useState<PrincipalState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    loadPrincipal().then((s) => {
      if (live) setWho(s);
    });
    return () => {
      live = false;
    };
  }, []);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const missing: Partial<Record<FieldName, string>> = {};
    if (!username.trim()) missing.username = t('required');
    if (!password) missing.password = t('required');
    setFieldErrors(missing);
    setProblem(null);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    const res = await apiRequest('/api/v1/auth/login', {
      method: 'POST',
      body: { username: username.trim(), password },
      // A wall token in this browser must not stand in for the person logging in.
      token: null,
    });
    if (res.ok) {
      forgetToken(window.localStorage);
      // Whatever the field app kept for whoever used this browser before is not this person's.
      await forgetCachedAnswers().catch(() => undefined);
      window.location.assign(next);
      return;
    }
    setBusy(false);
    setFieldErrors({ username: res.fields.username, password: res.fields.password });
    setProblem(loginProblem(res));
  }

  return (
    <main className="login" data-testid="login-page">
      <div className="login__card">
        <header className="login__header">
          <div>
            <div className="login__product">Nakhoda</div>
            <div className="login__tagline">{t('tagline')}</div>
          </div>
          <LanguageSwitch />
        </header>
        {who.status === 'ready' && (
          <p className="login__already" data-testid="login-already">
            {t('alreadyIn', { name: who.principal.name })} <a href={next}>{t('continue')} →</a>
          </p>
        )}
        <form className="login__form" onSubmit={submit} noValidate aria-busy={busy}>
          <h1 className="login__title">{t('title')}</h1>
          <label className="login__field">
            <span className="login__label">{t('username')}</span>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={fieldErrors.username ? true : undefined}
              maxLength={64}
              autoFocus
            />
            {fieldErrors.username && (
              <span className="login__field-error" data-testid="login-username-error">
                {fieldErrors.username}
              </span>
            )}
          </label>
          <label className="login__field">
            <span className="login__label">{t('password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              maxLength={256}
            />
            {fieldErrors.password && (
              <span className="login__field-error" data-testid="login-password-error">
                {fieldErrors.password}
              </span>
            )}
          </label>
          {problem && (
            <p
              className="login__error"
              role="alert"
              data-testid="login-error"
              data-code={problem.code}
            >
              <span className="login__error-icon" aria-hidden="true">
                !
              </span>
              {t(problem.message, problem.vars)}
            </p>
          )}
          <button
            type="submit"
            className="login__submit"
            disabled={busy}
            data-testid="login-submit"
          >
            {busy ? t('submitting') : t('submit')}
          </button>
          {next !== '/' && <p className="login__next">{t('afterLogin', { path: next })}</p>}
        </form>
        <p className="login__hint">{t('wallHint')}</p>
      </div>
    </main>
  );
}
