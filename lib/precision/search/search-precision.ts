/**
 * `precision search` as a library call: calibrate once, rank the units (measured output error
 * when each alone is quantized, plus the data-free weight ranking), search per-node precisions
 * under the budget on the held-out labelled set, and measure the result's speed against FP32.
 * Never returns a model that breaks the budget: then it is `precision.budget-unmet` with the best
 * candidate found, and no bytes.
 */
import { problem, ProblemError, type Problem } from '@/lib/pipeline/problems';
import { localCpuTarget } from '../targets/detect-cpu';
import { precisionWarnings } from '../targets/precision-warnings';
import { TARGET_PROFILES } from '../targets/profiles';
import type { VariantQuality } from '../evaluate/report-schema';
import { budgetProblems, checkBudget, describeBudget, type BudgetCheck } from './budget';
import { buildVariant, type Assignment } from './build-variant';
import { calibrateModel } from './calibrated-model';
import { createDatasetEvaluator, type VariantEvaluator } from './evaluator';
import { measureSensitivity } from './layer-sensitivity';
import { mixedSearch, type SearchStep } from './mixed-search';
import { describeCheck, nodeReason } from './node-reasons';
import { SearchOptions, type SearchOptionsInput } from './options';
import { ladderNote, precisionLadder, type NodePrecision } from './precision-ladder';
import type { BestFound, SearchReport } from './search-report';
import { weightRanking } from './weight-ranking';
import type { InputSpec } from '../input-spec';

export interface SearchRequest {
  model: Uint8Array;
  modelName?: string;
  calibFolder: string;
  valFolder: string;
  spec: InputSpec;
  options: SearchOptionsInput;
  /** Scores candidates; default: the evaluation module on `valFolder` with onnxruntime-node. */
  evaluator?: VariantEvaluator;
  onProgress?: (phase: string, done: number, total: number) => void;
  onStep?: (step: SearchStep) => void;
}

export type SearchResult = { ok: true; bytes: Uint8Array; report: SearchReport } | { ok: false; problems: Problem[]; best?: BestFound };

