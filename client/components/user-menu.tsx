/**
 * The user menu any view can place in its header: who is logged in and their role, the
 * language switch, and "Keluar · Log out". Logging out ends the session on the server,
 * forgets a wall token and the answers the field app kept in this browser, and goes to the login page. It asks
 * GET /api/v1/auth/me itself (shared, once per page), so a view only writes `<UserMenu />`.
 */
import { useEffect, useRef, useState } from 'react';
import { agencyByCode } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import { apiRequest } from '../auth/api-request.ts';
import { forgetCachedAnswers } from '../auth/cached-answers.ts';
import { forgetToken } from '../auth/credentials.ts';
import { ROLE_NAMES } from '../auth/role-names.ts';
import { loadPrincipal, usePrincipal } from '../auth/use-principal.ts';
import { defineMessages, useLocale, useMessages } from '../i18n/locale.tsx';
import { loginHref } from '../views/login/next-path.ts';
import { LanguageSwitch } from './language-switch.tsx';
import './user-menu.css';

const MESSAGES = defineMessages({
  id: {
    menu: 'Menu pengguna',
    signedInAs: 'Masuk sebagai',
    agency: 'Dinas',
    language: 'Bahasa',
    home: 'Beranda',
    logout: 'Keluar',
    loggingOut: 'Keluar…',
    logoutFailed: 'Gagal keluar: {message}',
    login: 'Masuk',
    unknown: 'Tidak diketahui',
  },
  en: {
    menu: 'User menu',
    signedInAs: 'Signed in as',
    agency: 'Agency',
    language: 'Language',
    home: 'Home',
    logout: 'Log out',
    loggingOut: 'Logging out…',
    logoutFailed: 'Could not log out: {message}',
    login: 'Log in',
    unknown: 'Unknown',
  },
});

interface UserMenuProps {
  /** Names the operator's agency when given; the code is shown otherwise. */
  pack?: CityPack;
  className?: string;
}

export function UserMenu({ pack, className = '' }: UserMenuProps) {
  const t = useMessages(MESSAGES);
  const { locale } = useLocale();
  const who = usePrincipal();
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (who.status === 'unauthenticated') {
    return (
      <a className={`user-menu__login ${className}`} href={loginHref(window.location.pathname)}>
        {t('login')}
      </a>
    );
  }

  const principal = who.status === 'ready' ? who.principal : null;
  const name = principal?.name ?? (who.status === 'loading' ? '…' : t('unknown'));
  const role = principal ? ROLE_NAMES[principal.role][locale] : '';
  const agency = principal?.agency
    ? ((pack && agencyByCode(pack, principal.agency)?.short) ?? principal.agency)
    : null;

  async function logout() {
    setLeaving(true);
    setFailure(null);
    const res = await apiRequest('/api/v1/auth/logout', {
      method: 'POST',
      token: null,
      // JSON on purpose: the server refuses a logout a cross-site form could send.
      body: {},
    });
    // The token is this browser's to forget whatever the server says; the cookie is not.
    forgetToken(window.localStorage);
    await Promise.all([
      forgetCachedAnswers(),
      import('../views/field/outbox-db.ts').then((m) => m.forgetWorkCopies()),
    ]).catch(() => undefined);
    if (!res.ok && res.status === 0) {
      setLeaving(false);
      setFailure(t('logoutFailed', { message: res.message }));
      return;
    }
    await loadPrincipal(true);
    window.location.assign('/login');
  }

  return (
    <div
      ref={rootRef}
      className={`user-menu ${className}`}
      data-testid="user-menu"
      data-role={principal?.role ?? ''}
    >
      <button
        type="button"
        className="user-menu__button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={`${t('menu')}: ${name}`}
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu-button"
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="user-menu__who">
          <span className="user-menu__name" data-testid="user-menu-name">
            {name}
          </span>
          <span className="user-menu__role" data-testid="user-menu-role">
            {role}
            {agency && ` · ${agency}`}
          </span>
        </span>
        <span className="user-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="user-menu__panel" role="menu" aria-label={t('menu')}>
          <div className="user-menu__section">
            <div className="user-menu__caption">{t('signedInAs')}</div>
            <div className="user-menu__panel-name">{name}</div>
            <div className="user-menu__panel-role">
              {role}
              {agency && ` · ${t('agency')} ${agency}`}
            </div>
          </div>
          <div className="user-menu__section user-menu__row">
            <span className="user-menu__caption">{t('language')}</span>
            <LanguageSwitch />
          </div>
          <div className="user-menu__section">
            <a className="user-menu__item" href="/" role="menuitem">
              {t('home')}
            </a>
            <button
              type="button"
              className="user-menu__item user-menu__logout"
              role="menuitem"
              onClick={logout}
              disabled={leaving}
              data-testid="logout"
            >
              {leaving ? t('loggingOut') : t('logout')}
              {locale === 'id' && !leaving && <span className="user-menu__en"> · Log out</span>}
            </button>
            {failure && (
              <p className="user-menu__error" role="alert">
                {failure}
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
