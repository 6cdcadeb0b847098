/**
 * Test helper: compile a small graph (folder source → preprocessing → one model node) with the
 * real registry and compiler, then build that model node's stage exactly as the runtime would and
 * run frames through it.
 */
import { compileGraph } from '@/lib/pipeline/compile';
import type { PortValues, StageOutcome, StageRunner } from '@/lib/pipeline/node-kind';
import type { ModelInfo } from '@/lib/pipeline/plan';
import type { Problem } from '@/lib/pipeline/problems';
import { getNodeKind } from '@/lib/pipeline/registry';
import type { InferenceEngine, RuntimeServices } from '@/lib/pipeline/runtime/services';
import type { Frame, FrameInfo } from '@/lib/pipeline/values';
import { createSharpCodec } from '@/lib/images/sharp-codec';
import { testEngine } from './ort-adapter';

export interface ChainNode {
  kind: string;
  params?: Record<string, unknown>;
}

export function chainGraph(pre: ChainNode[], model: ChainNode, source: ChainNode = { kind: 'source.folder', params: { path: '/nowhere' } }) {
  const nodes = [{ id: 'src', ...source, params: source.params ?? {} }, ...pre.map((n, i) => ({ id: `pre${i}`, kind: n.kind, params: n.params ?? {} })), { id: 'model', kind: model.kind, params: model.params ?? {} }];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, from: { node: nodes[i].id, port: 'frame' }, to: { node: n.id, port: 'frame' } }));
  return { version: 1, nodes, edges };
}

export function compileChain(pre: ChainNode[], model: ChainNode, models: Record<string, ModelInfo>, source?: ChainNode) {
  return compileGraph(chainGraph(pre, model, source), { models });
}

export async function modelStage(pre: ChainNode[], model: ChainNode, models: Record<string, ModelInfo>, maxBatch = 4, engine?: InferenceEngine): Promise<StageRunner> {
  const { plan, problems } = compileChain(pre, model, models);
  if (!plan) throw new Error(`did not compile: ${JSON.stringify(problems as Problem[])}`);
  const stage = plan.stages.find((s) => s.id === 'model')!;
  const services = { inference: engine ?? (await testEngine()), images: createSharpCodec(), now: () => performance.now() } as unknown as RuntimeServices;
  return getNodeKind(model.kind)!.createStage!(stage.config, { stageId: 'model', services, maxBatch, intraOpThreads: 1 }, stage);
}

export async function runFrames(runner: StageRunner, frames: Frame[]): Promise<StageOutcome[]> {
  const infos: FrameInfo[] = frames.map((_, i) => ({ id: `f${i}`, seq: i, origin: `test:${i}`, capturedAt: 0 }));
  const batch: PortValues[] = frames.map((frame) => ({ frame }));
  return runner.run(batch, infos);
}
