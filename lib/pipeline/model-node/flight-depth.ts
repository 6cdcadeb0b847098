/**
 * How many batches a model stage keeps in flight on each off-thread session. Two (one computing,
 * one prepared behind it) is enough while the JS thread answers at once, but it does not always:
 * a garbage collection, a burst of other stages' work or the OS scheduling another thread can hold
 * it for several milliseconds (up to ~10 ms measured on 2 cores), and a session whose one queued
 * batch is done by then sits idle. So each session gets enough batches queued behind the running
 * one to cover such a stall: for FastestDet at ~2.2 ms a run, six. A model whose runs take longer
 * than the stall needs no more than two, and neither does one whose queued inputs would take too
 * much memory. Batches only pile up when the line runs flat out; below that, depth adds no latency.
 */

/** The JS-thread stall the queued batches should cover. */
export const STALL_COVER_MS = 10;
/** Most batches in flight per session, however short its runs. */
export const MAX_PER_SESSION = 8;
/** Most input bytes queued per session (the running batch's not counted). */
export const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** How much of a new service time the running estimate takes in: it follows a slower machine within a few runs. */
const WEIGHT = 0.2;

export interface FlightDepth {
  /**
   * One finished run on `session`: called when it was sent and when its reply came, with its input
   * size. A run sent while an earlier one was still running is timed from that one's end.
   */
  observe(session: object, sentAt: number, endedAt: number, inputBytes: number): void;
  /** Batches to keep in flight per session: 2 until a run has been timed. */
  perSession(): number;
}

export function createFlightDepth(): FlightDepth {
  let serviceMs: number | undefined;
  let inputBytes = 0;
  const lastEnd = new WeakMap<object, number>();
  return {
    observe(session, sentAt, endedAt, bytes) {
      const from = Math.max(sentAt, lastEnd.get(session) ?? -Infinity);
      lastEnd.set(session, endedAt);
      const ms = endedAt - from;
      if (!(ms >= 0)) return;
      serviceMs = serviceMs === undefined ? ms : serviceMs + WEIGHT * (ms - serviceMs);
      inputBytes = Math.max(inputBytes, bytes);
    },
    perSession() {
      if (serviceMs === undefined) return 2;
      const forStall = 1 + Math.ceil(STALL_COVER_MS / Math.max(serviceMs, 0.01));
      const forMemory = inputBytes > 0 ? 1 + Math.floor(MAX_QUEUED_BYTES / inputBytes) : MAX_PER_SESSION;
      return Math.max(2, Math.min(forStall, forMemory, MAX_PER_SESSION));
    },
  };
}
