/**
 * RuntimeServices for Node hosts (worker, CLI, tests): ONNX Runtime for inference, sharp for
 * images, node:fs for files. The host supplies where results go and, if it has one, a trigger hub.
 */
import { createOrtEngine } from '../inference/ort-engine';
import { createSharpCodec } from '../images/sharp-codec';
import type { InferenceEngine, ResultSink, RuntimeServices, TriggerHub } from '../pipeline/runtime/services';
import { createConsoleLog } from './console-log';
import { createNodeFiles } from './node-files';

export interface NodeServicesOptions {
  results: ResultSink;
  triggers?: TriggerHub;
  engine?: InferenceEngine;
  log?: RuntimeServices['log'];
}

export function createNodeServices(options: NodeServicesOptions): RuntimeServices {
  return {
    // Off-thread sessions let a model stage preprocess its next batch while ONNX Runtime computes.
    inference: options.engine ?? createOrtEngine({ offThread: true }),
    images: createSharpCodec(),
    files: createNodeFiles(),
    results: options.results,
    triggers: options.triggers,
    // Epoch milliseconds from a monotonic clock: stored timestamps, with sub-ms latencies that never go backwards.
    now: () => performance.timeOrigin + performance.now(),
    log: options.log ?? createConsoleLog(),
  };
}
