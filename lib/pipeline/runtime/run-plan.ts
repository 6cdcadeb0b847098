/**
 * Runs a compiled plan: a pump feeding bounded queues, one loop per stage, counted outcomes and a
 * graceful stop. Framework-free: everything external comes through RuntimeServices.
 */
import type { NodeKind } from '../node-kind';
import type { Plan } from '../plan';
import { problem, ProblemError } from '../problems';
import { getNodeKind } from '../registry';
import { BoundedQueue } from './bounded-queue';
import { createRunners } from './create-runners';
import type { Flight } from './flight';
import { runFramePump } from './frame-pump';
import { layOutPlan, type PlanLayout } from './plan-layout';
import { RunStats } from './run-stats';
import { runOptionsSchema, type RunHandle, type RunOptions, type RunSummary } from './run-types';
import type { RuntimeServices } from './services';
import { runStageLoop } from './stage-loop';

type ParsedOptions = ReturnType<typeof runOptionsSchema.parse>;

/**
 * Starts the run and returns at once. A plan or options the runtime cannot use throw a
 * ProblemError here; a runner that fails to start rejects `done` with one.
 */
export function runPlan(
  plan: Plan,
  services: RuntimeServices,
  options: RunOptions = {},
  kinds: (kind: string) => NodeKind | undefined = getNodeKind,
): RunHandle {
  const opts = parseOptions(options);
  const layout = layOutPlan(plan, kinds);
  const queues = layout.chain.map(() => new BoundedQueue<Flight>(opts.queueCapacity));
  const stats = new RunStats(services, [
    { id: layout.source.stage.id, kind: layout.source.stage.kind },
    ...layout.chain.map(({ stage }, i) => ({ id: stage.id, kind: stage.kind, queue: queues[i] })),
  ]);
  const controller = new AbortController();
  const done = execute(layout, queues, stats, services, opts, controller);
  // Callers that only use stop() must not see an unhandled rejection; awaiting `done` still throws.
  done.catch(() => undefined);
  return {
    done,
    stop() {
      if (!controller.signal.aborted) {
        services.log('info', 'stopping the run: in-flight frames drain first');
        controller.abort();
      }
      return done;
    },
    summary: () => stats.summary(),
    onOutcome: (listener) => stats.onOutcome(listener),
  };
}

async function execute(
  layout: PlanLayout,
  queues: BoundedQueue<Flight>[],
  stats: RunStats,
  services: RuntimeServices,
  opts: ParsedOptions,
  controller: AbortController,
): Promise<RunSummary> {
  const { runners, closeAll } = await createRunners(layout, services, { maxBatch: opts.maxBatch, intraOpThreads: opts.intraOpThreads, streams: opts.streams });
  services.log('info', 'run started', { stages: [layout.source, ...layout.chain].map((s) => s.stage.id), ...opts });
  try {
    const loops = layout.chain.map((laid, i) =>
      runStageLoop({
        laid,
        runner: runners.chain[i],
        input: queues[i],
        output: queues[i + 1] ?? null,
        stats,
        services,
        maxBatch: opts.maxBatch,
        batchWaitMs: opts.batchWaitMs,
      }),
    );
    const pump = runFramePump({
      layout,
      trigger: runners.trigger,
      source: runners.source,
      first: queues[0] ?? null,
      stats,
      services,
      backpressure: opts.backpressure,
      maxFrames: opts.maxFrames,
      signal: controller.signal,
    });
    await Promise.all([pump, ...loops]);
  } finally {
    stats.end();
    // Releases anything still listening on the signal, whichever way the run ended.
    controller.abort();
    await closeAll();
  }
  const summary = stats.summary();
  services.log('info', 'run finished', { ...summary });
  return summary;
}

function parseOptions(options: RunOptions): ParsedOptions {
  const parsed = runOptionsSchema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  throw new ProblemError(
    parsed.error.issues.map((issue) =>
      problem('run.bad-options', `${issue.path.join('.') || 'options'}: ${issue.message}`, {
        path: issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
      }),
    ),
  );
}
