/**
 * A thread as busy as a pipeline's JS thread: every `periodMs` it computes for `busyMs`, then
 * sleeps. Raw ONNX Runtime measured beside it shows what that much JS work costs inference by
 * itself, whatever the runtime does with it: where ONNX Runtime's threads take every core, a
 * thread busy 10 % of one core cost raw FastestDet about 10 % on 2 cores (each parallel operator
 * waits for the thread that lost its core), not the 5 % a share of the machine would suggest.
 */
import { Worker } from 'node:worker_threads';

export interface CpuLoad {
  stop(): Promise<void>;
}

const SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const flags = new Int32Array(workerData.flags);
let sink = 0;
while (Atomics.load(flags, 0) === 0) {
  const start = performance.now();
  while (performance.now() - start < workerData.busyMs) sink = (sink * 31 + 7) | 0;
  const rest = workerData.periodMs - (performance.now() - start);
  if (rest > 0) Atomics.wait(flags, 0, 0, rest);
}
`;

export async function startCpuLoad(options: { busyMs: number; periodMs: number }): Promise<CpuLoad> {
  const flags = new SharedArrayBuffer(4);
  const worker = new Worker(SOURCE, { eval: true, workerData: { ...options, flags } });
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      const view = new Int32Array(flags);
      Atomics.store(view, 0, 1);
      Atomics.notify(view, 0);
      await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    },
  };
}
