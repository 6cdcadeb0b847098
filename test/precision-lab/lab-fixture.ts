/** A lab over temp folders (models/, data/) with real small models, run from this checkout. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { writeModel } from '@/lib/precision/onnx';
import { labPaths, type LabPaths } from '@/lib/precision-lab/lab-paths';
import { convNet, overflowModel } from '../precision/fp16-models';

export interface LabFixture {
  root: string;
  paths: LabPaths;
  /** Absolute paths of the committed-like models. */
  net: string;
  overflow: string;
  /** A 2-class classifier over [N, 3, 16, 16] (mean colour → logits), for real evaluations. */
  classifier: string;
  /** A folder of 3 PNGs in two class sub-folders. */
  images: string;
  cleanup(): void;
}

export async function createLabFixture(): Promise<LabFixture> {
  const root = mkdtempSync(join(tmpdir(), 'loupe-lab-'));
  const models = join(root, 'models');
  mkdirSync(join(models, 'nets'), { recursive: true });
  const net = join(models, 'nets', 'net.onnx');
  const overflow = join(models, 'overflow.onnx');
  writeFileSync(net, convNet(8));
  writeFileSync(overflow, overflowModel());
  const classifier = join(models, 'classifier.onnx');
  writeFileSync(classifier, classifierModel());
  const images = join(root, 'images');
  for (const [i, cls] of ['a', 'a', 'b'].entries()) {
    mkdirSync(join(images, cls), { recursive: true });
    await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 40 * i, g: 100, b: 200 } } }).png().toFile(join(images, cls, `${i}.png`));
  }
  writeFileSync(join(images, 'notes.md'), 'not an image');
  mkdirSync(join(root, 'empty'));
  return { root, paths: labPaths({ modelsRoot: models, dataDir: join(root, 'data') }), net, overflow, classifier, images, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

function classifierModel(): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'classifier' });
  const x = b.input('x', ['batch', 3, 16, 16]);
  const flat = b.op('Flatten', [b.op('GlobalAveragePool', [x])], { axis: 1 });
  // Class a when red is low, class b when red is high (the fixture's images are coloured so).
  b.op('Gemm', [flat, b.initializer('w', [3, 2], [-4, 4, 0, 0, 0, 0]), b.initializer('bias', [2], [1, -1])], {}, 'logits');
  b.output('logits', ['batch', 2]);
  return writeModel(b.build());
}
