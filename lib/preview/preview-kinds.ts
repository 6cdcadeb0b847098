/**
 * The node kinds as a preview runs them: the same runners, wrapped so that every stage's inputs
 * and outputs are recorded per frame; sinks replaced by no-ops (a preview never writes results or
 * pictures); triggers fire at once; and, for an uploaded picture, the source replaced by it.
 * Passed to runPlan as its kind lookup, so the runtime itself is untouched.
 */
import type { FrameSourceRunner, NodeKind, PortValues, StageOutcome, StageRunner } from '../pipeline/node-kind';
import { getNodeKind } from '../pipeline/registry';
import type { Frame } from '../pipeline/values';
import { imageSource } from './image-source';

export interface Recorded {
  inputs?: PortValues;
  outcome: StageOutcome;
}

/** frame id → stage id → what went in and came out. */
export type Recorder = Map<string, Map<string, Recorded>>;

export function previewKinds(recorder: Recorder, image?: Frame): (kind: string) => NodeKind | undefined {
  const record = (frameId: string, stageId: string, entry: Recorded) => {
    if (!recorder.has(frameId)) recorder.set(frameId, new Map());
    recorder.get(frameId)!.set(stageId, entry);
  };
  return (name) => {
    const kind = getNodeKind(name);
    if (!kind) return undefined;
    if (kind.category === 'sink') return { ...kind, createStage: async () => noOpSink() };
    if (kind.createTrigger) return { ...kind, createTrigger: () => ({ wait: async (signal) => !signal.aborted }) };
    if (kind.createSource) {
      const create = kind.createSource;
      return {
        ...kind,
        createSource: (config, ctx) => recordSource(image ? imageSource(image, config, ctx) : create(config, ctx), (id, values) => record(id, ctx.stageId, { outcome: values })),
      };
    }
    if (kind.createStage) {
      const create = kind.createStage;
      return {
        ...kind,
        createStage: async (config, ctx, stage) => recordStage(await create(config, ctx, stage), (id, entry) => record(id, ctx.stageId, entry)),
      };
    }
    return kind;
  };
}

function noOpSink(): StageRunner {
  return { maxBatch: 256, run: async (batch) => batch.map(() => ({})) };
}

function recordSource(inner: FrameSourceRunner, onItem: (frameId: string, values: StageOutcome) => void): FrameSourceRunner {
  return {
    async next(signal) {
      const item = await inner.next(signal);
      if (item) onItem(item.info.id, item.error ? { error: item.error } : item.values);
      return item;
    },
    close: inner.close?.bind(inner),
  };
}

function recordStage(inner: StageRunner, onItem: (frameId: string, entry: Recorded) => void): StageRunner {
  return {
    maxBatch: inner.maxBatch,
    // The inner runner's depth may change as it runs (a model stage's does): ask it each time.
    get inFlight() {
      return inner.inFlight;
    },
    async run(batch, infos) {
      const outcomes = await inner.run(batch, infos);
      outcomes.forEach((outcome, i) => onItem(infos[i].id, { inputs: batch[i], outcome }));
      return outcomes;
    },
    close: inner.close?.bind(inner),
  };
}
