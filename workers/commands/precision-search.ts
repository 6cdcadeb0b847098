/**
 * `loupe precision search --in m.onnx --calib <folder> --val <dataset folder> --input <spec.json>
 * --budget <points> --out m.mixed.onnx [--max-missed X] [--max-false-rejects X]
 * [--objective speed|size] [--target cpu|…] [--json]`: per-layer sensitivity, then per-node
 * FP32 / FP16 / INT8 chosen under the budget on the held-out set. Writes the model only when the
 * budget is met; otherwise precision.budget-unmet with the best found, and no file.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { EvalTask } from '@/lib/precision/evaluate/report-schema';
import type { Budget } from '@/lib/precision/search/budget';
import { searchPrecision } from '@/lib/precision/search/search-precision';
import { formatSearchReport } from '@/lib/precision/search/format-search-report';
import type { BestFound } from '@/lib/precision/search/search-report';
import { TargetId } from '@/lib/precision/targets/profiles';
import { processIo, type CommandIo } from './io';
import { createProgress } from './progress';
import { readInputSpec } from './read-input-spec';

interface Flags {
  in: string;
  out: string;
  calib: string;
  val: string;
  input: string;
  budget?: string;
  maxMissed?: string;
  maxFalseRejects?: string;
  objective: string;
  target?: string;
  task?: string;
  threshold?: string;
  method: string;
  perChannel?: boolean;
  samples: string;
  speed: boolean;
  sensitivityVal?: boolean;
  json?: boolean;
}

const choice = (allowed: readonly string[]) => (value: string) => {
  if (!allowed.includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
  return value;
};

export function precisionSearchCommand(io: CommandIo = processIo): Command {
  return new Command('search')
    .description('Choose FP32 / FP16 / INT8 per node under an accuracy budget on a labelled held-out set')
    .requiredOption('--in <path>', 'FP32 ONNX model')
    .requiredOption('--out <path>', 'where to write the mixed-precision model (only if the budget is met)')
    .requiredOption('--calib <folder>', 'folder of calibration images')
    .requiredOption('--val <folder>', 'labelled held-out set: class sub-folders, good/ + defect folders, or YOLO labels')
    .requiredOption('--input <spec.json>', 'model input spec: {width, height, channels, scale, mean, std, layout}')
    .option('--budget <points>', 'at most this many points lost vs FP32 (accuracy; mAP@0.5 for detection; AUROC for anomaly)')
    .option('--max-missed <x>', 'anomaly: at most x missed defects per 1,000 defective parts')
    .option('--max-false-rejects <x>', 'anomaly: at most x false rejects per 1,000 good parts')
    .option('--objective <what>', 'speed (default) or size', choice(['speed', 'size']), 'speed')
    .option('--target <target>', `${TargetId.options.join(' | ')} (default: this machine's CPU); on CPU FP16 computes in FP32, so speed searches choose INT8 or FP32`, choice(TargetId.options))
    .option('--task <task>', 'classification | anomaly | detection (default: inferred from --val)', choice(EvalTask.options))
    .option('--threshold <x>', 'anomaly: fail when score > x (default: chosen on FP32 for ≤ 1% false rejects)')
    .option('--method <method>', 'calibration: minmax | percentile | entropy', choice(['minmax', 'percentile', 'entropy']), 'minmax')
    .option('--per-channel', 'per-output-channel weight scales')
    .option('--samples <n>', 'calibration images each layer’s sensitivity is measured on', '16')
    .option('--sensitivity-val', 'also score each layer quantized alone on --val (one pass over it per layer)')
    .option('--no-speed', 'skip measuring throughput of the result and FP32')
    .option('--json', 'print one JSON line')
    .action(async (flags: Flags) => {
      const fail = (problems: Problem[], best?: BestFound) => {
        if (flags.json) io.out(`${JSON.stringify({ ok: false, problems, ...(best ? { best } : {}) })}\n`);
        else io.err(`${problems.map((p) => `${p.code}: ${p.message}`).join('\n')}\n`);
        io.exit(1);
      };
      if (!existsSync(flags.in)) return fail([problem('model.missing-file', `No such model file: ${flags.in}`)]);
      const numbers = parseNumbers(flags);
      if (!('budget' in numbers)) return fail([numbers]);
      const spec = await readInputSpec(flags.input);
      if (!spec.ok) return fail(spec.problems);
      const progress = createProgress(io, { json: flags.json });
      const result = await searchPrecision({
        model: new Uint8Array(await readFile(flags.in)),
        modelName: flags.in,
        calibFolder: flags.calib,
        valFolder: flags.val,
        spec: spec.spec,
        options: {
          budget: numbers.budget,
          objective: flags.objective as 'speed',
          target: flags.target as TargetId | undefined,
          task: flags.task as EvalTask | undefined,
          threshold: numbers.threshold,
          sensitivitySamples: numbers.samples,
          measureSpeed: flags.speed,
          sensitivityOnVal: !!flags.sensitivityVal,
          int8: { method: flags.method as 'minmax', perChannel: !!flags.perChannel },
        },
        onProgress: progress.active ? (phase, done, total) => progress.report(phase, done, total) : undefined,
      });
      progress.end();
      if (!result.ok) return fail(result.problems, result.best);
      await writeFile(flags.out, result.bytes);
      if (flags.json) io.out(`${JSON.stringify({ ok: true, out: flags.out, report: result.report })}\n`);
      else io.out(`${formatSearchReport(result.report)}wrote ${flags.out}\n`);
      io.exit(0);
    });
}

type Numbers = { budget: Budget; threshold?: number; samples: number };

function parseNumbers(f: Flags): Numbers | Problem {
  const num = (flag: string, v: string | undefined, max: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > max) throw problem('precision.bad-budget', `${flag} must be a number from 0 to ${max}, got "${v}"`);
    return n;
  };
  try {
    const budget = { points: num('--budget', f.budget, 100), maxMissedPer1000: num('--max-missed', f.maxMissed, 1000), maxFalseRejectsPer1000: num('--max-false-rejects', f.maxFalseRejects, 1000) };
    if (Object.values(budget).every((v) => v === undefined)) return problem('precision.bad-budget', 'give a budget: --budget <points>, or --max-missed / --max-false-rejects <per 1,000 parts> for an anomaly set');
    const threshold = f.threshold === undefined ? undefined : Number(f.threshold);
    if (threshold !== undefined && !Number.isFinite(threshold)) return problem('run.bad-options', `--threshold must be a number, got "${f.threshold}"`);
    const samples = Number(f.samples);
    if (!Number.isInteger(samples) || samples < 1) return problem('run.bad-options', `--samples must be a positive whole number, got "${f.samples}"`);
    return { budget: Object.fromEntries(Object.entries(budget).filter(([, v]) => v !== undefined)) as Budget, threshold, samples };
  } catch (p) {
    return p as Problem;
  }
}
