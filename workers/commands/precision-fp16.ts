/**
 * `loupe precision fp16 --in m.onnx --out m.fp16.onnx [--keep-io-types] [--block-ops A,B]
 * [--block-nodes n1,n2] [--json]`: converts a model to FP16, checks it against FP32 on a
 * synthetic sample, and writes it only if no node overflows float16.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { makeFp16Variant } from '@/lib/precision/fp16/make-variant';
import { DEFAULT_BLOCK_OPS } from '@/lib/precision/fp16/options';
import { formatFp16Report } from '@/lib/precision/fp16/report';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { createProgress } from './progress';

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Called with the exit code the command wants (non-zero on a problem). */
  exit: (code: number) => void;
}

const processIo: CommandIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  exit: (code) => {
    process.exitCode = code;
  },
};

interface Flags {
  in: string;
  out: string;
  keepIoTypes?: boolean;
  blockOps?: string;
  blockNodes?: string;
  json?: boolean;
}

const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

export function precisionFp16Command(io: CommandIo = processIo): Command {
  return new Command('fp16')
    .description('Convert an ONNX model to float16 and check it against FP32 on a sample input')
    .requiredOption('--in <path>', 'FP32 ONNX model')
    .requiredOption('--out <path>', 'where to write the FP16 model')
    .option('--keep-io-types', 'keep float32 inputs/outputs (Casts at the boundary)')
    .option('--block-ops <ops>', `op types kept in float32, comma-separated (default: ${DEFAULT_BLOCK_OPS.join(',')})`)
    .option('--block-nodes <names>', 'node names (or first output names) kept in float32, comma-separated')
    .option('--json', 'print one JSON line')
    .action(async (flags: Flags) => {
      const fail = (problems: Problem[], extra: object = {}) => {
        if (flags.json) io.out(`${JSON.stringify({ ok: false, problems, ...extra })}\n`);
        else io.err(`${problems.map((p) => `${p.code}: ${p.message}`).join('\n')}\n`);
        io.exit(1);
      };
      if (!existsSync(flags.in)) return fail([problem('model.missing-file', `No such model file: ${flags.in}`)]);
      // Coarse phases: the conversion itself reports nothing finer.
      const progress = createProgress(io, { json: flags.json });
      progress.report('convert and check', 0, 2);
      const bytes = new Uint8Array(await readFile(flags.in));
      const options = { keepIoTypes: !!flags.keepIoTypes, blockOps: list(flags.blockOps), blockNodes: list(flags.blockNodes) };
      const variant = await makeFp16Variant(bytes, options);
      if (!variant.ok) return fail(variant.problems, variant.overflow ? { overflow: variant.overflow } : {});
      progress.report('write', 1, 2);
      await writeFile(flags.out, variant.bytes);
      progress.report('write', 2, 2);
      progress.end();
      if (flags.json) io.out(`${JSON.stringify({ ok: true, out: flags.out, report: variant.report })}\n`);
      else io.out(`${formatFp16Report(variant.report)}\nwrote ${flags.out}\n`);
      io.exit(0);
    });
}
