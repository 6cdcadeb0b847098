import { describe, expect, it } from 'vitest';
import type { CompileContext, StageRunner } from '@/lib/pipeline/node-kind';
import { decision } from '@/lib/pipeline/nodes/decision';
import type { AnomalyMap, Classification, Detections, FrameInfo, Verdict } from '@/lib/pipeline/values';
import { nodeTestServices, runnerContext } from './node-test-services';

const ctx = (connectedInputs: string[]): CompileContext => ({
  nodeId: 'judge',
  frameShape: {},
  connectedInputs,
  preprocess: [],
  models: {},
  resolveModel: () => {
    throw new Error('not a model node');
  },
});

async function stage(params: Record<string, unknown>, inputs: string[]): Promise<StageRunner> {
  const out = decision.compile(decision.params.parse(params), ctx(inputs));
  if (Array.isArray(out)) throw new Error(out[0].message);
  return decision.createStage!(out.config, runnerContext(nodeTestServices()), {});
}

const info = (seq: number): FrameInfo => ({ id: `f${seq}`, seq, origin: `test:${seq}`, capturedAt: 0 });
const map = (score: number): AnomalyMap => ({ width: 2, height: 2, data: new Float32Array([0, 0.2, 0.4, score]), score });

async function verdicts(runner: StageRunner, batch: Record<string, unknown>[]): Promise<Verdict[]> {
  const outcomes = await runner.run(batch, batch.map((_, i) => info(i)));
  return outcomes.map((o) => (o as { verdict: Verdict }).verdict);
}

describe('decision: compile', () => {
  it('given none of its inputs connected, when compiled, then port.missing-input naming the node', () => {
    const out = decision.compile(decision.params.parse({}), ctx([]));
    expect(out).toEqual([expect.objectContaining({ code: 'port.missing-input', nodeId: 'judge' })]);
    expect((out as { message: string }[])[0].message).toContain('"judge"');
  });

  it('given a classifier connected but no labels, when compiled, then a bad-params problem rather than a rule that never fails', () => {
    const out = decision.compile(decision.params.parse({}), ctx(['classes']));
    expect(out).toEqual([expect.objectContaining({ code: 'node.bad-params', path: ['classification', 'defectLabels'] })]);
  });

  it('given defaults, when parsed, then nested rule groups are filled in', () => {
    expect(decision.params.parse({})).toEqual({
      anomalyThreshold: 0.5,
      detection: { minScore: 0.5 },
      classification: { defectLabels: [], minScore: 0.5, passLabels: [] },
    });
  });
});

describe('decision: rules', () => {
  it('given anomaly scores, when judged against 0.5, then only the one above fails, with the score in words', async () => {
    const runner = await stage({ anomalyThreshold: 0.5 }, ['anomaly']);
    const [low, edge, high] = await verdicts(runner, [{ anomaly: map(0.31) }, { anomaly: map(0.5) }, { anomaly: map(0.83) }]);
    expect(low).toEqual({ pass: true, reasons: [], defects: [] });
    expect(edge.pass).toBe(true);
    expect(high).toEqual({ pass: false, reasons: ['anomaly score 0.83 > 0.50'], defects: [{ kind: 'anomaly', score: 0.83 }] });
  });

  it('given detections, when judged, then confident defect classes fail the part with box and score, strongest first', async () => {
    const runner = await stage({ detection: { minScore: 0.5, classes: ['scratch', 'crack'] } }, ['detections']);
    const detections: Detections = [
      { box: [1, 2, 3, 4], classId: 0, label: 'scratch', score: 0.3 },
      { box: [12, 40, 30, 8], classId: 0, label: 'scratch', score: 0.91 },
      { box: [5.4, 6.6, 7, 8], classId: 2, label: 'crack', score: 0.95 },
      { box: [0, 0, 9, 9], classId: 3, label: 'label-sticker', score: 0.99 },
    ];
    const [v] = await verdicts(runner, [{ detections }]);
    expect(v.pass).toBe(false);
    expect(v.reasons).toEqual(['crack 0.95 at (5,7 7×8)', 'scratch 0.91 at (12,40 30×8)']);
    expect(v.defects).toEqual([
      { kind: 'crack', score: 0.95, box: [5.4, 6.6, 7, 8] },
      { kind: 'scratch', score: 0.91, box: [12, 40, 30, 8] },
    ]);
    const [none] = await verdicts(runner, [{ detections: [] }]);
    expect(none.pass).toBe(true);
  });

  it('given a detection rule whose class list is empty (cleared in the inspector), when judged, then every confident class is a defect, as with no list', async () => {
    const detections: Detections = [{ box: [0, 0, 9, 9], classId: 3, label: 'dent', score: 0.8 }];
    for (const detection of [{ minScore: 0.5, classes: [] }, { minScore: 0.5 }]) {
      const [v] = await verdicts(await stage({ detection }, ['detections']), [{ detections }]);
      expect(v.reasons).toEqual(['dent 0.80 at (0,0 9×9)']);
    }
  });

  it('given a classifier with defect labels, when the top class is a confident defect, then the part fails', async () => {
    const runner = await stage({ classification: { defectLabels: ['scratches', 'crazing'], minScore: 0.6 } }, ['classes']);
    const c = (label: string, score: number): Classification => ({ classId: 0, label, score, scores: [score] });
    const [defect, unsure, good] = await verdicts(runner, [{ classes: c('scratches', 0.9) }, { classes: c('crazing', 0.4) }, { classes: c('ok', 0.99) }]);
    expect(defect).toEqual({ pass: false, reasons: ['class scratches 0.90 ≥ 0.60'], defects: [{ kind: 'scratches', score: 0.9 }] });
    expect(unsure.pass).toBe(true);
    expect(good.pass).toBe(true);
  });

  it('given pass labels, when the top class is another class or an unsure good one, then the part fails', async () => {
    const runner = await stage({ classification: { passLabels: ['ok'], minScore: 0.7 } }, ['classes']);
    const c = (label: string, score: number): Classification => ({ classId: 1, label, score, scores: [] });
    const [good, other, unsure] = await verdicts(runner, [{ classes: c('ok', 0.95) }, { classes: c('dent', 0.55) }, { classes: c('ok', 0.6) }]);
    expect(good.pass).toBe(true);
    expect(other.reasons).toEqual(['class dent 0.55 is not a good class (ok)']);
    expect(unsure.reasons).toEqual(['class ok only 0.60 < 0.70, not sure it is good']);
  });

  it('given several inputs, when more than one rule fails, then all reasons are listed', async () => {
    const runner = await stage({}, ['anomaly', 'detections']);
    const [v] = await verdicts(runner, [{ anomaly: map(0.9), detections: [{ box: [0, 0, 2, 2], classId: 0, label: 'spot', score: 0.8 }] }]);
    expect(v.reasons).toEqual(['anomaly score 0.90 > 0.50', 'spot 0.80 at (0,0 2×2)']);
  });

  it('given a malformed anomaly score, when judged, then that frame gets a problem and the others a verdict', async () => {
    const runner = await stage({}, ['anomaly']);
    const outcomes = await runner.run([{ anomaly: map(Number.NaN) }, { anomaly: map(0.1) }], [info(0), info(1)]);
    expect(outcomes[0]).toEqual({ error: expect.objectContaining({ code: 'frame.stage-failed' }) });
    expect(outcomes[1]).toEqual({ verdict: { pass: true, reasons: [], defects: [] } });
  });
});
