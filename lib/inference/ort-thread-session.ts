/**
 * A ModelSession whose ONNX Runtime session lives in its own worker thread (see ort-thread-source).
 * Runs are answered in the order they were sent. The thread only keeps the process alive while a
 * call is pending, so a host that forgets release() still exits; release() ends the thread.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { InferenceSession } from 'onnxruntime-node';
import type { ByteLayout, FeedTensor, ModelSession } from '@/lib/pipeline/runtime/services';
import { fromOrtTensor, ortInputData, type OrtValueLike } from './ort-tensors';
import { ORT_THREAD_SOURCE } from './ort-thread-source';

interface Reply {
  id: number;
  ok: boolean;
  message?: string;
  inputNames?: string[];
  outputNames?: string[];
  inputTypes?: [string, string][];
  /** Every input's batch dimension is fixed at 1. */
  batchOfOne?: boolean;
  /** Name and value pairs (see ModelOutputs for why not an object keyed by name). */
  outputs?: [string, OrtValueLike][];
  /** A run's input buffers, handed back for reuse. */
  inputs?: ArrayBuffer[];
}

/**
 * Input buffers kept for reuse. A run takes one and its reply gives it back, so few wait here at a
 * time; the cap frees what is left over when a stage keeps fewer batches in flight than before.
 */
const SPARE_INPUTS = 4;

/**
 * Output buffers the caller has finished with (recycle), sent back with the next run for the
 * thread to fill again. Without this, each run's outputs arrive in new buffers that the JS thread's
 * heap must find dead: at FastestDet's 1.3 MB per batch of 8, major collections took half of the
 * JS thread's time. The cap bounds what waits when runs stop.
 */
const SPARE_OUTPUTS = 8;

/** Loads the model in a new thread; rejects with ONNX Runtime's own message when it cannot. */
export async function openThreadSession(bytes: Uint8Array, options: InferenceSession.SessionOptions, facts: { byteLayout?: ByteLayout } = {}): Promise<ModelSession> {
  const worker = new Worker(ORT_THREAD_SOURCE, { eval: true, workerData: { ortPath: ortEntry() } });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let ended: Error | undefined;
  const spare: ArrayBuffer[] = [];
  const doneOutputs: ArrayBuffer[] = [];
  worker.unref();
  const settleAll = (error: Error) => {
    ended ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    for (const buffer of reply.inputs ?? []) {
      spare.push(buffer);
      if (spare.length > SPARE_INPUTS) spare.shift();
    }
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (!p) return;
    if (reply.ok) p.resolve(reply);
    else p.reject(new Error(reply.message ?? 'ONNX Runtime failed'));
  });
  worker.on('error', (err) => settleAll(err instanceof Error ? err : new Error(String(err))));
  worker.on('exit', (code) => settleAll(new Error(`the ONNX Runtime thread ended (exit code ${code})`)));
  const call = (message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> => {
    if (ended) return Promise.reject(ended);
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id }, transfer);
    });
  };

  let loaded: Reply;
  try {
    loaded = await call({ op: 'load', bytes, options });
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  const types = new Map(loaded.inputTypes ?? []);
  const spareBuffer = (byteLength: number): ArrayBuffer => {
    const at = spare.findIndex((b) => b.byteLength === byteLength);
    return at < 0 ? new ArrayBuffer(byteLength) : spare.splice(at, 1)[0];
  };
  let released: Promise<void> | undefined;
  return {
    inputNames: loaded.inputNames ?? [],
    outputNames: loaded.outputNames ?? [],
    offThread: true,
    splitsBatch: loaded.batchOfOne === true,
    byteLayout: facts.byteLayout,
    inputArray: (length) => new Float32Array(spareBuffer(length * Float32Array.BYTES_PER_ELEMENT)),
    inputBytes: (length) => new Uint8Array(spareBuffer(length)),
    async run(feeds, hints) {
      const sent: Record<string, OrtValueLike> = {};
      const transfer: ArrayBuffer[] = [];
      for (const [name, tensor] of Object.entries(feeds)) {
        const type = types.get(name) ?? 'float32';
        const data = ortInputData(tensor, type, name);
        // A converted copy is ours to give away; the caller's own array only when it says so.
        if (data !== tensor.data || hints?.transferInputs) transferable(data, transfer);
        sent[name] = { type, dims: tensor.dims, data };
      }
      const handBack = doneOutputs.splice(0);
      const reply = await call({ op: 'run', feeds: sent, items: loaded.batchOfOne ? itemsOf(feeds) : 1, spare: handBack }, [...transfer, ...handBack]);
      return new Map((reply.outputs ?? []).map(([name, value]) => [name, fromOrtTensor(value, name)]));
    },
    recycle(outputs) {
      const buffers: ArrayBuffer[] = [];
      for (const tensor of outputs.values()) transferable(tensor.data, buffers);
      // A buffer already handed back is detached (length 0): it cannot go twice.
      for (const buffer of buffers) if (buffer.byteLength > 0 && !doneOutputs.includes(buffer)) doneOutputs.push(buffer);
      doneOutputs.splice(0, Math.max(0, doneOutputs.length - SPARE_OUTPUTS));
    },
    release() {
      released ??= call({ op: 'release' }).then(
        () => worker.terminate().then(() => undefined),
        async (err: unknown) => {
          await worker.terminate();
          if (!ended || err !== ended) throw err;
        },
      );
      return released;
    },
  };
}

/**
 * What the thread requires to get onnxruntime-node: the file this module resolves, or, where a
 * bundler (Next's server build) has turned require.resolve into a module id, the package name,
 * which the thread resolves from the working directory like any `node -e` script.
 */
function ortEntry(): string {
  try {
    const resolved: unknown = createRequire(import.meta.url).resolve('onnxruntime-node');
    if (typeof resolved === 'string') return resolved;
  } catch {
    // Not resolvable from here: the package name is the thread's only way.
  }
  return 'onnxruntime-node';
}

/** The batch size all feeds share, for a model that takes one item per run. */
function itemsOf(feeds: Record<string, FeedTensor>): number {
  const sizes = new Set(Object.values(feeds).map((t) => t.dims[0] ?? 1));
  if (sizes.size !== 1) throw new Error(`the inputs disagree on the batch size (${[...sizes].join(', ')})`);
  return [...sizes][0];
}

/** Adds the array's buffer when the array is all of it (a view into a larger buffer is copied instead). */
function transferable(data: OrtValueLike['data'], into: ArrayBuffer[]): void {
  if (!ArrayBuffer.isView(data)) return;
  const { buffer } = data;
  if (buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === buffer.byteLength && !into.includes(buffer)) into.push(buffer);
}
