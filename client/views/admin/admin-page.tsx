/**
 * /admin: users, wall display tokens, ingest keys and API tokens, Open311 connectors and
 * alert notifications, for administrators.
 * Everyone else sees a plain 403 message saying who they are logged in as; the server
 * refuses every admin call from them anyway.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Principal } from '../../../shared/domain/access.ts';
import { ROLE_NAMES } from '../../auth/role-names.ts';
import { usePrincipal } from '../../auth/use-principal.ts';
import { UserMenu } from '../../components/user-menu.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { loginHref } from '../login/next-path.ts';
import type { LiveStore } from '../../live/live-store.ts';
import { useAdminMessages } from './admin-ui.tsx';
import { BriefingSchedulesSection } from './briefing-schedules-section.tsx';
import { ConnectorsSection } from './connectors-section.tsx';
import { NotificationsSection } from './notifications-section.tsx';
import { TokensSection } from './tokens-section.tsx';
import { UsersSection } from './users-section.tsx';
import './admin.css';
import './admin-tables.css';

function Forbidden({ principal }: { principal: Principal }) {
  const t = useAdminMessages();
  const { locale } = useLocale();
  return (
    <div className="admin-forbidden" role="alert" data-testid="admin-forbidden">
      <span className="admin-forbidden__code" aria-hidden="true">
        403
      </span>
      <h1 className="admin-forbidden__title">{t('forbiddenTitle')}</h1>
      <p>{t('forbiddenText')}</p>
      <p className="admin-forbidden__who">
        {t('forbiddenWho', { name: principal.name, role: ROLE_NAMES[principal.role][locale] })}
      </p>
      <a className="admin-button admin-button--primary" href="/">
        {t('forbiddenBack')}
      </a>
    </div>
  );
}

// The store is part of every view's props; the admin page shows no live data.
export function AdminPage({ pack }: { pack: CityPack; store: LiveStore }) {
  const t = useAdminMessages();
  const who = usePrincipal();

  return (
    <div className="admin" data-testid="admin-page">
      <header className="admin__bar">
        <a className="admin__brand" href="/">
          Nakhoda
        </a>
        <div className="admin__heading">
          <span className="admin__title">{t('title')}</span>
          <span className="admin__subtitle">{t('subtitle')}</span>
        </div>
        <nav className="admin__nav">
          <a href="/">{t('home')}</a>
        </nav>
        <UserMenu pack={pack} />
      </header>
      <main className="admin__main">
        {who.status === 'loading' && (
          <p className="admin-empty" role="status">
            {t('checking')}
          </p>
        )}
        {who.status === 'error' && (
          <p className="admin-notice admin-notice--error" role="alert">
            {t('loadFailed', { message: who.message })}
          </p>
        )}
        {who.status === 'unauthenticated' && (
          <p className="admin-notice admin-notice--error" role="alert">
            <a href={loginHref('/admin')}>{t('loginAgain')}</a>
          </p>
        )}
        {who.status === 'ready' && who.principal.role !== 'admin' && (
          <Forbidden principal={who.principal} />
        )}
        {who.status === 'ready' && who.principal.role === 'admin' && (
          <>
            <UsersSection pack={pack} me={who.principal} />
            <TokensSection pack={pack} />
            <ConnectorsSection pack={pack} />
            <NotificationsSection pack={pack} />
            <BriefingSchedulesSection pack={pack} />
          </>
        )}
      </main>
    </div>
  );
}
