/**
 * Times the log's writes for /metrics without the stores knowing, and counts the reports
 * this node appended: every Store (SQLite, PostgreSQL) is wrapped the same way, once, and
 * everything but the two appends passes straight through, including methods added later.
 * Reports are counted here rather than from the live projection, which also applies what
 * other nodes wrote: summed over nodes, the counter is then the cluster's intake.
 */
import type { Store } from '../log/store.ts';
import type { Metrics } from './metrics.ts';

const instrumented = new WeakSet<Store>();

export function instrumentStore(store: Store, metrics: Metrics): Store {
  // Wrapping twice would count every append twice.
  if (instrumented.has(store)) return store;
  const timed = <T>(op: 'append' | 'batch', run: () => Promise<T>): Promise<T> => {
    const end = metrics.appendSeconds.startTimer({ op });
    return run().finally(() => end());
  };
  const append: Store['append'] = async (events, opts) => {
    const result = await timed('append', () => store.append(events, opts));
    if (result.status === 'appended') metrics.countReports(result.events);
    return result;
  };
  const appendBatch: Store['appendBatch'] = async (items) => {
    // A group of nothing but repeats commits nothing: not a group size.
    if (items.length > 0) metrics.appendGroupSize.observe(items.length);
    const results = await timed('batch', () => store.appendBatch(items));
    for (const r of results) if (r.status === 'appended') metrics.countReports(r.events);
    return results;
  };
  const bound = new Map<PropertyKey, unknown>();
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'append') return append;
      if (prop === 'appendBatch') return appendBatch;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      // Class-based stores need `this` to be the store itself, not the proxy.
      if (!bound.has(prop)) bound.set(prop, value.bind(target));
      return bound.get(prop);
    },
  });
  instrumented.add(proxy);
  return proxy;
}
