/**
 * The runner every model node shares: load the session once, write each frame of a batch with the
 * fused kernel straight into one input tensor, run once per batch, decode per item. Frames whose
 * preprocessed size differs (a model with symbolic height/width) go in separate runs; a frame
 * that cannot be fed becomes that frame's error, never the batch's.
 */
import type { PortValues, RunnerContext, StageOutcome, StageRunner } from '../node-kind';
import type { ModelRef } from '../plan';
import type { PreprocessOp } from '../preprocess-ops';
import { problem, type Problem } from '../problems';
import { createFusedKernel } from '../preprocess/fused-kernel';
import type { FusedPlan } from '../preprocess/fused-plan';
import { messageOf } from '../runtime/message-of';
import type { ModelOutputs, ModelSession } from '../runtime/services';
import type { Frame, Tensor } from '../values';
import { byteFeedFor } from './byte-feed';
import { createFlightDepth, type FlightDepth } from './flight-depth';
import type { ImageInput } from './image-input';
import { inputFill, type InputFill } from './input-fill';
import { openModelSessions } from './model-sessions';

export interface ItemContext {
  frame: Frame;
  /** The tensor item's size, i.e. the model's input width × height for this frame. */
  plan: FusedPlan;
  ops: readonly PreprocessOp[];
}

/**
 * Decodes one item's outputs (batch dimension removed) into the node's port values. What it
 * returns must not refer to the outputs' arrays (copy what it keeps): once every item is decoded,
 * the stage hands the outputs back to the session, which fills them with a later run's values.
 */
export type ItemDecoder = (outputs: ModelOutputs, item: ItemContext) => PortValues;

interface Prepared {
  index: number;
  frame: Frame;
  plan: FusedPlan;
}

export async function createModelStage(
  ctx: RunnerContext,
  stage: { model?: ModelRef; preprocess?: PreprocessOp[] },
  input: ImageInput,
  decode: ItemDecoder,
): Promise<StageRunner> {
  if (!stage.model) throw new Error(`stage ${ctx.stageId} has no model in its plan`);
  const ops = stage.preprocess ?? [];
  const feed = byteFeedFor(ops, input);
  const sessions = await openModelSessions(ctx, stage.model.path, feed);
  const kernel = createFusedKernel(ops);
  // Bytes, in the layout each session took, where both the preprocessing and the engine allow it; floats otherwise.
  const fill = inputFill(kernel, feed);
  if (feed && sessions.byteLayout) {
    ctx.services.log?.('debug', `model stage ${ctx.stageId} feeds 8-bit pixels (${sessions.byteLayout}); the model scales them`, { stageId: ctx.stageId, ...feed });
  }
  const depth = createFlightDepth();
  const timing = { now: () => ctx.services.now(), depth };
  return {
    // A model fixed at one item per run still gets batches where its sessions run them item by item.
    maxBatch: input.dynamicBatch || sessions.splitsBatch ? Math.max(1, ctx.maxBatch) : 1,
    // Off the JS thread, each session has batches prepared behind the one computing (see flight-depth);
    // read by the stage loop before each batch, so it follows the measured run time.
    get inFlight() {
      return sessions.offThread ? depth.perSession() * sessions.count : 1;
    },
    async run(batch) {
      const session = sessions.take();
      const outcomes: StageOutcome[] = new Array(batch.length);
      const groups = new Map<string, Prepared[]>();
      batch.forEach((values, index) => {
        const prepared = prepare(values, kernel.plan, input);
        if ('error' in prepared) outcomes[index] = prepared;
        else {
          const key = `${prepared.plan.channels}x${prepared.plan.height}x${prepared.plan.width}`;
          groups.set(key, [...(groups.get(key) ?? []), { index, ...prepared }]);
        }
      });
      try {
        for (const items of groups.values()) {
          const results = await runGroup(items, session, fill, input.name, (outs, item) => decode(outs, { ...item, ops }), timing);
          items.forEach((item, i) => (outcomes[item.index] = results[i]));
        }
      } finally {
        sessions.give(session);
      }
      return outcomes;
    },
    close: () => sessions.release(),
  };
}

function prepare(values: PortValues, plan: (f: Frame) => FusedPlan | { error: string }, input: ImageInput): { frame: Frame; plan: FusedPlan } | { error: Problem } {
  const frame = values.frame as Frame | undefined;
  if (!frame || !(frame.data instanceof Uint8Array) || frame.data.length !== frame.width * frame.height * frame.channels) {
    return { error: problem('frame.stage-failed', 'The model got no valid frame (width × height × channels must match the pixel data)') };
  }
  const p = plan(frame);
  if ('error' in p) return { error: problem('frame.stage-failed', `Preprocessing cannot apply to this ${frame.width}×${frame.height} frame: ${p.error}`) };
  const want = `${input.channels ?? p.channels}×${input.height ?? p.height}×${input.width ?? p.width}`;
  const got = `${p.channels}×${p.height}×${p.width}`;
  if (want !== got) {
    return {
      error: problem('model.input-mismatch', `This ${frame.width}×${frame.height}×${frame.channels} frame preprocesses to C×H×W = ${got}, but the model expects ${want}`),
    };
  }
  return { frame, plan: p };
}

async function runGroup(
  items: Prepared[],
  session: ModelSession,
  fill: InputFill,
  inputName: string,
  decode: (outputs: ModelOutputs, item: { frame: Frame; plan: FusedPlan }) => PortValues,
  timing: { now: () => number; depth: FlightDepth },
): Promise<StageOutcome[]> {
  // Every item was planned by prepare(), so the writes fill the whole array, recycled or not.
  const feed = fill(session, items.map((item) => item.frame), items[0].plan);
  let outputs: ModelOutputs;
  try {
    // The feed's array is this call's own and is not read again, so it may be moved to the inference thread.
    const sentAt = timing.now();
    outputs = await session.run({ [inputName]: feed }, { transferInputs: true });
    timing.depth.observe(session, sentAt, timing.now(), feed.data.byteLength);
  } catch (err) {
    const failed = { error: problem('frame.stage-failed', `The model failed on this batch: ${messageOf(err)}`) };
    return items.map(() => failed);
  }
  const outcomes = items.map((item, i): StageOutcome => {
    try {
      return decode(sliceItem(outputs, i, items.length), item);
    } catch (err) {
      return { error: problem('frame.stage-failed', `The model output could not be decoded: ${messageOf(err)}`) };
    }
  });
  session.recycle?.(outputs);
  return outcomes;
}

/** Item i of every output, batch dimension removed. An output without the batch dimension is shared. */
function sliceItem(outputs: ModelOutputs, i: number, n: number): ModelOutputs {
  const out = new Map<string, Tensor>();
  for (const [name, t] of outputs) {
    if (t.dims[0] !== n || t.dims.length === 0) {
      out.set(name, t);
      continue;
    }
    const size = t.data.length / n;
    out.set(name, { dims: t.dims.slice(1), data: t.data.subarray(i * size, (i + 1) * size) });
  }
  return out;
}
