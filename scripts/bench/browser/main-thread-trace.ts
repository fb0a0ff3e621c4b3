/**
 * Main-thread time from a Chromium trace (CDP tracing, as playwright's
 * `browser.startTracing` records it): the page's renderer main thread is the one that holds
 * the page's `performance.mark`s, and its busy time is the union of its top-level tasks
 * (`RunTask`). A window is given by two marks; it starts at the beginning of the task the
 * first mark falls in, so the work that led to the mark in that task is counted too.
 * Time is counted twice: as the tasks' thread (CPU) time, which does not grow when other
 * processes take the cores (2 cores shared here), and as their wall-clock length.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs: what the thread ran, not waited. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** The categories `busyBetween` needs: top-level tasks and user timing marks. */
export const TRACE_CATEGORIES = [
  'disabled-by-default-devtools.timeline',
  'devtools.timeline',
  'blink.user_timing',
  'toplevel',
];

export function parseTrace(buffer: Buffer): TraceEvent[] {
  const json = JSON.parse(buffer.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(json) ? json : json.traceEvents;
}

/** Timestamps (µs) of every mark of that name, in order. */
export function marks(events: readonly TraceEvent[], name: string): TraceEvent[] {
  return events
    .filter((e) => e.cat.includes('blink.user_timing') && e.name === name)
    .sort((a, b) => a.ts - b.ts);
}

/** The top-level tasks of the thread a mark was made on, sorted by start. */
export function tasksOfThread(events: readonly TraceEvent[], mark: TraceEvent): TraceEvent[] {
  const own = events.filter(
    (e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.dur !== undefined,
  );
  // Newer Chromium names the task RunTask; older ones only ThreadControllerImpl::RunTask.
  const runTasks = own.filter((e) => e.name === 'RunTask');
  const tasks = runTasks.length
    ? runTasks
    : own.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  return tasks.sort((a, b) => a.ts - b.ts);
}

export interface Busy {
  /** Main-thread CPU time in the window, ms (tasks' `tdur`; a task cut by the window counts pro rata). */
  cpuMs: number;
  /** Main-thread busy wall-clock time in the window, ms. */
  busyMs: number;
  /** Wall-clock length of the window, ms. */
  spanMs: number;
  /** The task the first mark fell in, ms. */
  firstTaskMs: number;
  /** How many top-level tasks ran in the window. */
  tasks: number;
}

/** Busy time of the marks' thread from the task holding `from` until the mark `to`. */
export function busyBetween(events: readonly TraceEvent[], from: TraceEvent, to: TraceEvent): Busy {
  const tasks = tasksOfThread(events, from);
  const holding = tasks.find((t) => t.ts <= from.ts && from.ts <= t.ts + (t.dur ?? 0));
  const start = holding?.ts ?? from.ts;
  let busy = 0;
  let cpu = 0;
  let count = 0;
  let coveredUntil = start;
  for (const t of tasks) {
    const s = Math.max(t.ts, coveredUntil);
    const e = Math.min(t.ts + (t.dur ?? 0), to.ts);
    if (e <= s) continue;
    // Tasks can nest (a nested run loop): count each microsecond once.
    busy += e - s;
    const dur = t.dur ?? 0;
    cpu += dur > 0 ? ((t.tdur ?? dur) * (e - s)) / dur : 0;
    coveredUntil = e;
    count += 1;
  }
  return {
    cpuMs: cpu / 1000,
    busyMs: busy / 1000,
    spanMs: (to.ts - start) / 1000,
    firstTaskMs: (holding?.dur ?? 0) / 1000,
    tasks: count,
  };
}
