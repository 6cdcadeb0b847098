/** Per-layer sensitivity and mixed-precision search under an accuracy budget. */
export { searchPrecision, type SearchRequest, type SearchResult } from './search-precision';
export { SearchOptions, type SearchOptionsInput } from './options';
export { Budget, checkBudget, type BudgetCheck } from './budget';
export { precisionLadder, type NodePrecision, type Objective } from './precision-ladder';
export { calibrateModel, type CalibratedModel, type SearchUnit } from './calibrated-model';
export { buildVariant, type Assignment } from './build-variant';
export { measureSensitivity, type OutputError } from './layer-sensitivity';
export { weightRanking, type WeightStats } from './weight-ranking';
export { createDatasetEvaluator, type VariantEvaluator } from './evaluator';
export type { SearchReport, NodeDecision, BestFound } from './search-report';
