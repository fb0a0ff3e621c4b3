/** What an admin list shows while it loads, or why it could not load (with a retry). */
import type { ListState } from './use-admin-list.ts';
import { useAdminMessages } from './admin-ui.tsx';

export function ListProblem<T>({ state, retry }: { state: ListState<T>; retry: () => void }) {
  const t = useAdminMessages();
  if (state.status === 'loading')
    return (
      <p className="admin-empty" role="status">
        {t('loading')}
      </p>
    );
  if (state.status === 'error')
    return (
      <p className="admin-notice admin-notice--error" role="alert">
        {t('loadFailed', { message: state.message })}{' '}
        <button type="button" className="admin-button" onClick={retry}>
          {t('retry')}
        </button>
      </p>
    );
  return null;
}
