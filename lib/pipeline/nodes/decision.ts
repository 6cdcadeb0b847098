/**
 * decision — pass/fail rules over whatever model outputs are wired in: an anomaly score over a
 * threshold, detections of defect classes above a score, or a classifier that names a defect
 * (or fails to name a good class). Every failed rule adds a reason an inspector can read.
 */
import { z } from 'zod';
import { defineNodeKind, type StageOutcome } from '../node-kind';
import { problem } from '../problems';
import { messageOf } from '../runtime/message-of';
import type { AnomalyMap, Classification, Detections, Verdict } from '../values';
import { judgeAnomaly, judgeClasses, judgeDetections, type Finding } from '../decision/rules';

const paramsSchema = z
  .object({
    /** The part fails when the image-level anomaly score is above this. */
    anomalyThreshold: z.number().min(0).default(0.5),
    detection: z
      .object({
        minScore: z.number().min(0).max(1).default(0.5),
        /** Labels that count as defects; absent = every detected class is a defect. */
        classes: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .prefault({}),
    classification: z
      .object({
        /** A top class among these, at minScore or more, fails the part. */
        defectLabels: z.array(z.string().min(1)).default([]),
        minScore: z.number().min(0).max(1).default(0.5),
        /** If set, the part passes only when the top class is one of these at minScore or more. */
        passLabels: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type DecisionConfig = z.output<typeof paramsSchema>;
const RULE_INPUTS = ['anomaly', 'detections', 'classes'];

export const decision = defineNodeKind({
  kind: 'decision',
  title: 'Decision',
  category: 'decision',
  description: 'Pass or fail each part from an anomaly score, detected defects and/or a classifier, with the reasons in words.',
  params: paramsSchema,
  inputs: {
    anomaly: { type: 'AnomalyMap', optional: true, label: 'Anomaly map' },
    detections: { type: 'Detections', optional: true, label: 'Detections' },
    classes: { type: 'Classification', optional: true, label: 'Class' },
  },
  outputs: { verdict: { type: 'Verdict' } },
  compile: (params, ctx) => {
    if (!RULE_INPUTS.some((p) => ctx.connectedInputs.includes(p))) {
      return [
        problem('port.missing-input', `Decision "${ctx.nodeId}" has nothing to decide on: connect anomaly (AnomalyMap), detections (Detections) or classes (Classification)`, {
          nodeId: ctx.nodeId,
        }),
      ];
    }
    const { defectLabels, passLabels } = params.classification;
    if (ctx.connectedInputs.includes('classes') && defectLabels.length === 0 && passLabels.length === 0) {
      return [
        problem('node.bad-params', `Decision "${ctx.nodeId}": a classifier is connected but no defect labels or pass labels are set, so it can never fail a part`, {
          nodeId: ctx.nodeId,
          path: ['classification', 'defectLabels'],
        }),
      ];
    }
    return { config: params };
  },
  createStage: async (config, ctx) => ({
    maxBatch: Math.max(1, ctx.maxBatch),
    run: async (batch) => batch.map((values) => decide(config as DecisionConfig, values)),
  }),
});

function decide(config: DecisionConfig, values: Record<string, unknown>): StageOutcome {
  const findings: Finding[] = [];
  try {
    if (values.anomaly !== undefined) findings.push(...judgeAnomaly(values.anomaly as AnomalyMap, config.anomalyThreshold));
    if (values.detections !== undefined) findings.push(...judgeDetections(values.detections as Detections, config.detection));
    if (values.classes !== undefined) findings.push(...judgeClasses(values.classes as Classification, config.classification));
  } catch (err) {
    return { error: problem('frame.stage-failed', `Decision could not judge this part: ${messageOf(err)}`) };
  }
  const verdict: Verdict = { pass: findings.length === 0, reasons: findings.map((f) => f.reason), defects: findings.map((f) => f.defect) };
  return { verdict };
}
