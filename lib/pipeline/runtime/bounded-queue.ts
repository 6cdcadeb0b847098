/**
 * An async FIFO with a hard capacity: the only place frames wait between stages, so the memory a
 * run holds is bounded by the sum of the capacities (plus the batches each stage has in flight:
 * one, or for a model stage a few per session, see model-node/flight-depth).
 * Closing it refuses new items but lets takers drain what is queued.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private closed = false;
  private readonly wakers = new Set<() => void>();
  /** Signals this queue already listens to: one listener each, for the queue's life, not one per wait. */
  private readonly hooked = new WeakSet<AbortSignal>();
  /** Highest size ever reached: lets hosts and tests see that the capacity held. */
  peak = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`queue capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** True when a push would be taken now (open, below capacity). */
  hasSpace(): boolean {
    return !this.closed && this.size < this.capacity;
  }

  /** Adds the item when there is room and the queue is open; never waits. */
  tryPush(item: T): boolean {
    if (!this.hasSpace()) return false;
    this.items.push(item);
    this.peak = Math.max(this.peak, this.size);
    this.wake();
    return true;
  }

  /** Waits for room, then adds. False when the queue closed (or the signal aborted) first. */
  async push(item: T, signal?: AbortSignal): Promise<boolean> {
    while (!this.tryPush(item)) {
      if (!(await this.waitForSpace(signal))) return false;
    }
    return true;
  }

  /** True once there is room; false when the queue is closed or the signal aborts first. */
  async waitForSpace(signal?: AbortSignal): Promise<boolean> {
    await this.until(() => this.closed || this.size < this.capacity, { signal });
    return this.hasSpace() && !signal?.aborted;
  }

  /**
   * Up to `max` items, oldest first. Waits for the first one; then, if fewer than `max` are
   * queued, waits at most `fillMs` for more. An empty array means closed and drained.
   */
  async take(max: number, fillMs = 0): Promise<T[]> {
    await this.until(() => this.closed || this.size > 0);
    const want = Math.max(1, Math.floor(max));
    if (!this.batchReady(want, fillMs)) await this.until(() => this.batchReady(want, fillMs), { timeoutMs: fillMs });
    return this.drain(want);
  }

  /**
   * What take(max, fillMs) would answer without waiting, or null where it would wait: a caller that
   * often finds its batch ready saves take()'s awaits.
   */
  takeReady(max: number, fillMs = 0): T[] | null {
    const want = Math.max(1, Math.floor(max));
    if (this.size === 0) return this.closed ? [] : null;
    return this.batchReady(want, fillMs) ? this.drain(want) : null;
  }

  /**
   * With at least one item queued: whether a batch of `want` may leave now rather than wait up to
   * `fillMs` for more. A batch can never exceed what the queue holds, so min(want, capacity) is whole.
   */
  private batchReady(want: number, fillMs: number): boolean {
    return this.closed || fillMs <= 0 || this.size >= Math.min(want, this.capacity);
  }

  /** No more pushes; waiting pushers get false, takers drain what is left. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  private drain(max: number): T[] {
    const out = this.items.slice(this.head, this.head + max);
    this.head += out.length;
    // Compact now and then so a long run does not keep a growing array.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    if (out.length) this.wake();
    return out;
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }

  /**
   * Resolves when `ready()` holds, the timeout passes or the signal aborts; leaves no timer behind.
   * An abort wakes every waiter through the one listener the queue keeps on that signal (a wait per
   * frame adding and removing its own listener was a tenth of a busy run's JS time).
   */
  private until(ready: () => boolean, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    const { signal } = opts;
    if (ready() || signal?.aborted) return Promise.resolve();
    if (signal && !this.hooked.has(signal)) {
      this.hooked.add(signal);
      signal.addEventListener('abort', () => this.wake(), { once: true });
    }
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        this.wakers.delete(check);
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
      const check = () => {
        if (ready() || signal?.aborted) finish();
      };
      this.wakers.add(check);
      if (opts.timeoutMs !== undefined) timer = setTimeout(finish, opts.timeoutMs);
    });
  }
}
