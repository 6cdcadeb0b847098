/**
 * A later turn of the event loop (a macrotask), for loops whose every step continues in a
 * microtask. A source that makes frames on the JS thread, resumed by each inference reply, would
 * otherwise keep the loop inside message delivery: Node delivers up to a thousand messages on a
 * port before it returns to timers and I/O, and with a 30 ms frame behind each, a worker's timers
 * (heartbeats, result flushes) waited minutes.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** How long the frame pump may run on without giving the event loop a turn. */
export const TURN_EVERY_MS = 10;
