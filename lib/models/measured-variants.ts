/**
 * What the editor shows beside a model node's precision choice: the variant files that exist next
 * to the FP32 model or in the Precision Lab's variant folder (m.fp16.onnx, m.int8.onnx, m.mixed.onnx, with their size) and, when
 * `loupe precision eval --save` has written one, the evaluation report (evalReportPath) with the
 * measured accuracy, throughput and size of each. A report that does not fit the schema is said
 * so in words, never thrown: the editor still opens.
 */
import { readFileSync, statSync } from 'node:fs';
import { EvalReport, evalReportPath, type VariantPrecision } from '../precision/evaluate/report-schema';
import { findVariantFile } from './variant-locations';

export interface VariantFile {
  precision: VariantPrecision;
  /** As the caller displays paths (relative to the project, like graphs name models). */
  path: string;
  bytes: number;
}

export interface MeasuredVariants {
  files: VariantFile[];
  report?: EvalReport;
  reportProblem?: string;
}

const PRECISIONS: VariantPrecision[] = ['fp32', 'fp16', 'int8', 'mixed'];
/** A file that is itself a variant of another (m.int8.onnx): listed under its FP32 model, not on its own. */
export const VARIANT_FILE = /\.(fp32|fp16|int8|mixed)\.onnx$/i;

export function variantFileOf(modelPath: string, precision: VariantPrecision): string {
  return precision === 'fp32' ? modelPath : modelPath.replace(/(\.onnx)?$/i, `.${precision}.onnx`);
}

export function measuredVariants(modelPath: string, display: (absolute: string) => string = (p) => p): MeasuredVariants {
  const files: VariantFile[] = [];
  for (const precision of PRECISIONS) {
    const file = findVariantFile(modelPath, variantFileOf(modelPath, precision));
    if (file) files.push({ precision, path: display(file), bytes: statSync(file).size });
  }
  const reportFile = findVariantFile(modelPath, evalReportPath(modelPath));
  if (!reportFile) return { files };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch (err) {
    return { files, reportProblem: `${display(reportFile)} is not JSON: ${(err as Error).message}` };
  }
  const parsed = EvalReport.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { files, reportProblem: `${display(reportFile)} is not an evaluation report (${first.path.join('.') || 'file'}: ${first.message})` };
  }
  return { files, report: parsed.data };
}
