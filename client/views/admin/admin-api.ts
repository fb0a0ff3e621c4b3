/**
 * The admin page's calls to /api/v1/admin: users, tokens and Open311 connectors, listed,
 * created, changed and revoked (or deleted), and wall pairing codes issued. Every call returns the server's refusal as a value (see api-request.ts) so the
 * forms can show each field's message beside that field.
 */
import type { UserRole } from '../../../shared/domain/access.ts';
import type {
  ConnectorChanges,
  ConnectorView,
  NewConnector,
} from '../../../shared/domain/connectors.ts';
import type { TokenRecord, UserAccount } from '../../../shared/domain/accounts.ts';
import type { WallPairing } from '../../../shared/domain/pairing.ts';
import type { Source } from '../../../shared/domain/types.ts';
import { apiRequest, type ApiResult } from '../../auth/api-request.ts';

export type { TokenKind } from '../../../shared/domain/accounts.ts';
export type AdminUser = UserAccount;
export type AdminToken = TokenRecord;

export interface NewUser {
  username: string;
  name: string;
  role: UserRole;
  agency: string | null;
  fieldCrew?: boolean;
  password: string;
}

export interface UserChange {
  role?: UserRole;
  agency?: string | null;
  fieldCrew?: boolean;
  disabled?: boolean;
  password?: string;
}

export type NewToken =
  | { kind: 'display'; label: string }
  | { kind: 'ingest'; label: string; source: Source }
  | { kind: 'api'; label: string; role: UserRole; agency?: string };

const BASE = '/api/v1/admin';

export const listUsers = (signal?: AbortSignal): Promise<ApiResult<{ users: AdminUser[] }>> =>
  apiRequest(`${BASE}/users`, { signal });

export const createUser = (user: NewUser): Promise<ApiResult<{ user: AdminUser }>> =>
  apiRequest(`${BASE}/users`, { method: 'POST', body: user });

export const updateUser = (
  id: string,
  change: UserChange,
): Promise<ApiResult<{ user: AdminUser }>> =>
  apiRequest(`${BASE}/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: change });

export const listTokens = (signal?: AbortSignal): Promise<ApiResult<{ tokens: AdminToken[] }>> =>
  apiRequest(`${BASE}/tokens`, { signal });

/**
 * An API token's or ingest key's secret is in this answer only; the server keeps just its
 * hash. A wall display token comes with a one-time pairing code instead, never a secret.
 */
export type CreatedToken =
  { token: AdminToken; secret: string } | { token: AdminToken; pairing: WallPairing };

export const createToken = (token: NewToken): Promise<ApiResult<CreatedToken>> =>
  apiRequest(`${BASE}/tokens`, { method: 'POST', body: token });

/** A fresh pairing code for a display token, to pair (again) the wall it belongs on. */
export const pairToken = (
  id: string,
): Promise<ApiResult<{ token: AdminToken; pairing: WallPairing }>> =>
  apiRequest(`${BASE}/tokens/${encodeURIComponent(id)}/pairing`, { method: 'POST' });

export const revokeToken = (id: string): Promise<ApiResult<{ token: AdminToken }>> =>
  apiRequest(`${BASE}/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

export type {
  ConnectorCounts,
  ConnectorHealth,
  ConnectorStatus,
  NewConnector,
} from '../../../shared/domain/connectors.ts';
/** A connector as the admin API answers it (the remote key is write-only). */
export type AdminConnector = ConnectorView;
export type ConnectorChange = ConnectorChanges;

export const listConnectors = (
  signal?: AbortSignal,
): Promise<ApiResult<{ connectors: AdminConnector[] }>> =>
  apiRequest(`${BASE}/connectors`, { signal });

export const createConnector = (
  connector: NewConnector,
): Promise<ApiResult<{ connector: AdminConnector }>> =>
  apiRequest(`${BASE}/connectors`, { method: 'POST', body: connector });

export const updateConnector = (
  id: string,
  change: ConnectorChange,
): Promise<ApiResult<{ connector: AdminConnector }>> =>
  apiRequest(`${BASE}/connectors/${encodeURIComponent(id)}`, { method: 'PATCH', body: change });

export const deleteConnector = (id: string): Promise<ApiResult<{ connector: AdminConnector }>> =>
  apiRequest(`${BASE}/connectors/${encodeURIComponent(id)}`, { method: 'DELETE' });
