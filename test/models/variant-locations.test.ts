import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModelCatalog } from '@/lib/models/catalog';
import { measuredVariants } from '@/lib/models/measured-variants';
import { tinyModelBytes } from '../precision/onnx-fixtures';

// A project folder: a committed model under models/ and what the Precision Lab made for it under data/.
const cwd = mkdtempSync(path.join(tmpdir(), 'loupe-variants-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const committed = path.join(cwd, 'models', 'line-a');
const lab = path.join(cwd, 'data', 'models', 'variants', 'line-a');
mkdirSync(committed, { recursive: true });
mkdirSync(lab, { recursive: true });
writeFileSync(path.join(committed, 'm.onnx'), tinyModelBytes());
writeFileSync(path.join(lab, 'm.int8.onnx'), tinyModelBytes());
const variant = (precision: string, file: string) => ({
  path: file, precision, sha256: 'a'.repeat(64), bytes: 10, quality: { accuracy: 0.9 }, agreement: 1,
  latencyMs: { p50: 1, p99: 2 }, throughput: { batch1: 100, batchN: 200, batchSize: 8 }, peakMemoryMb: 1, warnings: [],
});
writeFileSync(path.join(lab, 'm.eval.json'), JSON.stringify({
  version: 1, task: 'classification', dataset: 'val', items: 10, target: 'cpu', createdAt: '2026-11-29T00:00:00Z',
  variants: [variant('fp32', '../../../../models/line-a/m.onnx'), variant('int8', 'm.int8.onnx')],
}));

describe('variant locations', () => {
  it('given an INT8 variant the lab made for a committed model, when a graph asks for it, then the catalog finds it in the lab folder', async () => {
    const catalog = await loadModelCatalog(['models/line-a/m.int8.onnx', 'models/line-a/m.fp16.onnx'], cwd);
    expect(catalog['models/line-a/m.int8.onnx']).toMatchObject({ path: path.join(lab, 'm.int8.onnx') });
    expect(catalog['models/line-a/m.fp16.onnx']).toMatchObject({ error: { code: 'model.missing-file' } });
  });

  it('given the lab report and variant, when the editor lists the model, then both show beside the FP32 file', () => {
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const measured = measuredVariants(path.join(committed, 'm.onnx'), (p) => path.relative(cwd, p));
      expect(measured.files.map((f) => [f.precision, f.path])).toEqual([
        ['fp32', 'models/line-a/m.onnx'],
        ['int8', 'data/models/variants/line-a/m.int8.onnx'],
      ]);
      expect(measured.report?.variants.map((v) => v.precision)).toEqual(['fp32', 'int8']);
    } finally {
      process.chdir(previous);
    }
  });
});
