/**
 * Builds the runners of a laid-out plan. If one fails to start (a model that will not load …),
 * the ones already built are closed and the failure comes back as problems naming the stage.
 */
import type { FrameSourceRunner, RunnerContext, StageRunner, TriggerRunner } from '../node-kind';
import { problem, ProblemError } from '../problems';
import { messageOf } from './message-of';
import type { PlanLayout } from './plan-layout';
import type { RuntimeServices } from './services';

export interface Runners {
  trigger?: TriggerRunner;
  source: FrameSourceRunner;
  chain: StageRunner[];
}

interface Closable {
  id: string;
  close?(): Promise<void>;
}

export async function createRunners(
  layout: PlanLayout,
  services: RuntimeServices,
  host: { maxBatch: number; intraOpThreads?: number; streams?: number },
): Promise<{ runners: Runners; closeAll: () => Promise<void> }> {
  const built: Closable[] = [];
  const closeAll = () => closeEach(built, services);
  const ctx = (stageId: string): RunnerContext => ({ stageId, services, maxBatch: host.maxBatch, intraOpThreads: host.intraOpThreads, streams: host.streams });
  let current = layout.source.stage.id;
  try {
    let trigger: TriggerRunner | undefined;
    if (layout.trigger) {
      current = layout.trigger.stage.id;
      trigger = layout.trigger.kind.createTrigger!(layout.trigger.stage.config, ctx(current));
      built.push(bind(current, trigger));
    }
    current = layout.source.stage.id;
    const source = layout.source.kind.createSource!(layout.source.stage.config, ctx(current));
    built.push(bind(current, source));
    const chain: StageRunner[] = [];
    for (const { stage, kind } of layout.chain) {
      current = stage.id;
      const runner = await kind.createStage!(stage.config, ctx(stage.id), { model: stage.model, preprocess: stage.preprocess });
      built.push(bind(stage.id, runner));
      chain.push(runner);
    }
    return { runners: { trigger, source, chain }, closeAll };
  } catch (err) {
    await closeAll();
    if (err instanceof ProblemError) throw new ProblemError(err.problems.map((p) => ({ nodeId: current, ...p })));
    throw new ProblemError([problem('plan.invalid', `Stage "${current}" could not start: ${messageOf(err)}`, { nodeId: current })]);
  }
}

function bind(id: string, runner: { close?(): Promise<void> }): Closable {
  return { id, close: runner.close?.bind(runner) };
}

/**
 * Closes each runner exactly once, in build order (trigger and source first, so nothing new is
 * produced while stages shut down), even if called again or one close fails.
 */
async function closeEach(built: Closable[], services: RuntimeServices): Promise<void> {
  const pending = built.splice(0, built.length);
  for (const { id, close } of pending) {
    try {
      await close?.();
    } catch (err) {
      services.log('warn', `stage "${id}" failed to close: ${messageOf(err)}`, { stageId: id });
    }
  }
}
