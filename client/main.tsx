/**
 * The browser entry: the one place with side effects. A wall opened with a pairing code
 * first trades it for its token; then this opens the socket, creates the live store on
 * it, and mounts the app; everything below receives them as props.
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { io } from 'socket.io-client';
import { App } from './app.tsx';
import { LocaleProvider } from './i18n/locale.tsx';
import { storedToken } from './auth/credentials.ts';
import { pairingCodeFromUrl, pairWall } from './auth/wall-pairing.ts';
import { createLiveStore, type LiveSocket } from './live/live-store.ts';
import { followServerHangups } from './live/server-hangup.ts';
import { exposeForTests } from './test-hooks.ts';
import { WallPairingScreen } from './views/wall/wall-pairing-screen.tsx';
import './styles.css';

function mountApp(root: Root): void {
  const token = storedToken(window.localStorage);
  // Without a token the handshake carries the session cookie, as HTTP requests do.
  const socket: LiveSocket = io({
    transports: ['websocket', 'polling'],
    auth: token ? { token } : {},
  });
  const store = createLiveStore({ socket });
  followServerHangups(socket, {
    usesSession: !token,
    toLogin: () => {
      const here = window.location.pathname + window.location.search;
      window.location.assign(`/login?next=${encodeURIComponent(here)}`);
    },
  });
  exposeForTests({ store });
  root.render(
    <StrictMode>
      <LocaleProvider>
        <App store={store} token={token} path={window.location.pathname} />
      </LocaleProvider>
    </StrictMode>,
  );
}

async function start(root: Root): Promise<void> {
  const code = pairingCodeFromUrl(window.location);
  if (code) {
    root.render(<WallPairingScreen problem={null} />);
    const paired = await pairWall(code, window.location, window.history, window.localStorage);
    if (!paired.ok) {
      root.render(<WallPairingScreen problem={paired.problem} />);
      return;
    }
  }
  mountApp(root);
}

const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element');
void start(createRoot(element));
