/** Evaluation of precision variants on labelled images: the report contract and how to make one. */
export { EvalReport, EvalTask, VariantPrecision, VariantQuality, VariantReport, evalReportPath } from './report-schema';
export { loadDataset, type Dataset, type DatasetItem } from './load-dataset';
export { measureQuality, QualityOptions, type QualityResult } from './measure-quality';
export { evaluateVariants, EvalOptions, type EvalProgress } from './evaluate-variants';
export { formatEvalReport } from './format-report';
