/**
 * A jsdom window installed as the globals of a node-environment test, for a test that
 * renders the admin page against the real server started in the same process. Vitest's
 * jsdom environment transforms modules as for a browser, which rewrites the server's
 * `new URL('./migrations', import.meta.url)` into an asset path; here the server's modules
 * load as in Node and the page renders in a real DOM. Node's own globals (URL, fetch,
 * AbortController, timers) are kept; what only a browser has comes from jsdom. React DOM
 * must be imported after this (it looks for `document` when it loads).
 */
import { createRequire } from 'node:module';

interface JsdomWindow {
  document: Document;
  navigator: Navigator;
  close(): void;
}
type Jsdom = new (
  html: string,
  options: { url: string; pretendToBeVisual: boolean },
) => { window: JsdomWindow };

// jsdom ships no types of its own; this is the little of it used here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: Jsdom };

export function installDom(url = 'http://localhost/'): () => void {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
    url,
    pretendToBeVisual: true,
  });
  const own = window as unknown as Record<string, unknown>;
  const g = globalThis as Record<string, unknown>;
  const set = (key: string, value: unknown) =>
    Object.defineProperty(g, key, { value, configurable: true, writable: true });
  const added: string[] = [];
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in g || key.startsWith('_')) continue;
    set(key, own[key]);
    added.push(key);
  }
  for (const key of ['window', 'document', 'navigator']) {
    set(key, key === 'window' ? window : own[key]);
    added.push(key);
  }
  set('IS_REACT_ACT_ENVIRONMENT', true);
  return () => {
    for (const key of added) delete g[key];
    window.close();
  };
}
