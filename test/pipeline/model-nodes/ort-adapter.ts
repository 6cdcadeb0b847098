/**
 * Test helper: a real ONNX Runtime engine for the model-node tests. Uses the shared
 * lib/inference/ort-engine.ts when it exists; until then a minimal adapter over onnxruntime-node.
 */
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ModelInfo } from '@/lib/pipeline/plan';
import type { InferenceEngine, ModelSession } from '@/lib/pipeline/runtime/services';

export const SHARED_MODELS = path.resolve(process.cwd(), '../shared/models');
export const HAVE_SHARED_MODELS = existsSync(SHARED_MODELS);

const sharedEnginePath = path.resolve(process.cwd(), 'lib/inference/ort-engine.ts');

export async function testEngine(): Promise<InferenceEngine> {
  if (existsSync(sharedEnginePath)) {
    const mod = (await import(/* @vite-ignore */ sharedEnginePath)) as { createOrtEngine?: () => InferenceEngine };
    if (mod.createOrtEngine) return mod.createOrtEngine();
  }
  return { load: loadSession };
}

async function loadSession(file: string, options: { intraOpThreads?: number } = {}): Promise<ModelSession> {
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: options.intraOpThreads ?? 1, logSeverityLevel: 3 });
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor('float32', t.data, t.dims);
      const out = await session.run(ortFeeds);
      return new Map(Object.entries(out).map(([name, t]) => [name, { dims: [...t.dims], data: t.data as Float32Array }]));
    },
    release: () => session.release(),
  };
}

/** ModelInfo as the host would read it: IO names, shapes and types (initializers excluded), hash, size. */
export async function readModelInfo(file: string): Promise<ModelInfo> {
  const session = await ort.InferenceSession.create(file, { logSeverityLevel: 3 });
  const io = (meta: readonly ort.InferenceSession.ValueMetadata[]) =>
    meta.map((m) => ({ name: m.name, shape: m.isTensor ? [...m.shape] : [], type: m.isTensor ? String(m.type) : 'non-tensor' }));
  const info: ModelInfo = {
    path: file,
    sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    bytes: statSync(file).size,
    opset: 0,
    inputs: io(session.inputMetadata),
    outputs: io(session.outputMetadata),
  };
  await session.release();
  return info;
}
