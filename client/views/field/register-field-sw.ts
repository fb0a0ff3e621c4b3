/**
 * Installs /field as an app that opens without signal: registers the service worker
 * vite-plugin-pwa builds (precached app shell, the crew's last answers to the reads the
 * page starts with; see vite.config.ts), once, from the field page only, so the wall, /ops
 * and the briefing are never served from a cache. A new version takes over on the next
 * start. Where the browser has no service workers the page works online as before; in
 * development the plugin's module registers nothing.
 */
import { apiRequest } from '../../auth/api-request.ts';
import { FIELD_START_READS } from '../../auth/cached-answers.ts';

let registered = false;

export function registerFieldWorker(): void {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  // The first time the worker takes over, the page has already made its start reads: make
  // them again through the worker, so the next start without signal finds them.
  navigator.serviceWorker.addEventListener('controllerchange', () => void warmStartReads(), {
    once: true,
  });
  void import('virtual:pwa-register')
    .then(({ registerSW }) =>
      registerSW({
        immediate: true,
        onRegisterError: (err: unknown) => console.warn('field service worker refused:', err),
      }),
    )
    .catch((err: unknown) => {
      // Without the worker the page still works while there is signal: say why, go on.
      console.warn('field service worker not registered:', err);
    });
}

async function warmStartReads(): Promise<void> {
  await Promise.all(FIELD_START_READS.map((path) => apiRequest(path)));
}
