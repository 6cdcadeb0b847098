/**
 * `loupe precision eval --model a.onnx --model b.onnx … --val <dataset folder> --input <spec.json>
 * [--task classification|anomaly|detection] [--batch N] [--threshold X] [--target …] [--save] [--json]`:
 * evaluates variants of one model (the first is the FP32 reference) on a labelled dataset and
 * prints the EvalReport — one JSON line with --json, a table otherwise; progress on a terminal
 * (or as JSON lines on stderr for the Precision Lab, see progress.ts).
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { problem, ProblemError, type Problem } from '@/lib/pipeline/problems';
import { evaluateVariants, type EvalProgress } from '@/lib/precision/evaluate/evaluate-variants';
import { formatEvalReport } from '@/lib/precision/evaluate/format-report';
import { EvalTask, evalReportPath } from '@/lib/precision/evaluate/report-schema';
import { TargetId } from '@/lib/precision/targets/profiles';
import { processIo, type CommandIo } from './io';
import { createProgress } from './progress';
import { readInputSpec } from './read-input-spec';

interface Flags {
  model: string[];
  val: string;
  input: string;
  task?: string;
  batch: string;
  threshold?: string;
  target?: string;
  decoder?: string;
  threads?: string;
  memory: boolean;
  save?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const choice = (allowed: readonly string[]) => (value: string) => {
  if (!allowed.includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
  return value;
};

export function precisionEvalCommand(io: CommandIo = processIo): Command {
  return new Command('eval')
    .description('Evaluate variants of one model (first = FP32 reference) on a labelled dataset: quality, agreement, speed, size, memory')
    .requiredOption('--model <path>', 'a variant; repeat for each (the first is the FP32 reference)', collect)
    .requiredOption('--val <folder>', 'labelled dataset: class sub-folders, good/ + defect folders, or images with YOLO txt labels')
    .requiredOption('--input <spec.json>', 'model input spec: {width, height, channels, scale, mean, std, layout}')
    .option('--task <task>', 'classification | anomaly | detection (default: inferred from the folder)', choice(EvalTask.options))
    .option('--batch <n>', 'batch size for the batch-N throughput', '8')
    .option('--threshold <x>', 'anomaly: fail when score > x (default: chosen for ≤ 1% false rejects on good parts)')
    .option('--target <target>', `${TargetId.options.join(' | ')} (default: this machine's CPU)`, choice(TargetId.options))
    .option('--decoder <kind>', 'detection output: yolo | fastestdet | ssd', choice(['yolo', 'fastestdet', 'ssd']))
    .option('--threads <n>', 'ONNX Runtime intra-op threads (default: every core)')
    .option('--no-memory', 'skip the peak-memory measurement (a child process per variant)')
    .option('--save', "write the report as <model>.eval.json beside the first model")
    .option('--json', 'print the report as one JSON line')
    .action(async (flags: Flags) => {
      const fail = (problems: Problem[]) => {
        if (flags.json) io.out(`${JSON.stringify({ ok: false, problems })}\n`);
        else io.err(`${problems.map((p) => `${p.code}: ${p.message}`).join('\n')}\n`);
        io.exit(1);
      };
      const numbers = parseNumbers(flags);
      if (!Array.isArray(numbers)) return fail([numbers]);
      const spec = await readInputSpec(flags.input);
      if (!spec.ok) return fail(spec.problems);
      const progress = createProgress(io, { json: flags.json });
      try {
        const report = await evaluateVariants({
          models: flags.model,
          valFolder: flags.val,
          spec: spec.spec,
          options: {
            task: flags.task as EvalTask | undefined,
            target: flags.target as TargetId | undefined,
            batchSize: numbers[0],
            intraOpThreads: numbers[2],
            measureMemory: flags.memory,
            quality: { threshold: numbers[1], decoder: flags.decoder as 'yolo' | undefined },
          },
          onProgress: progress.active ? (p) => progress.report(phaseOf(p), p.done, p.total) : undefined,
        });
        progress.end();
        if (flags.save) await writeFile(evalReportPath(flags.model[0]), `${JSON.stringify(report, null, 2)}\n`);
        if (flags.json) io.out(`${JSON.stringify(report)}\n`);
        else io.out(`${formatEvalReport(report)}${flags.save ? `wrote ${evalReportPath(flags.model[0])}\n` : ''}`);
        io.exit(0);
      } catch (err) {
        progress.end();
        if (err instanceof ProblemError) return fail(err.problems);
        throw err;
      }
    });
}

/** [batch, threshold?, threads?] or the Problem for the first bad number. */
function parseNumbers(f: Flags): [number, number | undefined, number | undefined] | Problem {
  const batch = Number(f.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 1024) return problem('run.bad-options', `--batch must be a whole number from 1 to 1024, got "${f.batch}"`);
  const threshold = f.threshold === undefined ? undefined : Number(f.threshold);
  if (threshold !== undefined && !Number.isFinite(threshold)) return problem('run.bad-options', `--threshold must be a number, got "${f.threshold}"`);
  const threads = f.threads === undefined ? undefined : Number(f.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) return problem('run.bad-options', `--threads must be a positive whole number, got "${f.threads}"`);
  return [batch, threshold, threads];
}

/** e.g. `quality m.int8.onnx (3/3)`: one phase per variant and step, so the lab's bar restarts for each. */
function phaseOf(p: EvalProgress): string {
  return `${p.phase} ${basename(p.model)} (${p.variant}/${p.variants})`;
}
