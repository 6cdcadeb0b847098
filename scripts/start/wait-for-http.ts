/** Polls a URL until it answers 200, the deadline passes, or the given process exits. */
import type { ChildProcess } from 'node:child_process';

export async function waitForHttp(url: string, { timeoutMs, watch }: { timeoutMs: number; watch: ChildProcess }): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && watch.exitCode === null && watch.signalCode === null) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
