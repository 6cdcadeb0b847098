import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputSpec } from '@/lib/precision/input-spec';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { smoothQuantize } from '@/lib/precision/smoothquant/smooth-quantize';
import { renderDigits, SHARED_MODELS } from './int8-fixtures';
import { checkerPython, checkModels } from './onnx-checker';

const MNIST = path.join(SHARED_MODELS, 'mnist-8/mnist-8.onnx');
const skip = !checkerPython ? 'no python3 with onnx' : !existsSync(MNIST) ? '../shared/models/mnist-8 absent' : '';

describe.skipIf(skip)(`INT8 and SmoothQuant variants pass onnx.checker.check_model(full_check=True)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('given MNIST quantized with each calibration method, weight granularity and activation type, when checked, then the checker accepts every file', async () => {
    const spec = InputSpec.parse({ width: 28, height: 28, channels: 'gray', scale: 1 });
    const calib = await renderDigits(12);
    const fp32 = new Uint8Array(readFileSync(MNIST));
    const dir = mkdtempSync(path.join(tmpdir(), 'loupe-int8-check-'));
    const settings = [
      { method: 'minmax' as const },
      { method: 'percentile' as const, perChannel: true },
      { method: 'entropy' as const, activationType: 'int8' as const, symmetricActivations: true },
    ];
    const files: string[] = [];
    for (const [i, options] of settings.entries()) {
      const r = await quantizeStatic({ model: fp32, calibFolder: calib.folder, spec, options });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      files.push(path.join(dir, `mnist-${i}.int8.onnx`));
      writeFileSync(files.at(-1)!, r.bytes);
    }
    const smooth = await smoothQuantize({ model: fp32, calibFolder: calib.folder, spec, options: { perChannel: true }, smooth: { alpha: 0.5 } });
    if (!smooth.ok) throw new Error(JSON.stringify(smooth.problems));
    files.push(path.join(dir, 'mnist-smooth.int8.onnx'));
    writeFileSync(files.at(-1)!, smooth.bytes);
    expect(checkModels(files)).toBe(files.length);
  });
});
