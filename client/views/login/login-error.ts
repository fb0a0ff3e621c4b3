/**
 * Turns a refused login into what the person should read: wrong credentials, slow down
 * (with the wait when the server says it), the server is unreachable, or the server failed.
 */
import type { ApiFailure } from '../../auth/api-request.ts';
import type { LoginMessage } from './login.messages.ts';

export interface LoginProblem {
  /** Stable for tests and styles: bad_credentials, rate_limited, network, server, refused. */
  code: 'bad_credentials' | 'rate_limited' | 'network' | 'server' | 'refused';
  message: LoginMessage;
  vars?: Record<string, string | number>;
}

export function loginProblem(
  f: Pick<ApiFailure, 'status' | 'message' | 'retryAfterS'>,
): LoginProblem {
  if (f.status === 0) return { code: 'network', message: 'serverDown' };
  if (f.status === 401) return { code: 'bad_credentials', message: 'wrongCredentials' };
  if (f.status === 429) {
    return f.retryAfterS
      ? { code: 'rate_limited', message: 'rateLimitedFor', vars: { s: f.retryAfterS } }
      : { code: 'rate_limited', message: 'rateLimited' };
  }
  if (f.status >= 500)
    return { code: 'server', message: 'serverError', vars: { status: f.status } };
  return { code: 'refused', message: 'refused', vars: { message: f.message } };
}
