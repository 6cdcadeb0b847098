/**
 * Raw ONNX Runtime in throughput mode, the like-for-like baseline of a pipeline run with
 * --streams N: N sessions of one thread each, each in its own worker thread running session.run
 * in a loop on the inputs it was given, all at once. No messages cross during a measurement, so
 * this is ORT's own rate, not the pipeline's protocol.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Plain JavaScript (eval: true), so it runs the same under tsx as built. */
const STREAM_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
(async () => {
  const session = await ort.InferenceSession.create(workerData.model, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  const feeds = workerData.batches.map((data) => ({ [workerData.inputName]: new ort.Tensor('float32', data, workerData.dims) }));
  parentPort.on('message', async (msg) => {
    if (msg.op === 'rate') {
      const start = performance.now();
      let runs = 0;
      while (performance.now() - start < msg.ms) await session.run(feeds[runs++ % feeds.length]);
      parentPort.postMessage({ runs, ms: performance.now() - start });
    } else {
      await session.release();
      parentPort.postMessage({ released: true });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((err) => parentPort.postMessage({ error: String((err && err.message) || err) }));
`;

export interface RawRunner {
  /** Images per second over `ms`. */
  rate(ms: number): Promise<number>;
  release(): Promise<void>;
}

interface StreamInputs {
  model: string;
  inputName: string;
  dims: number[];
  batches: Float32Array[];
}

export async function openRawStreams(inputs: StreamInputs, streams: number): Promise<RawRunner> {
  const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
  const workers = Array.from({ length: streams }, () => new Worker(STREAM_SOURCE, { eval: true, workerData: { ortPath, ...inputs } }));
  const next = (w: Worker) =>
    new Promise<{ runs?: number; ms?: number; error?: string }>((resolve, reject) => {
      const fail = (err: Error) => reject(err);
      w.once('error', fail);
      w.once('message', (reply: { runs?: number; ms?: number; error?: string }) => {
        w.off('error', fail);
        resolve(reply);
      });
    });
  const ready = await Promise.all(workers.map(next));
  const failed = ready.find((r) => r.error);
  if (failed) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw new Error(`a raw stream cannot start: ${failed.error}`);
  }
  const batch = inputs.dims[0];
  return {
    async rate(ms) {
      const replies = await Promise.all(workers.map((w) => (w.postMessage({ op: 'rate', ms }), next(w))));
      return replies.reduce((sum, r) => sum + ((r.runs ?? 0) * batch * 1000) / (r.ms ?? ms), 0);
    },
    async release() {
      await Promise.all(workers.map((w) => (w.postMessage({ op: 'release' }), next(w))));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
