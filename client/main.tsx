/**
 * The browser entry: the one place with side effects. It opens the socket, creates the
 * live store on it, and mounts the app; everything below receives them as props.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { io } from 'socket.io-client';
import { App } from './app.tsx';
import { LocaleProvider } from './i18n/locale.tsx';
import { adoptTokenFromUrl, storedToken } from './auth/credentials.ts';
import { createLiveStore, type LiveSocket } from './live/live-store.ts';
import { exposeForTests } from './test-hooks.ts';
import './styles.css';

adoptTokenFromUrl(window.location, window.history, window.localStorage);
const token = storedToken(window.localStorage);

// Without a token the handshake carries the session cookie, as HTTP requests do.
const socket: LiveSocket = io({
  transports: ['websocket', 'polling'],
  auth: token ? { token } : {},
});
const store = createLiveStore({ socket });
exposeForTests({ store });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LocaleProvider>
      <App store={store} token={token} path={window.location.pathname} />
    </LocaleProvider>
  </StrictMode>,
);
