/**
 * Real Node services for the node-kind tests (sharp, node:fs, an in-memory result list, an
 * optional trigger hub), without ONNX Runtime, which these kinds never touch.
 */
import { createSharpCodec } from '@/lib/images/sharp-codec';
import type { ResultRecord, RuntimeServices, TriggerHub } from '@/lib/pipeline/runtime/services';
import { createNodeFiles } from '@/lib/runtime-node/node-files';

export interface TestServices extends RuntimeServices {
  records: ResultRecord[];
  logged: { level: string; message: string }[];
}

export function nodeTestServices(options: { now?: () => number; triggers?: TriggerHub } = {}): TestServices {
  const records: ResultRecord[] = [];
  const logged: { level: string; message: string }[] = [];
  return {
    inference: {
      load: () => {
        throw new Error('inference is not used by these node kinds');
      },
    },
    images: createSharpCodec(),
    files: createNodeFiles({ settleMs: 30 }),
    results: { write: async (batch) => void records.push(...batch) },
    triggers: options.triggers,
    now: options.now ?? (() => Date.now()),
    log: (level, message) => void logged.push({ level, message }),
    records,
    logged,
  };
}

/** A RunnerContext for calling a kind's create* directly. */
export function runnerContext(services: RuntimeServices, stageId = 'n1') {
  return { stageId, services, maxBatch: 8 };
}
