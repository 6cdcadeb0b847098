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
    anomalyThreshold: z.number().min(0).default(0.5).describe('The part fails when its anomaly score is above this.'),
    detection: z
      .object({
        minScore: z.number().min(0).max(1).default(0.5).describe('A detection at this score or more is a defect.'),
        classes: z.array(z.string().min(1)).optional().describe('Labels that count as defects, comma-separated; empty: every detected class.'),
      })
      .strict()
      .prefault({})
      .describe('Applies when detections are connected.'),
    classification: z
      .object({
        defectLabels: z.array(z.string().min(1)).default([]).describe('A top class among these, at the min score or more, fails the part.'),
        minScore: z.number().min(0).max(1).default(0.5),
        passLabels: z.array(z.string().min(1)).default([]).describe('If set, the part passes only when its top class is one of these at the min score or more.'),
      })
      .strict()
      .prefault({})
      .describe('Applies when a classifier is connected.'),
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
