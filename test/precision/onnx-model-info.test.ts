import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { modelInfo } from '@/lib/precision/onnx/model-info';
import { graphOf, onnx } from '@/lib/precision/onnx/proto';
import { readModel } from '@/lib/precision/onnx/read-model';
import { writeModel } from '@/lib/precision/onnx/write-model';
import { HAVE_SHARED, MODELS, tinyModelBytes } from './onnx-fixtures';

describe.skipIf(!HAVE_SHARED)(`modelInfo on the real models${!HAVE_SHARED ? ' (skipped: ../shared/models is absent)' : ''}`, () => {
  it('given MNIST, when inspected, then it has input Input3 [1,1,28,28] float32, output [1,10] and opset 8', () => {
    const bytes = new Uint8Array(readFileSync(MODELS.mnist));
    const info = modelInfo(bytes, 'mnist-8.onnx');
    // MNIST (IR 3) also lists its initializers as graph inputs; only the real input may show.
    expect(info.inputs).toEqual([{ name: 'Input3', shape: [1, 1, 28, 28], type: 'float32' }]);
    expect(info.outputs).toEqual([{ name: 'Plus214_Output_0', shape: [1, 10], type: 'float32' }]);
    expect(info.opset).toBe(8);
    expect(info.bytes).toBe(26454);
    expect(info.path).toBe('mnist-8.onnx');
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('given FastestDet, when inspected, then it has input [1,3,352,352] and output [1,85,22,22] at opset 11', () => {
    const info = modelInfo(new Uint8Array(readFileSync(MODELS.fastestdet)), 'det.onnx');
    expect(info.inputs).toEqual([{ name: 'input.1', shape: [1, 3, 352, 352], type: 'float32' }]);
    expect(info.outputs).toEqual([{ name: '758', shape: [1, 85, 22, 22], type: 'float32' }]);
    expect(info.opset).toBe(11);
  });

  it('given UltraFace, when inspected, then both outputs are listed in order', () => {
    const info = modelInfo(new Uint8Array(readFileSync(MODELS.ultraface)), 'face.onnx');
    expect(info.inputs).toEqual([{ name: 'input', shape: [1, 3, 240, 320], type: 'float32' }]);
    expect(info.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['scores', [1, 4420, 2]],
      ['boxes', [1, 4420, 4]],
    ]);
  });
});

describe('modelInfo on a model written by code', () => {
  it('given a symbolic batch dim, when inspected, then the dim is its name and the opset is the default domain\'s', () => {
    const info = modelInfo(tinyModelBytes(), 'tiny.onnx');
    expect(info.inputs).toEqual([{ name: 'x', shape: ['batch', 3], type: 'float32' }]);
    expect(info.outputs).toEqual([
      { name: 'y', shape: ['batch', 2], type: 'float32' },
      { name: 'peak', shape: ['batch'], type: 'float32' },
    ]);
    expect(info.opset).toBe(17);
  });
});

describe('modelInfo on unknown dims and other element types', () => {
  it('given a dim with neither value nor name and a uint8 output, when inspected, then the dim is -1 and the type uint8', () => {
    const model = readModel(tinyModelBytes());
    graphOf(model).input[0].type!.tensorType!.shape!.dim![0] = onnx.TensorShapeProto.Dimension.create({});
    graphOf(model).output[1].type!.tensorType!.elemType = onnx.TensorProto.DataType.UINT8;
    const info = modelInfo(writeModel(model), 'edited.onnx');
    expect(info.inputs[0].shape).toEqual([-1, 3]);
    expect(info.outputs[1].type).toBe('uint8');
  });
});
