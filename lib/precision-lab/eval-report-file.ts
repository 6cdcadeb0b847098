/**
 * The lab keeps a model's latest evaluation at evalReportPath(<variant folder>/<stem>.onnx): for
 * an uploaded model that is the file `loupe precision eval --save` writes; for a committed model
 * it is under <data>/models/variants/, so the lab never writes into models/. Variant paths in the
 * file stay relative to the file's folder, as the contract says.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { EvalReport, evalReportPath } from '@/lib/precision/evaluate/report-schema';
import { displayPath, type LabPaths, stemOf, variantFolder } from './lab-paths';
import type { LabModel } from './list-models';

export const labReportPath = (p: LabPaths, model: LabModel) => evalReportPath(join(variantFolder(p, model.absolute), `${stemOf(model.absolute)}.onnx`));

/** The report in a command's JSON line: the line itself, or its `report`. */
export function extractEvalReport(result: Record<string, unknown> | null): EvalReport | null {
  for (const candidate of [result, result?.report]) {
    const parsed = EvalReport.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** Saves a report the CLI made (paths relative to the FP32 model's folder) as the model's lab report. */
export function saveLabReport(p: LabPaths, model: LabModel, report: EvalReport): string {
  const file = labReportPath(p, model);
  const from = dirname(model.absolute);
  const variants = report.variants.map((v) => ({ ...v, path: relative(dirname(file), resolve(from, v.path)) || v.path }));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...report, variants }, null, 2)}\n`);
  return displayPath(p, file);
}

/** The model's lab report with variant paths as the lab shows them; null when none or unreadable. */
export function readLabReport(p: LabPaths, model: LabModel): EvalReport | null {
  const file = labReportPath(p, model);
  if (!existsSync(file)) return null;
  try {
    const report = EvalReport.parse(JSON.parse(readFileSync(file, 'utf8')));
    return { ...report, variants: report.variants.map((v) => ({ ...v, path: displayPath(p, resolve(dirname(file), v.path)) })) };
  } catch {
    return null;
  }
}
