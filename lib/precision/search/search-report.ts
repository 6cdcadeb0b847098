/**
 * What a search says about its result: per node the precision it got and why (its sensitivity
 * and the budget effect of the steps that moved it), the quality of FP32 and of the result on the
 * held-out set, sizes and measured speed, and every scored step.
 */
import type { VariantQuality } from '../evaluate/report-schema';
import type { Budget, BudgetCheck } from './budget';
import type { VariantSpeed } from './evaluator';
import type { OutputError } from './layer-sensitivity';
import type { SearchStep } from './mixed-search';
import type { NodePrecision, Objective } from './precision-ladder';
import type { WeightStats } from './weight-ranking';

export interface NodeDecision {
  id: string;
  opType: string;
  precision: NodePrecision;
  /** 1 = the unit whose lone quantization moved the outputs most. */
  sensitivityRank: number;
  sensitivity: OutputError;
  /** With sensitivityOnVal: the held-out budget check of this unit quantized alone. */
  alone?: BudgetCheck;
  weight: WeightStats;
  reason: string;
}

export interface SearchReport {
  objective: Objective;
  target: string;
  ladder: NodePrecision[];
  budget: Budget;
  budgetText: string;
  budgetMet: boolean;
  task: string;
  valItems: number;
  calibrationImages: number;
  sensitivitySamples: number;
  reference: { quality: VariantQuality; bytes: number };
  result: { quality: VariantQuality; check: BudgetCheck; bytes: number; counts: Record<NodePrecision, number> };
  speed?: { fp32: VariantSpeed; mixed: VariantSpeed; speedup: number };
  nodes: NodeDecision[];
  history: SearchStep[];
  warnings: string[];
  notes: string[];
}

/** The search's best candidate when nothing met the budget (returned beside the Problem). */
export interface BestFound {
  check: BudgetCheck;
  counts: Record<NodePrecision, number>;
  fp32Nodes: string[];
}
