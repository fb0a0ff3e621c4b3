/**
 * When the server hangs up a socket (logout elsewhere, a password reset, changed rights,
 * a revoked or expired token), socket.io-client does not reconnect by itself. This asks
 * once more with a fresh handshake: changed rights come back with the new ones; an
 * ended session is sent to the login page; an ended token leaves the screen saying STALE.
 */
import type { LiveSocket } from './live-store.ts';

export function followServerHangups(
  socket: LiveSocket,
  opts: { usesSession: boolean; toLogin: () => void; retryMs?: number },
): () => void {
  let hungUp = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onDisconnect = (reason: string) => {
    if (reason !== 'io server disconnect') return;
    hungUp = true;
    timer = setTimeout(() => socket.connect(), opts.retryMs ?? 1000);
  };
  const onConnectError = (err: Error) => {
    if (hungUp && opts.usesSession && err.message === 'unauthenticated') opts.toLogin();
  };
  const onConnect = () => {
    hungUp = false;
  };
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  socket.on('connect', onConnect);
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
    socket.off('connect', onConnect);
  };
}
