/**
 * trigger.http — a software trigger: each fire the host delivers under this node's name (e.g. an
 * HTTP POST to the worker) takes one picture. Fires that arrive while the pipeline is busy wait
 * in a small queue; beyond it they are dropped, counted and logged, never silently lost.
 */
import { z } from 'zod';
import { defineNodeKind, type RunnerContext, type TriggerRunner } from '../node-kind';
import { problem, ProblemError } from '../problems';

const paramsSchema = z
  .object({
    /** The name the host fires, e.g. POST /api/trigger/<name>. */
    name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'Use 1–64 letters, digits, dots, dashes or underscores').default('default'),
    /** Fires kept while the pipeline is busy; more are dropped and counted. */
    maxQueued: z.number().int().min(0).max(10_000).default(16),
  })
  .strict();

type Config = z.output<typeof paramsSchema>;

export const triggerHttp = defineNodeKind({
  kind: 'trigger.http',
  title: 'Software trigger',
  category: 'trigger',
  description: 'Takes a picture each time the host receives a trigger under this name (HTTP POST to the worker).',
  params: paramsSchema,
  inputs: {},
  outputs: { trigger: { type: 'Trigger' } },
  compile: (params) => ({ config: params }),
  createTrigger: (config, ctx) => hubTrigger(config as Config, ctx),
});

export interface HubTriggerRunner extends TriggerRunner {
  /** Fires dropped because the queue was full. */
  readonly dropped: number;
}

function hubTrigger(config: Config, ctx: RunnerContext): HubTriggerRunner {
  const hub = ctx.services.triggers;
  if (!hub) {
    throw new ProblemError([
      problem('plan.invalid', `Software trigger "${ctx.stageId}" needs a host that receives triggers (the worker); this host has none`, { nodeId: ctx.stageId }),
    ]);
  }
  let queued = 0;
  let dropped = 0;
  let closed = false;
  const waiters: ((fired: boolean) => void)[] = [];
  // Subscribed from the start, so fires between start-up and the first wait are kept.
  const unsubscribe = hub.subscribe(config.name, () => {
    const waiter = waiters.shift();
    if (waiter) waiter(true);
    else if (queued < config.maxQueued) queued++;
    else if (++dropped === 1 || dropped % 100 === 0) {
      ctx.services.log('warn', `Software trigger "${ctx.stageId}": ${dropped} fire(s) dropped, the pipeline is busy and ${config.maxQueued} are queued`, {
        stageId: ctx.stageId,
        dropped,
      });
    }
  });
  return {
    get dropped() {
      return dropped;
    },
    wait(signal) {
      if (closed || signal.aborted) return Promise.resolve(false);
      if (queued > 0) {
        queued--;
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const waiter = (fired: boolean) => {
          signal.removeEventListener('abort', onAbort);
          resolve(fired);
        };
        const onAbort = () => {
          const at = waiters.indexOf(waiter);
          if (at >= 0) waiters.splice(at, 1);
          resolve(false);
        };
        waiters.push(waiter);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    async close() {
      closed = true;
      unsubscribe();
      waiters.splice(0).forEach((w) => w(false));
    },
  };
}
