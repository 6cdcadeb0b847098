import { describe, expect, it } from 'vitest';
import { createFlightDepth, MAX_PER_SESSION, MAX_QUEUED_BYTES, STALL_COVER_MS } from './flight-depth';

/** `count` back-to-back runs of `ms` each on one session, every one sent before the previous ended. */
function queuedRuns(depth: ReturnType<typeof createFlightDepth>, session: object, ms: number, count: number, bytes: number): void {
  for (let i = 0; i < count; i++) depth.observe(session, i * ms - ms / 2, (i + 1) * ms, bytes);
}

const FASTESTDET_INPUT = 3 * 352 * 352 * 4;

describe('createFlightDepth', () => {
  it('given no run timed yet, when asked, then it keeps one batch computing and one prepared', () => {
    expect(createFlightDepth().perSession()).toBe(2);
  });

  it('given runs of 2.2 ms queued back to back, when asked, then enough batches wait behind the running one to cover the stall', () => {
    const depth = createFlightDepth();
    queuedRuns(depth, {}, 2.2, 20, FASTESTDET_INPUT);
    // Timed from the previous run's end, not from when each was sent: 2.2 ms each, so 1 + ceil(10 / 2.2).
    expect(depth.perSession()).toBe(1 + Math.ceil(STALL_COVER_MS / 2.2));
    expect(depth.perSession()).toBe(6);
  });

  it('given runs longer than the stall, when asked, then two are enough', () => {
    const depth = createFlightDepth();
    queuedRuns(depth, {}, 30, 5, 8 * 128 * 128 * 4);
    expect(depth.perSession()).toBe(2);
  });

  it('given very short runs, when asked, then the depth stops at its cap', () => {
    const depth = createFlightDepth();
    queuedRuns(depth, {}, 0.05, 50, 1024);
    expect(depth.perSession()).toBe(MAX_PER_SESSION);
  });

  it('given short runs on inputs so large that the queue would pass the memory cap, when asked, then the memory cap wins', () => {
    const depth = createFlightDepth();
    const batchBytes = 8 * 3 * 1024 * 1024 * 4; // 8 frames of 1024×1024 RGB: 96 MiB a batch
    queuedRuns(depth, {}, 1, 10, batchBytes);
    expect(batchBytes).toBeGreaterThan(MAX_QUEUED_BYTES);
    expect(depth.perSession()).toBe(2);
  });

  it('given runs that slow down from 2 ms to 12 ms, when asked after each phase, then the depth follows them down', () => {
    const depth = createFlightDepth();
    queuedRuns(depth, {}, 2, 20, FASTESTDET_INPUT);
    const fast = depth.perSession();
    const session = {};
    for (let i = 0; i < 20; i++) depth.observe(session, 1000 + i * 12, 1000 + (i + 1) * 12, FASTESTDET_INPUT);
    expect(fast).toBe(6);
    expect(depth.perSession()).toBe(2);
  });

  it('given two sessions whose runs overlap in time, when each is timed, then each is timed from its own previous run', () => {
    const depth = createFlightDepth();
    const [a, b] = [{}, {}];
    // Both sent at 0; a's runs end every 4 ms, b's every 4 ms offset by 2: per-session service time 4 ms.
    for (let i = 0; i < 10; i++) {
      depth.observe(a, 0, 4 * (i + 1), 1024);
      depth.observe(b, 0, 4 * (i + 1) + 2, 1024);
    }
    expect(depth.perSession()).toBe(1 + Math.ceil(STALL_COVER_MS / 4));
  });
});
