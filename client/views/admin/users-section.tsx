/** The users part of the admin page: the table of people and the form to add one. */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Principal } from '../../../shared/domain/access.ts';
import { listUsers, type AdminUser } from './admin-api.ts';
import { ListProblem } from './list-problem.tsx';
import { UserCreateForm } from './user-create-form.tsx';
import { UserRow } from './user-row.tsx';
import { useAdminMessages } from './admin-ui.tsx';
import { useAdminList } from './use-admin-list.ts';

const loadUsers = async (signal: AbortSignal) => {
  const res = await listUsers(signal);
  return res.ok ? { ...res, data: res.data.users } : res;
};

export function UsersSection({ pack, me }: { pack: CityPack; me: Principal }) {
  const t = useAdminMessages();
  const { state, retry, upsert } = useAdminList<AdminUser>(loadUsers);

  return (
    <section className="admin-section" aria-labelledby="admin-users" data-testid="admin-users">
      <h2 id="admin-users" className="admin-section__title">
        {t('users')}
        {state.status === 'ready' && (
          <span className="admin-section__count">{state.items.length}</span>
        )}
      </h2>
      <UserCreateForm pack={pack} onCreated={upsert} />
      {state.status !== 'ready' ? (
        <ListProblem state={state} retry={retry} />
      ) : state.items.length === 0 ? (
        <p className="admin-empty">{t('noUsers')}</p>
      ) : (
        <div className="admin-table__wrap">
          <table className="admin-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('username')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('agency')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  pack={pack}
                  isSelf={me.kind === 'user' && me.id === u.id}
                  onChanged={upsert}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
