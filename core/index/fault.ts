/**
 * A crash on purpose, for the crash tests only. DOCQA_FAULT_AT names a step (`save:renamed`) or its
 * n-th occurrence (`ingest:converted#2`); when the process reaches it, it SIGKILLs itself: no
 * finally blocks, no exit handlers, no buffered writes flushed, as after `kill -9` or the OOM killer.
 * Unset (always, outside tests) this is one environment read per step.
 */
const seen = new Map<string, number>();

export function faultPoint(step: string): void {
  const at = process.env.DOCQA_FAULT_AT;
  if (!at) return;
  const count = (seen.get(step) ?? 0) + 1;
  seen.set(step, count);
  if (at === step || at === `${step}#${count}`) process.kill(process.pid, 'SIGKILL');
}