export async function searchPrecision(req: SearchRequest): Promise<SearchResult> {
  const parsed = SearchOptions.safeParse(req.options);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => problem(i.path[0] === 'budget' ? 'precision.bad-budget' : 'run.bad-options', `search option ${i.path.join('.') || '(root)'}: ${i.message}`)) };
  const o = parsed.data;
  const target = o.target ?? localCpuTarget();
  const ladder = precisionLadder(target, o.objective);
  const provider = TARGET_PROFILES[target].provider === 'cuda' || TARGET_PROFILES[target].provider === 'tensorrt' ? 'cuda' : 'cpu';
  let evaluator = req.evaluator;
  try {
    // The labelled set is listed first: a bad --val folder fails before minutes of calibration.
    evaluator ??= await createDatasetEvaluator({
      valFolder: req.valFolder,
      spec: req.spec,
      task: o.task,
      speedProvider: provider,
      intraOpThreads: o.intraOpThreads,
      quality: { threshold: o.threshold, ...(o.decoder ? { decoder: o.decoder } : {}) },
    });
    const ev = evaluator;
    const cm = await calibrateModel({ model: req.model, modelName: req.modelName, calibFolder: req.calibFolder, spec: req.spec, options: o.int8, onProgress: (d, t) => req.onProgress?.('calibrate', d, t) });
    if (cm.units.length === 0) return { ok: false, problems: [problem('model.unsupported', `${req.modelName ?? 'the model'} has no node the search can quantize (op types: ${cm.options.opTypes.join(', ')})`)] };
    const reference = await ev.quality(req.model, (d, t) => req.onProgress?.('fp32 quality', d, t));
    const refused = budgetProblems(ev.task, o.budget, reference);
    if (refused.length) return { ok: false, problems: refused };

    const weights = weightRanking(cm);
    const sensitivity = await measureSensitivity({ cm, spec: req.spec, precision: ladder[0], samples: o.sensitivitySamples, onProgress: (d, t) => req.onProgress?.('sensitivity', d, t) });
    // Most sensitive first: lowest output SQNR; the weight SQNR breaks ties (e.g. exact zeros).
    const ranking = cm.units
      .map((u) => u.id)
      .sort((a, b) => sensitivity.get(a)!.sqnrDb - sensitivity.get(b)!.sqnrDb || (weights.get(a)!.weightSqnrDb ?? 200) - (weights.get(b)!.weightSqnrDb ?? 200));
    const budgetText = describeBudget(o.budget);
    const alone = new Map<string, BudgetCheck>();
    if (o.sensitivityOnVal) {
      for (const [k, u] of cm.units.entries()) {
        const quality = await ev.quality(buildVariant(cm, new Map([[u.id, ladder[0]]])));
        alone.set(u.id, checkBudget(ev.task, o.budget, reference, quality));
        req.onProgress?.('sensitivity on --val', k + 1, cm.units.length);
      }
    }
    const cache = new Map<string, { check: BudgetCheck; quality: VariantQuality }>();
    const key = (a: Assignment) => ranking.map((u) => a.get(u)).join(',');
    const score = async (a: Assignment) => {
      const k = key(a);
      if (!cache.has(k)) {
        const bytes = buildVariant(cm, a);
        const quality = await ev.quality(bytes, (d, t) => req.onProgress?.(`search step ${cache.size}`, d, t));
        cache.set(k, { check: checkBudget(ev.task, o.budget, reference, quality), quality });
      }
      return cache.get(k)!.check;
    };
    const outcome = await mixedSearch({ ranking, ladder, score, onStep: req.onStep });
    const counts = countOf(outcome.assignment);
    const useful = [...outcome.assignment.values()].some((p) => p !== 'fp32');
    if (!outcome.check.met || !useful) {
      const best = outcome.best;
      const bestCounts = countOf(best.assignment);
      const fp32Nodes = [...best.assignment].filter(([, p]) => p === 'fp32').map(([u]) => u);
      const closest = outcome.history.filter((s) => !s.check.met).sort((a, b) => a.check.excess - b.check.excess)[0];
      const what = !outcome.check.met
        ? `${summary(bestCounts)} (${describeCheck(best.check)})`
        : `only the all-FP32 model itself; the closest reduced candidate ${closest ? describeCheck(closest.check) : 'was not scored'}`;
      return { ok: false, best: { check: best.check, counts: bestCounts, fp32Nodes }, problems: [problem('precision.budget-unmet', `no variant meets the budget (${budgetText}); best found: ${what}`)] };
    }
    const bytes = buildVariant(cm, outcome.assignment);
    const final = cache.get(key(outcome.assignment))!;
    let speed: SearchReport['speed'];
    if (o.measureSpeed) {
      req.onProgress?.('speed', 0, 2);
      const fp32 = await ev.speed(req.model);
      req.onProgress?.('speed', 1, 2);
      const mixed = await ev.speed(bytes);
      req.onProgress?.('speed', 2, 2);
      speed = { fp32, mixed, speedup: fp32.imagesPerSecond > 0 ? Number((mixed.imagesPerSecond / fp32.imagesPerSecond).toFixed(3)) : 0 };
    }
    const rank = new Map(ranking.map((u, i) => [u, i + 1]));
    const nodes = cm.units.map((u) => ({
      id: u.id,
      opType: u.opType,
      precision: outcome.assignment.get(u.id)!,
      sensitivityRank: rank.get(u.id)!,
      sensitivity: sensitivity.get(u.id)!,
      ...(alone.has(u.id) ? { alone: alone.get(u.id)! } : {}),
      weight: weights.get(u.id)!,
      reason: nodeReason(u.id, outcome.assignment.get(u.id)!, ladder, outcome.history, budgetText),
    }));
    const report: SearchReport = {
      objective: o.objective,
      target,
      ladder,
      budget: o.budget,
      budgetText,
      budgetMet: true,
      task: ev.task,
      valItems: ev.items,
      calibrationImages: cm.calibrationFiles.length,
      sensitivitySamples: Math.min(o.sensitivitySamples, cm.calibrationFiles.length),
      reference: { quality: reference, bytes: req.model.byteLength },
      result: { quality: final.quality, check: final.check, bytes: bytes.byteLength, counts },
      ...(speed ? { speed } : {}),
      nodes,
      history: outcome.history,
      warnings: [
        ...(['int8', 'fp16'] as const).filter((p) => counts[p] > 0).flatMap((p) => precisionWarnings(target, p)),
        // The ladder assumes the cheaper format is faster per node; the measurement has the last word.
        ...(speed && o.objective === 'speed' && speed.speedup < 1 ? [`the result measured slower than FP32 here (×${speed.speedup}): Q/DQ and cast overhead outweighs the faster kernels on this model; keep FP32 if speed is the goal`] : []),
      ],
      notes: [ladderNote(target, o.objective, ladder), `nodes the search does not decide (ReLU, pooling, reshapes) follow the precision of the node feeding them`, ...ev.notes],
    };
    return { ok: true, bytes, report };
  } catch (err) {
    if (err instanceof ProblemError) return { ok: false, problems: err.problems };
    throw err;
  } finally {
    if (evaluator && !req.evaluator) await evaluator.close();
  }
}

function countOf(a: ReadonlyMap<string, NodePrecision>): Record<NodePrecision, number> {
  const c: Record<NodePrecision, number> = { int8: 0, fp16: 0, fp32: 0 };
  for (const p of a.values()) c[p]++;
  return c;
}

function summary(c: Record<NodePrecision, number>): string {
  return (['int8', 'fp16', 'fp32'] as const).filter((p) => c[p] > 0).map((p) => `${c[p]} node(s) ${p.toUpperCase()}`).join(', ');
}
