/**
 * trigger.interval — free-runs at a fixed rate. Fires are scheduled on absolute times, so timer
 * jitter never accumulates into drift; a consumer that falls a whole period behind gets one
 * immediate fire and the schedule restarts from then (no burst of catch-up fires).
 */
import { z } from 'zod';
import { defineNodeKind, type RunnerContext, type TriggerRunner } from '../node-kind';

const paramsSchema = z
  .object({
    /** Pictures per second. */
    rateHz: z.number().min(0.1).max(10_000).default(2),
  })
  .strict();

type Config = z.output<typeof paramsSchema>;

export const triggerInterval = defineNodeKind({
  kind: 'trigger.interval',
  title: 'Interval trigger',
  category: 'trigger',
  description: 'Takes a picture at a fixed rate (free-running camera).',
  params: paramsSchema,
  inputs: {},
  outputs: { trigger: { type: 'Trigger' } },
  compile: (params) => ({ config: params }),
  createTrigger: (config, ctx) => intervalTrigger(config as Config, ctx),
});

function intervalTrigger(config: Config, ctx: RunnerContext): TriggerRunner {
  const period = 1000 / config.rateHz;
  const now = () => ctx.services.now();
  let due: number | undefined;
  return {
    async wait(signal) {
      due ??= now();
      if (!(await sleepUntil(due, now, signal))) return false;
      const firedAt = now();
      due += period;
      if (due <= firedAt) due = firedAt + period;
      return true;
    },
  };
}

/**
 * Sleeps on timers for the bulk of the wait and yields to the event loop for the last
 * millisecond, because Node timers only have millisecond resolution (rates up to 10 kHz).
 */
async function sleepUntil(due: number, now: () => number, signal: AbortSignal): Promise<boolean> {
  for (;;) {
    if (signal.aborted) return false;
    const remaining = due - now();
    if (remaining <= 0) return true;
    await pause(remaining > 2 ? remaining - 1 : 0, signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      clearImmediate(immediate);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = ms > 0 ? setTimeout(done, ms) : undefined;
    const immediate = ms > 0 ? undefined : setImmediate(done);
    signal.addEventListener('abort', done, { once: true });
  });
}
