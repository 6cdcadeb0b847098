/**
 * The InferenceEngine for Node hosts: ONNX Runtime (onnxruntime-node) on CPU, or CUDA when asked.
 * Files are vetted by readModel first, so a non-ONNX file gives a clear model.not-onnx Problem
 * rather than ORT's "protobuf parsing failed".
 */
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import type { ByteInput, ByteLayout, FeedTensor, InferenceEngine, ModelOutputs, ModelSession, ModelSessionOptions } from '@/lib/pipeline/runtime/services';
import { withByteInput } from '@/lib/precision/onnx/byte-input';
import { withPixelInput } from '@/lib/precision/onnx/pixel-input';
import type { ModelProto } from '@/lib/precision/onnx/proto';
import { readModel } from '@/lib/precision/onnx/read-model';
import { readModelBytes } from '@/lib/precision/onnx/read-model-file';
import { writeModel } from '@/lib/precision/onnx/write-model';
import { fromOrtTensor, toOrtTensor } from './ort-tensors';
import { openThreadSession } from './ort-thread-session';

export const OrtEngineOptions = z.object({
  /** Threads inside one operator; default: every core. */
  intraOpThreads: z.number().int().positive().optional(),
  executionProvider: z.enum(['cpu', 'cuda']).default('cpu'),
  /**
   * Run each session in its own worker thread. onnxruntime-node's run() blocks the JS thread for
   * the whole inference; off-thread, a pipeline prepares its next batch while this one computes.
   */
  offThread: z.boolean().default(false),
});
export type OrtEngineOptions = z.input<typeof OrtEngineOptions>;

export function createOrtEngine(options: OrtEngineOptions = {}): InferenceEngine {
  const defaults = OrtEngineOptions.parse(options);
  return { load: (path, override) => loadOrtSession(path, { ...defaults, ...stripUndefined(override) }, defaults.offThread) };
}

async function loadOrtSession(path: string, options: ModelSessionOptions, offThread: boolean): Promise<ModelSession> {
  const provider = options.executionProvider ?? 'cpu';
  if (provider !== 'cpu' && provider !== 'cuda') {
    throw new ProblemError([problem('run.bad-options', `Execution provider "${provider}" is not available in Node; use "cpu" or "cuda"`)]);
  }
  const file = await readModelBytes(path);
  const model = readModel(file, `Model file "${path}"`);
  const byteLayout = options.byteInput ? takeBytes(model, options.byteInput) : undefined;
  const bytes = byteLayout ? writeModel(model) : file;
  const threads = Math.max(1, Math.floor((options.intraOpThreads ?? availableParallelism()) / (options.streams ?? 1)));
  const sessionOptions = sessionOptionsFor(provider, threads);
  if (offThread) return withLoadProblems(() => openThreadSession(bytes, sessionOptions, { byteLayout }), path, provider);
  const session = await withLoadProblems(() => ort.InferenceSession.create(bytes, sessionOptions), path, provider);
  const types = new Map(session.inputMetadata.map((m) => [m.name, m.isTensor ? String(m.type) : 'non-tensor']));
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    byteLayout,
    async run(feeds: Record<string, FeedTensor>): Promise<ModelOutputs> {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(tensor, types.get(name) ?? 'float32', name);
      const out = await session.run(ortFeeds);
      // In the model's order: an object's own keys list number-like names first, whatever the model says.
      return new Map(session.outputNames.filter((name) => name in out).map((name) => [name, fromOrtTensor(out[name], name)]));
    },
    release: () => session.release(),
  };
}

/**
 * Rewrites the model to take 8-bit pixels in the first layout of the caller's that it can, and
 * says which; a model that can take neither (see withPixelInput, withByteInput) is left as it is,
 * fed floats. Interleaved pixels only pay with more than one channel (a gray plane is its pixels).
 */
function takeBytes(model: ModelProto, spec: ByteInput): ByteLayout | undefined {
  for (const layout of spec.layouts ?? (['nhwc', 'nchw'] as const)) {
    if (layout === 'nhwc' && spec.planeOf.length > 1 && typeof withPixelInput(model, spec) !== 'string') return 'nhwc';
    if (layout === 'nchw' && typeof withByteInput(model, spec) !== 'string') return 'nchw';
  }
  return undefined;
}

function sessionOptionsFor(provider: 'cpu' | 'cuda', threads: number): ort.InferenceSession.SessionOptions {
  return { executionProviders: [provider], intraOpNumThreads: threads, graphOptimizationLevel: 'all', logSeverityLevel: 3 };
}

async function withLoadProblems<T>(create: () => Promise<T>, path: string, provider: 'cpu' | 'cuda'): Promise<T> {
  try {
    return await create();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (provider === 'cuda') {
      throw new ProblemError([
        problem(
          'run.bad-options',
          `The CUDA execution provider is unavailable (${why}). onnxruntime-node needs its CUDA provider libraries ` +
            '(installed by its install script) plus CUDA 12 and cuDNN 9 on the machine; use executionProvider "cpu" instead',
        ),
      ]);
    }
    throw new ProblemError([problem('model.unsupported', `ONNX Runtime cannot load model file "${path}": ${why}`)]);
  }
}

function stripUndefined(o: ModelSessionOptions | undefined): ModelSessionOptions {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
}
