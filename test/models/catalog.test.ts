import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModelCatalog, variantPath } from '@/lib/models/catalog';
import { HAVE_SHARED, SHARED_MODELS, tinyModelBytes } from '../precision/onnx-fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'loupe-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'tiny.onnx'), tinyModelBytes());
writeFileSync(path.join(dir, 'notes.onnx'), 'not a model\n');

describe('loadModelCatalog', () => {
  it('given a good, a missing and a non-ONNX path, when loaded, then each gets its info or a problem naming the path as written', async () => {
    const catalog = await loadModelCatalog(['tiny.onnx', 'missing.onnx', 'notes.onnx', 'tiny.onnx'], dir);
    expect(Object.keys(catalog).sort()).toEqual(['missing.onnx', 'notes.onnx', 'tiny.onnx']);
    expect(catalog['tiny.onnx']).toMatchObject({ path: path.join(dir, 'tiny.onnx'), opset: 17, inputs: [{ name: 'x', shape: ['batch', 3] }] });
    expect(catalog['missing.onnx']).toEqual({ error: { code: 'model.missing-file', message: 'Model file "missing.onnx" does not exist' } });
    expect(catalog['notes.onnx']).toEqual({
      error: { code: 'model.not-onnx', message: 'Model file "notes.onnx" is not an ONNX model: it looks like a text file' },
    });
  });

  it('given a folder named like a model, when loaded, then model.not-onnx says it is a folder', async () => {
    const catalog = await loadModelCatalog(['.'], dir);
    expect(catalog['.']).toMatchObject({ error: { code: 'model.not-onnx', message: expect.stringMatching(/is a folder/) } });
  });

  it.skipIf(!HAVE_SHARED)(`given the shared MNIST by absolute path, when loaded, then its input is Input3${HAVE_SHARED ? '' : ' (skipped: ../shared/models is absent)'}`, async () => {
    const mnist = path.join(SHARED_MODELS, 'mnist-8/mnist-8.onnx');
    const catalog = await loadModelCatalog([mnist], dir);
    expect(catalog[mnist]).toMatchObject({ path: mnist, bytes: 26454, inputs: [{ name: 'Input3', shape: [1, 1, 28, 28], type: 'float32' }] });
  });
});

describe('variantPath', () => {
  it('given an FP32 model path, when asked for FP16 and INT8, then the variants are siblings named <name>.<precision>.onnx', () => {
    expect(variantPath('models/det.onnx', 'fp16')).toBe('models/det.fp16.onnx');
    expect(variantPath('/abs/det.onnx', 'int8')).toBe('/abs/det.int8.onnx');
    expect(variantPath('models/det.onnx', 'fp32')).toBe('models/det.onnx');
  });
});
