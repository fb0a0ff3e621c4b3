/**
 * Preloaded into the soak's server process (`node --expose-gc --import tsx --import <this>`),
 * so the server's V8 heap can be read without a line of server code: on the IPC message
 * `memory` it answers `process.memoryUsage()`, then the same after a full collection (what
 * the server still holds: garbage cannot be told from a leak without it). Nothing runs between requests; the IPC channel is
 * unref'd so it never keeps the server alive, and a soak that dies takes its server along.
 */
process.on('message', (msg: unknown) => {
  if (msg !== 'memory') return;
  const usage = process.memoryUsage();
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ type: 'memory', usage, afterGc: process.memoryUsage() });
});
// When the soak that started this server goes away, so does the server (it drains first).
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
process.channel?.unref();
