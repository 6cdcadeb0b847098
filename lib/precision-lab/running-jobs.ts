/**
 * The jobs this runner has started and not yet ended, so that a cancel reaches the child process
 * of one. A cancel can arrive between the database claiming a job and its run registering here:
 * it is remembered, and the run starts already cancelled.
 */
export interface RunningJobs {
  /** Registers a run; its signal is aborted at once when a cancel came first. Call `end` when it has ended. */
  begin(id: string): { signal: AbortSignal; end: () => void };
  /** Aborts the run and resolves true once it has ended; false when no run of this id ended within `waitMs`. */
  cancel(id: string, waitMs: number): Promise<boolean>;
}

export function createRunningJobs(): RunningJobs {
  const controllers = new Map<string, AbortController>();
  const early = new Set<string>();
  const ends = new Map<string, { ended: Promise<void>; resolve: () => void }>();
  const endOf = (id: string) => {
    let entry = ends.get(id);
    if (!entry) {
      let resolve!: () => void;
      const ended = new Promise<void>((r) => (resolve = r));
      entry = { ended, resolve };
      ends.set(id, entry);
    }
    return entry;
  };
  return {
    begin(id) {
      const controller = new AbortController();
      if (early.delete(id)) controller.abort();
      controllers.set(id, controller);
      return {
        signal: controller.signal,
        end: () => {
          controllers.delete(id);
          endOf(id).resolve();
          ends.delete(id);
        },
      };
    },
    async cancel(id, waitMs) {
      const controller = controllers.get(id);
      if (controller) controller.abort();
      else early.add(id);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const gaveUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
      const ended = await Promise.race([endOf(id).ended.then(() => true as const), gaveUp]);
      clearTimeout(timer);
      if (!ended) early.delete(id);
      return ended;
    },
  };
}
