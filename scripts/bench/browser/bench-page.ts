/**
 * What the browser bench does inside a page: open a view, wait until it shows the log's
 * head, and time one batch from its arrival to the first frames drawn after it. Readiness
 * is read the way the browser tests read it (the map's `data-map-state`, the live
 * indicator's `data-seq`); the live store is read through the test build's hooks.
 */
import type { Browser, Page } from 'playwright-core';
import { openPage } from '../../../tests/support/browser/browser.ts';

export interface OpenedView {
  page: Page;
  errors: string[];
  /** From navigation to the map's first idle with data, ms. */
  firstIdleMs: number;
}

export async function openView(
  browser: Browser,
  url: string,
  token: string,
  head: number,
): Promise<OpenedView> {
  const opened = Date.now();
  const { page, errors } = await openPage(browser, url, { token, width: 1920, height: 1080 });
  await page.waitForSelector('[data-map-state="idle"]', { timeout: 300_000 });
  const firstIdleMs = Date.now() - opened;
  await waitForSeq(page, head);
  return { page, errors, firstIdleMs };
}

export async function waitForSeq(page: Page, seq: number): Promise<void> {
  await page.waitForFunction(
    (s) =>
      Number(document.querySelector('[data-testid="live-indicator"]')?.getAttribute('data-seq')) >=
      s,
    seq,
    { timeout: 300_000, polling: 200 },
  );
}

interface StoreHook {
  __nakhoda?: {
    store?: {
      getState(): { seq: number };
      subscribe(listener: () => void): () => void;
    };
  };
  __nkBatch?: Promise<{ messages: number }>;
}

/**
 * Arms the page for one batch that ends at seq `target`: the first commit that moves `seq`
 * marks `nk-batch-first`, the one that reaches `target` marks `nk-batch-applied`, and a
 * task after the second animation frame that follows marks `nk-batch-drawn` (deck.gl
 * updates its layers and draws in the first of those frames). `batchDone` waits for it.
 */
export async function armBatch(page: Page, target: number): Promise<void> {
  await page.evaluate((t) => {
    const w = window as unknown as StoreHook;
    const store = w.__nakhoda?.store;
    if (!store) throw new Error('no live store on window.__nakhoda: not a test build');
    let last = store.getState().seq;
    const start = last;
    let messages = 0;
    w.__nkBatch = new Promise((resolve) => {
      const unsubscribe = store.subscribe(() => {
        const { seq } = store.getState();
        if (seq === last) return;
        if (last === start) performance.mark('nk-batch-first');
        last = seq;
        messages += 1;
        if (seq < t) return;
        unsubscribe();
        performance.mark('nk-batch-applied');
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            setTimeout(() => {
              performance.mark('nk-batch-drawn');
              resolve({ messages });
            }, 0),
          ),
        );
      });
    });
  }, target);
}

/** Resolves once the armed batch is drawn; says in how many socket messages it came. */
export async function batchDone(page: Page): Promise<{ messages: number }> {
  return page.evaluate(() => {
    const w = window as unknown as StoreHook;
    if (!w.__nkBatch) throw new Error('armBatch was not called');
    return w.__nkBatch;
  });
}
