/**
 * `loupe precision int8 --in m.onnx --out m.int8.onnx --calib <image folder> --input <spec.json>
 * [--method minmax|percentile|entropy] [--percentile 99.99] [--per-channel] [--smoothquant <alpha|auto>] [--json]`:
 * calibrates on the folder's images and writes a QDQ INT8 model, reporting which integer kernels
 * ONNX Runtime fused it into.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { integerKernels, optimisedOpTypes } from '@/lib/precision/quantize/optimised-op-types';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { parseAlpha } from '@/lib/precision/smoothquant/options';
import { smoothQuantize, type SmoothQuantReport } from '@/lib/precision/smoothquant/smooth-quantize';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { processIo, type CommandIo } from './io';
import { readInputSpec } from './read-input-spec';
import { createProgress } from './progress';

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
  smoothquant?: string;
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
    .option('--smoothquant <alpha|auto>', 'SmoothQuant before INT8: α from 0 to 1, or auto (searched on the calibration images)')
    .option('--json', 'print one JSON line')
    .action(async (flags: Flags) => {
      const fail = (problems: Problem[]) => {
        if (flags.json) io.out(`${JSON.stringify({ ok: false, problems })}\n`);
        else io.err(`${problems.map((p) => `${p.code}: ${p.message}`).join('\n')}\n`);
        io.exit(1);
      };
      if (!existsSync(flags.in)) return fail([problem('model.missing-file', `No such model file: ${flags.in}`)]);
      const spec = await readInputSpec(flags.input);
      if (!spec.ok) return fail(spec.problems);
      const alpha = flags.smoothquant === undefined ? undefined : parseAlpha(flags.smoothquant);
      if (flags.smoothquant !== undefined && alpha === undefined) {
        return fail([problem('precision.bad-smoothquant', `--smoothquant must be a number from 0 to 1 or "auto", got "${flags.smoothquant}"`)]);
      }
      const progress = createProgress(io, { json: flags.json });
      const request = {
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
        onProgress: progress.active ? (done: number, total: number) => progress.report('calibrate', done, total) : undefined,
      };
      const result = alpha === undefined ? await quantizeStatic(request) : await smoothQuantize({ ...request, smooth: { alpha } });
      progress.end();
      if (!result.ok) return fail(result.problems);
      await writeFile(flags.out, result.bytes);
      const kernels = integerKernels(await optimisedOpTypes(result.bytes));
      const report = { ...result.report, fusedKernels: kernels };
      if (flags.json) io.out(`${JSON.stringify({ ok: true, out: flags.out, report })}\n`);
      else {
        const ratio = ((100 * report.int8Bytes) / report.fp32Bytes).toFixed(1);
        const fused = Object.entries(kernels).map(([k, v]) => `${k}×${v}`).join(', ') || 'none';
        const sq = (result.report as { smoothQuant?: SmoothQuantReport }).smoothQuant;
        const smooth = sq ? `; SmoothQuant ${sq.alpha === null ? 'off (no α beat plain INT8)' : `α ${sq.alpha}, ${sq.smoothed.length} activations smoothed`}` : '';
        io.out(`INT8 (${report.method}, ${report.images} images): ${report.int8Bytes} bytes (${ratio}% of FP32); ORT integer kernels: ${fused}${smooth}\nwrote ${flags.out}\n`);
      }
      io.exit(0);
    });
}
