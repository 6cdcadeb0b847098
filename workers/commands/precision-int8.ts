/**
 * `loupe precision int8 --in m.onnx --out m.int8.onnx --calib <image folder> --input <spec.json>
 * [--method minmax|percentile|entropy] [--percentile 99.99] [--per-channel] [--json]`:
 * calibrates on the folder's images and writes a QDQ INT8 model, reporting which integer kernels
 * ONNX Runtime fused it into.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { InputSpec } from '@/lib/precision/input-spec';
import { integerKernels, optimisedOpTypes } from '@/lib/precision/quantize/optimised-op-types';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { processIo, type CommandIo } from './io';

interface Flags {
  in: string;
  out: string;
  calib: string;
  input: string;
  method: string;
  percentile?: string;
  perChannel?: boolean;
  activations?: string;
  symmetric?: boolean;
  excludeNodes?: string;
  excludeOps?: string;
  json?: boolean;
}

const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

export function precisionInt8Command(io: CommandIo = processIo): Command {
  return new Command('int8')
    .description('Quantize an ONNX model to INT8 (QDQ) with calibration on a folder of images')
    .requiredOption('--in <path>', 'FP32 ONNX model')
    .requiredOption('--out <path>', 'where to write the INT8 model')
    .requiredOption('--calib <folder>', 'folder of calibration images')
    .requiredOption('--input <spec.json>', 'model input spec: {width, height, channels, scale, mean, std, layout}')
    .option('--method <method>', 'calibration: minmax | percentile | entropy', 'minmax')
    .option('--percentile <p>', 'percentile kept by --method percentile (e.g. 99.99)')
    .option('--per-channel', 'per-output-channel weight scales')
    .option('--activations <type>', 'uint8 (default) or int8')
    .option('--symmetric', 'symmetric activations (zero point 0)')
    .option('--exclude-nodes <names>', 'node names (or first output names) kept in float, comma-separated')
    .option('--exclude-ops <types>', 'op types kept in float, comma-separated')
    .option('--json', 'print one JSON line')
    .action(async (flags: Flags) => {
      const fail = (problems: Problem[]) => {
        if (flags.json) io.out(`${JSON.stringify({ ok: false, problems })}\n`);
        else io.err(`${problems.map((p) => `${p.code}: ${p.message}`).join('\n')}\n`);
        io.exit(1);
      };
      if (!existsSync(flags.in)) return fail([problem('model.missing-file', `No such model file: ${flags.in}`)]);
      const spec = await readSpec(flags.input);
      if (!spec.ok) return fail(spec.problems);
      const tty = !flags.json && process.stderr.isTTY;
      const result = await quantizeStatic({
        model: new Uint8Array(await readFile(flags.in)),
        modelName: flags.in,
        calibFolder: flags.calib,
        spec: spec.spec,
        options: {
          method: flags.method as 'minmax',
          percentile: flags.percentile === undefined ? undefined : Number(flags.percentile),
          perChannel: !!flags.perChannel,
          activationType: (flags.activations ?? 'uint8') as 'uint8',
          symmetricActivations: !!flags.symmetric,
          excludeNodes: list(flags.excludeNodes),
          excludeOpTypes: list(flags.excludeOps),
        },
        onProgress: tty ? (done, total) => io.err(`\rcalibrating ${done}/${total} images`) : undefined,
      });
      if (tty) io.err('\n');
      if (!result.ok) return fail(result.problems);
      await writeFile(flags.out, result.bytes);
      const kernels = integerKernels(await optimisedOpTypes(result.bytes));
      const report = { ...result.report, fusedKernels: kernels };
      if (flags.json) io.out(`${JSON.stringify({ ok: true, out: flags.out, report })}\n`);
      else {
        const ratio = ((100 * report.int8Bytes) / report.fp32Bytes).toFixed(1);
        const fused = Object.entries(kernels).map(([k, v]) => `${k}×${v}`).join(', ') || 'none';
        io.out(`INT8 (${report.method}, ${report.images} images): ${report.int8Bytes} bytes (${ratio}% of FP32); ORT integer kernels: ${fused}\nwrote ${flags.out}\n`);
      }
      io.exit(0);
    });
}

async function readSpec(path: string): Promise<{ ok: true; spec: InputSpec } | { ok: false; problems: Problem[] }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    return { ok: false, problems: [problem('precision.bad-input-spec', `Input spec ${path} cannot be read as JSON: ${(err as Error).message}`)] };
  }
  const parsed = InputSpec.safeParse(raw);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => problem('precision.bad-input-spec', `Input spec ${path}: ${i.path.join('.') || '(root)'}: ${i.message}`, { path: i.path as (string | number)[] })) };
}
