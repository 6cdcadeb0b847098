/**
 * sink.log — one result record per inspected part, handed to the host's result sink (the
 * database writer, which batches further). Failed frames are logged too, as errors with their
 * problem, so every part that entered the line is accounted for.
 */
import { z } from 'zod';
import { defineNodeKind, type PortValues } from '../node-kind';
import { problem } from '../problems';
import type { ResultRecord } from '../runtime/services';
import type { FrameInfo, Verdict } from '../values';

const paramsSchema = z.object({}).strict();

interface Config {
  /** Whether the verdict input is wired; without it a frame passes unless it failed. */
  hasVerdict: boolean;
}

export const sinkLog = defineNodeKind({
  kind: 'sink.log',
  title: 'Result log',
  category: 'sink',
  description: 'Logs every inspected part (verdict, defects, reasons, latency) to the results database.',
  params: paramsSchema,
  inputs: { verdict: { type: 'Verdict', optional: true, label: 'Verdict' } },
  outputs: {},
  compile: (_params, ctx): { config: Config } => ({ config: { hasVerdict: ctx.connectedInputs.includes('verdict') } }),
  createStage: async (config, ctx) => {
    const { hasVerdict } = config as Config;
    const { services } = ctx;
    return {
      maxBatch: 256,
      async run(batch, infos) {
        const inspectedAt = services.now();
        await services.results.write(batch.map((values, i) => toRecord(values, infos[i], inspectedAt, hasVerdict, ctx.stageId)));
        return batch.map(() => ({}));
      },
    };
  },
});

function toRecord(values: PortValues, info: FrameInfo, inspectedAt: number, hasVerdict: boolean, stageId: string): ResultRecord {
  const verdict = values.verdict as Verdict | undefined;
  const error =
    info.error ??
    (hasVerdict && !verdict ? problem('internal', `No verdict reached result log "${stageId}" for this frame`, { nodeId: stageId }) : undefined);
  // One literal of one shape for every record (absent fields left undefined): spreading a base
  // object per record cost more than the rest of the sink together.
  return {
    frameId: info.id,
    seq: info.seq,
    origin: info.origin,
    inspectedAt,
    latencyMs: Math.max(0, inspectedAt - info.capturedAt),
    verdict: error ? 'error' : !verdict || verdict.pass ? 'pass' : 'fail',
    defects: error || !verdict ? [] : (verdict.defects ?? []),
    reasons: error || !verdict ? [] : (verdict.reasons ?? []),
    error,
    truth: info.truth,
  };
}
