/**
 * The `loupe precision <kind>` arguments for a job, built when it starts (an eval takes the
 * variants that exist then, so "FP16, then evaluate" queued together evaluates the FP16 too).
 */
import type { PrecisionJobRecord } from '@/lib/db/types';
import type { JobRequest } from './job-request';
import type { LabModel } from './list-models';

/** `out`: where the command writes its model (default the job's own `out`; the runner passes a scratch file). */
export function commandArgv(job: PrecisionJobRecord, model: LabModel, specFile: string, out?: string): string[] {
  const a = job.args as JobRequest & { out?: string };
  const target = out ?? a.out!;
  const argv = ['precision', a.kind];
  if (a.kind === 'fp16') {
    argv.push('--in', model.path, '--out', target);
    if (a.keepIoTypes) argv.push('--keep-io-types');
    if (a.blockOps?.length) argv.push('--block-ops', a.blockOps.join(','));
    if (a.blockNodes?.length) argv.push('--block-nodes', a.blockNodes.join(','));
  } else if (a.kind === 'int8') {
    argv.push('--in', model.path, '--out', target, '--calib', a.calib, '--input', specFile, '--method', a.method);
    if (a.percentile !== undefined) argv.push('--percentile', String(a.percentile));
    if (a.perChannel) argv.push('--per-channel');
    if (a.smoothquant !== undefined) argv.push('--smoothquant', String(a.smoothquant));
  } else if (a.kind === 'search') {
    argv.push('--in', model.path, '--calib', a.calib, '--val', a.val, '--input', specFile, '--budget', String(a.budget), '--out', target);
  } else {
    // The FP32 model first: agreement is measured against it.
    for (const path of [model.path, ...model.variants.map((v) => v.path)]) argv.push('--model', path);
    argv.push('--val', a.val, '--input', specFile);
  }
  return [...argv, '--json'];
}
