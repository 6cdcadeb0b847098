import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { convertToFp16 } from '@/lib/precision/fp16/convert';
import { convNet, ifModel } from './fp16-models';
import { MODELS_DIR } from './fp16-samples';
import { checkerAccepts, checkerPython as python, checkModels } from './onnx-checker';

const { onnx } = onnxProto;

describe.skipIf(!python)('FP16 variants pass onnx.checker.check_model(full_check=True) (skipped: no python3 with onnx)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loupe-fp16-check-'));
  const write = (name: string, bytes: Uint8Array) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const variants = (name: string, fp32: Uint8Array) =>
    [true, false].map((keepIoTypes) => {
      const r = convertToFp16(fp32, { keepIoTypes });
      if (!r.ok) throw new Error(r.problems[0].message);
      return write(`${name}-${keepIoTypes ? 'keep-io' : 'fp16-io'}.onnx`, r.bytes);
    });

  it('given built models (conv net with Resize/Constant/Cast, an If with outer references), when converted, then the checker accepts them', () => {
    const files = [...variants('convnet', convNet(8)), ...variants('if', ifModel())];
    expect(checkModels(files)).toBe(files.length);
  });

  it.skipIf(!existsSync(MODELS_DIR))('given FastestDet, UltraFace and MNIST, when converted, then the checker accepts them (skips when ../shared/models is absent)', () => {
    const models = ['fastestdet/FastestDet.onnx', 'ultraface-rfb-320/ultraface_version-RFB-320.onnx', 'mnist-8/mnist-8.onnx'];
    const files = models.flatMap((m) => variants(path.basename(m, '.onnx'), new Uint8Array(readFileSync(path.join(MODELS_DIR, m)))));
    expect(checkModels(files)).toBe(files.length);
  });

  it('given a variant with a wrong type, when checked, then the checker rejects it (the tier can fail)', () => {
    const r = convertToFp16(convNet(8), { keepIoTypes: true });
    if (!r.ok) throw new Error(r.problems[0].message);
    r.model.graph!.output![0].type!.tensorType!.elemType = 10;
    const file = write('broken.onnx', onnx.ModelProto.encode(r.model).finish());
    expect(checkerAccepts(file)).toBe(false);
  });
});
