/**
 * Turns a form's request into a job row's fields, or refuses it with request.invalid Problems
 * (unknown model, missing or image-less folders) before anything is queued.
 */
import { ProblemError, problem, type Problem } from '@/lib/pipeline/problems';
import type { CreatePrecisionJobInput } from '@/lib/db/precision-jobs-repo';
import { checkImageFolder } from './image-folder';
import type { JobRequest } from './job-request';
import { displayPath, type LabPaths, variantOutPath } from './lab-paths';
import { findLabModel } from './list-models';

const OUT_PRECISION = { fp16: 'fp16', int8: 'int8', search: 'mixed' } as const;

export async function prepareJob(p: LabPaths, request: JobRequest): Promise<CreatePrecisionJobInput> {
  const model = findLabModel(p, request.model);
  if (!model) throw new ProblemError([problem('request.invalid', `No model "${request.model}" in models/ or the lab's uploads`, { path: ['model'] })]);
  const problems: Problem[] = [];
  const resolved: Record<string, string> = {};
  const folders = [
    ['calib', 'Calibration'],
    ['val', 'Validation'],
  ] as const;
  for (const [field, label] of folders) {
    const value = (request as Record<string, unknown>)[field];
    if (typeof value !== 'string') continue;
    const check = await checkImageFolder(p, value, field, label);
    if (check.ok) resolved[field] = check.path;
    else problems.push(check.problem);
  }
  if (problems.length) throw new ProblemError(problems);
  const out = request.kind === 'eval' ? undefined : displayPath(p, variantOutPath(p, model.absolute, OUT_PRECISION[request.kind]));
  return { modelPath: model.path, kind: request.kind, args: { ...request, model: model.path, ...resolved, ...(out ? { out } : {}) } };
}
