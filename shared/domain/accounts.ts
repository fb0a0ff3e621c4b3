/**
 * Users and tokens as the admin API returns them: the server's auth store produces these
 * and the admin page reads them. Secrets never appear here, only their metadata.
 */
import type { Role, UserRole } from './access.ts';
import type { Source } from './types.ts';

export type TokenKind = 'api' | 'display' | 'ingest';

export interface UserAccount {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  agency: string | null;
  /** An agency user who works in the field (the /field page, a wider backdating bound). */
  fieldCrew: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface TokenRecord {
  id: string;
  kind: TokenKind;
  role: Role;
  label: string;
  agency: string | null;
  source: Source | null;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
}
