/**
 * The model nodes on real third-party ONNX models (../shared/models), through the real compiler
 * (preprocessing fused into the model stage) and real ONNX Runtime, on real images.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpCodec } from '@/lib/images/sharp-codec';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import type { StageRunner } from '@/lib/pipeline/node-kind';
import type { ModelInfo } from '@/lib/pipeline/plan';
import type { ByteLayout, InferenceEngine } from '@/lib/pipeline/runtime/services';
import { iou } from '@/lib/pipeline/postprocess/nms';
import type { Box, Classification, Detections, Frame } from '@/lib/pipeline/values';
import { HAVE_SHARED_MODELS, readModelInfo, SHARED_MODELS } from './ort-adapter';
import { modelStage, runFrames } from './run-model-node';

const codec = createSharpCodec();
const decodeFile = async (file: string) => codec.decode(readFileSync(file), { maxPixels: 1e8 });
const detectionsOf = (o: unknown) => (o as { detections: Detections }).detections;
const inside = (b: Box, f: Frame) => b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= f.width + 1e-6 && b[1] + b[3] <= f.height + 1e-6;

describe.skipIf(!HAVE_SHARED_MODELS)(`model nodes on real models${!HAVE_SHARED_MODELS ? ' (skipped: ../shared/models is absent)' : ''}`, () => {
  const runners: StageRunner[] = [];
  const models: Record<string, ModelInfo> = {};
  const fastestdet = `${SHARED_MODELS}/fastestdet/FastestDet.onnx`;
  const ultraface = `${SHARED_MODELS}/ultraface-rfb-320/ultraface_version-RFB-320.onnx`;
  const mnist = `${SHARED_MODELS}/mnist-8/mnist-8.onnx`;

  beforeAll(async () => {
    for (const file of [fastestdet, ultraface, mnist]) models[file] = await readModelInfo(file);
  });
  afterAll(async () => {
    for (const r of runners) await r.close?.();
  });
  const stage = async (...args: Parameters<typeof modelStage>) => {
    const r = await modelStage(...args);
    runners.push(r);
    return r;
  };

  it('given FastestDet behind resize 352×352 + BGR /255, when run on its sample photo, then it finds the four people with boxes inside the image', async () => {
    const labels = readFileSync(`${SHARED_MODELS}/fastestdet/coco.names`, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
    const runner = await stage(
      [{ kind: 'preprocess.resize', params: { width: 352, height: 352 } }, { kind: 'preprocess.normalize', params: { scale: 1 / 255, order: 'bgr' } }],
      // 0.65 is the threshold of the authors' own example.
      { kind: 'model.detect', params: { model: fastestdet, decoder: 'fastestdet', labels, scoreThreshold: 0.65 } },
      models,
    );
    const frame = await decodeFile(`${SHARED_MODELS}/fastestdet/sample.jpg`);
    const [out] = await runFrames(runner, [frame]);
    const found = detectionsOf(out);
    expect(runner.maxBatch).toBe(1); // the file fixes batch = 1
    expect(found.length).toBeGreaterThanOrEqual(4);
    expect(new Set(found.map((d) => d.label))).toEqual(new Set(['person']));
    for (const d of found) expect(inside(d.box, frame)).toBe(true);
    // The four people in the photo (500×335), as looked up by eye: standing left, two kneeling with frisbees, lunging right.
    const people: Box[] = [
      [40, 62, 138, 233],
      [159, 137, 97, 129],
      [229, 140, 95, 138],
      [287, 142, 196, 155],
    ];
    for (const person of people) expect(Math.max(...found.map((d) => iou(d.box, person)))).toBeGreaterThan(0.6);
  });

  it('given FastestDet (batch fixed at 1) on sessions off the JS thread, when three photos go as one batch, then the stage batches them and each gets the detections of its own run', async () => {
    const labels = readFileSync(`${SHARED_MODELS}/fastestdet/coco.names`, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
    const chain = [{ kind: 'preprocess.resize', params: { width: 352, height: 352 } }, { kind: 'preprocess.normalize', params: { scale: 1 / 255, order: 'bgr' } }];
    const detect = { kind: 'model.detect', params: { model: fastestdet, decoder: 'fastestdet', labels, scoreThreshold: 0.5 } };
    const batched = await stage(chain, detect, models, 4, createOrtEngine({ offThread: true, intraOpThreads: 1 }));
    const single = await stage(chain, detect, models, 4, createOrtEngine({ intraOpThreads: 1 }));
    const photo = readFileSync(`${SHARED_MODELS}/fastestdet/sample.jpg`);
    const frames = [await codec.decode(photo, { maxPixels: 1e8 }), await codec.decode(await sharp(photo).flop().toBuffer(), { maxPixels: 1e8 }), await codec.decode(await sharp(photo).resize(400, 300).toBuffer(), { maxPixels: 1e8 })];
    expect([batched.maxBatch, single.maxBatch]).toEqual([4, 1]);
    const together = (await runFrames(batched, frames)).map(detectionsOf);
    const alone = await Promise.all(frames.map(async (f) => detectionsOf((await runFrames(single, [f]))[0])));
    expect(together).toEqual(alone);
    expect(together.every((found) => found.length >= 3)).toBe(true);
    // Mirrored, the leftmost person stands at the right.
    expect(Math.max(...together[1].map((d) => d.box[0]))).toBeGreaterThan(300);
  });

  it('given FastestDet behind crop + BGR /255 only, when fed 8-bit pixels that the model scales itself, interleaved as the camera wrote them or split into planes, then it finds what the float-fed model finds, scores within 1e-4', async () => {
    const labels = readFileSync(`${SHARED_MODELS}/fastestdet/coco.names`, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
    const chain = [{ kind: 'preprocess.crop', params: { x: 40, y: 0, width: 352, height: 335 } }, { kind: 'preprocess.resize', params: { width: 352, height: 352, filter: 'nearest' } }, { kind: 'preprocess.normalize', params: { scale: 1 / 255, order: 'bgr' } }];
    const detect = { kind: 'model.detect', params: { model: fastestdet, decoder: 'fastestdet', labels, scoreThreshold: 0.5 } };
    const real = createOrtEngine({ offThread: true, intraOpThreads: 1 });
    const layouts: (ByteLayout | undefined)[] = [];
    const engine = (only?: ByteLayout[] | 'floats'): InferenceEngine => ({
      load: async (file, options) => {
        const byteInput = only === 'floats' || !options?.byteInput ? undefined : { ...options.byteInput, layouts: only ?? options.byteInput.layouts };
        const session = await real.load(file, { ...options, byteInput });
        layouts.push(session.byteLayout);
        return session;
      },
    });
    const runners = [await stage(chain, detect, models, 1, engine()), await stage(chain, detect, models, 1, engine(['nchw'])), await stage(chain, detect, models, 1, engine('floats'))];
    expect(layouts).toEqual(['nhwc', 'nchw', undefined]);
    const frame = await decodeFile(`${SHARED_MODELS}/fastestdet/sample.jpg`);
    const [pixels, planes, floats] = await Promise.all(runners.map(async (r) => detectionsOf((await runFrames(r, [frame]))[0])));
    expect(floats.length).toBeGreaterThanOrEqual(3);
    for (const found of [pixels, planes]) {
      expect(found.map((d) => d.label)).toEqual(floats.map((d) => d.label));
      found.forEach((d, i) => {
        expect(Math.abs(d.score - floats[i].score)).toBeLessThan(1e-4);
        expect(iou(d.box, floats[i].box)).toBeGreaterThan(0.999);
      });
    }
  });

  it('given UltraFace behind resize 320×240 + (x−127)/128, when run on its group photo, then the ssd decoder finds the faces as small boxes in the upper part', async () => {
    const runner = await stage(
      [{ kind: 'preprocess.resize', params: { width: 320, height: 240 } }, { kind: 'preprocess.normalize', params: { scale: 1, mean: [127], std: [128] } }],
      { kind: 'model.detect', params: { model: ultraface, decoder: 'ssd', labels: ['background', 'face'], scoreThreshold: 0.7, iouThreshold: 0.3, maxDetections: 200 } },
      models,
    );
    const frame = await decodeFile(`${SHARED_MODELS}/ultraface-rfb-320/sample.jpg`);
    const faces = detectionsOf((await runFrames(runner, [frame]))[0]);
    expect(faces.length).toBeGreaterThanOrEqual(40);
    for (const f of faces) {
      expect(f.label).toBe('face');
      expect(inside(f.box, frame)).toBe(true);
      expect(f.box[1] + f.box[3] / 2).toBeLessThan(270); // every face in this photo is above the waists of the front row
      expect(f.box[2]).toBeGreaterThan(12);
      expect(f.box[2]).toBeLessThan(45);
      expect(f.box[3] / f.box[2]).toBeGreaterThan(0.8);
      expect(f.box[3] / f.box[2]).toBeLessThan(2);
    }
  });

  it('given MNIST behind resize 28×28 + grayscale + /255, when fed digits rendered from text, then it names every digit', async () => {
    const runner = await stage(
      [{ kind: 'preprocess.resize', params: { width: 28, height: 28 } }, { kind: 'preprocess.grayscale' }, { kind: 'preprocess.normalize' }],
      { kind: 'model.classify', params: { model: mnist, labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] } },
      models,
    );
    for (let digit = 0; digit <= 9; digit++) {
      const [out] = await runFrames(runner, [await renderDigit(digit)]);
      const classes = (out as { classes: Classification }).classes;
      expect(classes.label).toBe(String(digit));
      expect(classes.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5); // logits went through softmax
      expect(classes.score).toBeGreaterThan(0.5);
    }
  });
});

/** A white digit on black with MNIST-like margins, colour, 112×112 — bigger than MNIST so that the resize really works. */
async function renderDigit(digit: number): Promise<Frame> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="112" height="112"><rect width="112" height="112" fill="black"/>` +
    `<text x="56" y="88" font-family="DejaVu Sans, sans-serif" font-size="80" font-weight="bold" fill="white" text-anchor="middle">${digit}</text></svg>`;
  return codec.decode(new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer()), { maxPixels: 1e6 });
}
