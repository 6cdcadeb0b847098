import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ProblemError, type Problem } from '@/lib/pipeline/problems';
import { graphOf, onnx } from '@/lib/precision/onnx/proto';
import { readModel } from '@/lib/precision/onnx/read-model';
import { wireFields } from '@/lib/precision/onnx/wire-reader';
import { writeModel } from '@/lib/precision/onnx/write-model';
import { HAVE_SHARED, MODELS, seededBytes, tinyModelBytes } from './onnx-fixtures';

function problemOf(bytes: Uint8Array): Problem {
  try {
    readModel(bytes, 'Model file "x.onnx"');
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemError);
    return (err as ProblemError).problems[0];
  }
  throw new Error('readModel accepted the bytes');
}

describe('readModel on files that are not ONNX', () => {
  it('given zero bytes, when read, then model.not-onnx says the file is empty', () => {
    expect(problemOf(new Uint8Array(0))).toEqual({ code: 'model.not-onnx', message: 'Model file "x.onnx" is not an ONNX model: the file is empty (0 bytes)' });
  });

  it('given a PNG image renamed .onnx, when read, then model.not-onnx says it looks like a PNG image', async () => {
    const png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png().toBuffer());
    const p = problemOf(png);
    expect(p.code).toBe('model.not-onnx');
    expect(p.message).toMatch(/looks like a PNG image/);
  });

  it('given a text file, when read, then model.not-onnx says it looks like a text file', () => {
    const p = problemOf(new TextEncoder().encode('name,score\nbolt,0.93\nnut,0.12\n'));
    expect(p.code).toBe('model.not-onnx');
    expect(p.message).toMatch(/looks like a text file/);
  });

  it('given 40 seeded random byte strings, when read, then each is model.not-onnx and none throws anything else', () => {
    for (let seed = 1; seed <= 40; seed++) expect(problemOf(seededBytes(seed, 64 + seed * 50)).code).toBe('model.not-onnx');
  });

  it('given a model cut at every top-level field boundary and at 50 points between, when read, then each is model.not-onnx', () => {
    const bytes = tinyModelBytes();
    const cuts = new Set(wireFields(bytes).map((f) => f.start).filter((n) => n > 0));
    for (let i = 1; i < 50; i++) cuts.add(Math.floor((bytes.length * i) / 50));
    for (const cut of cuts) expect(problemOf(bytes.subarray(0, cut)).code).toBe('model.not-onnx');
  });

  it('given a model with a tensor in an external data file, when read, then model.unsupported names the tensor and the file', () => {
    const model = readModel(tinyModelBytes());
    const w = graphOf(model).initializer[0];
    w.rawData = new Uint8Array(0);
    w.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    w.externalData = [onnx.StringStringEntryProto.create({ key: 'location', value: 'weights.bin' })];
    const p = problemOf(writeModel(model));
    expect(p.code).toBe('model.unsupported');
    expect(p.message).toMatch(/"w".*weights\.bin.*save_as_external_data=False/);
  });
});

describe.skipIf(!HAVE_SHARED)(`readModel on a truncated real model${!HAVE_SHARED ? ' (skipped: ../shared/models is absent)' : ''}`, () => {
  it('given MNIST cut to half its size, when read, then model.not-onnx says it may be truncated', () => {
    const bytes = new Uint8Array(readFileSync(MODELS.mnist));
    const p = problemOf(bytes.subarray(0, bytes.length >> 1));
    expect(p.code).toBe('model.not-onnx');
    expect(p.message).toMatch(/truncated/);
  });
});
