/**
 * Makes the project's own demo defect model, models/demo/surface-anomaly.onnx, and its sidecar
 * surface-anomaly.json (threshold, input spec, how it was fitted). Run: npm run model:demo
 *
 * 1. Build the feature part of the graph (fixed filter bank → local energy) and run it on good
 *    synthetic parts of all three surfaces (training seed).
 * 2. Fit per-filter eps and gain on those energies (lib/synthetic/demo-model/fit.ts).
 * 3. Build the full anomaly model with the fitted numbers, run it on fresh good parts (calibration
 *    seed), and set the threshold at the target false-reject rate.
 *
 * Deterministic: same code → same bytes (one ORT thread, fitted numbers rounded to 6 digits; the
 * date is kept from the existing sidecar while the model bytes are unchanged). The test
 * (test/demo-model.test.ts) uses other seeds.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { DEMO_DESIGN, filterCount } from '@/lib/synthetic/demo-model/design';
import { fitParams, quantile, round, type EnergySummary } from '@/lib/synthetic/demo-model/fit';
import { buildAnomalyModel, buildFeatureModel } from '@/lib/synthetic/demo-model/graph';
import { framesToInput } from '@/lib/synthetic/demo-model/to-input';
import { generatePart } from '@/lib/synthetic/generate-part';
import { syntheticOptionsSchema } from '@/lib/synthetic/options';

const { onnx } = onnxProto;
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'models', 'demo');
const MODEL_FILE = 'surface-anomaly.onnx';
const SIDECAR_FILE = 'surface-anomaly.json';

const FIT = {
  trainSeed: 0x5eed0001,
  trainParts: 450,
  calibrationSeed: 0x5eed0002,
  calibrationParts: 1200,
  targetFalseRejectRate: 0.005,
  epsFraction: 0.2,
  quantile: 0.99,
} as const;
const BATCH = 16;

/** Good parts only, surfaces in turn (part n has surface n mod 3). */
function goodFrames(seed: number, count: number, from: number, to: number) {
  const options = syntheticOptionsSchema.parse({ surface: 'mixed', seed, defectRate: 0, width: DEMO_DESIGN.size, height: DEMO_DESIGN.size });
  return Array.from({ length: Math.min(to, count) - from }, (_, i) => generatePart(options, from + i).frame);
}

async function runBatches(session: ort.InferenceSession, seed: number, count: number, take: (out: ort.InferenceSession.OnnxValueMapType, from: number) => void) {
  const size = DEMO_DESIGN.size;
  for (let from = 0; from < count; from += BATCH) {
    const frames = goodFrames(seed, count, from, from + BATCH);
    const image = new ort.Tensor('float32', framesToInput(frames, size), [frames.length, 1, size, size]);
    take(await session.run({ image }), from);
  }
}

function encode(builder: { build(): InstanceType<typeof onnx.ModelProto> }): Uint8Array {
  return onnx.ModelProto.encode(builder.build()).finish();
}

async function session(bytes: Uint8Array): Promise<ort.InferenceSession> {
  // One thread: reductions then add up in one fixed order, so the fitted numbers never wobble.
  return ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
}

async function main(): Promise<void> {
  const design = DEMO_DESIGN;
  const k = filterCount(design);
  const started = Date.now();

  const features = await session(encode(buildFeatureModel(design)));
  const summary: EnergySummary = { parts: FIT.trainParts, filters: k, mean: new Float32Array(FIT.trainParts * k), max: new Float32Array(FIT.trainParts * k) };
  await runBatches(features, FIT.trainSeed, FIT.trainParts, (out, from) => {
    summary.mean.set(out.energy_mean.data as Float32Array, from * k);
    summary.max.set(out.energy_max.data as Float32Array, from * k);
  });
  await features.release();
  const fitted = fitParams(summary, { epsFraction: FIT.epsFraction, quantile: FIT.quantile });

  const doc = 'Loupe demo surface anomaly model: fixed filter bank, local energy, per-filter normalisation fitted on good synthetic parts. Made by scripts/make-demo-model.ts.';
  const bytes = encode(buildAnomalyModel(design, fitted, doc));
  const model = await session(bytes);
  const scores = new Float32Array(FIT.calibrationParts);
  await runBatches(model, FIT.calibrationSeed, FIT.calibrationParts, (out, from) => scores.set(out.score.data as Float32Array, from));
  await model.release();
  const threshold = round(quantile(scores, 1 - FIT.targetFalseRejectRate));

  mkdirSync(OUT_DIR, { recursive: true });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(OUT_DIR, MODEL_FILE), bytes);
  const sidecar = {
    model: MODEL_FILE,
    sha256,
    kind: 'anomaly',
    input: { name: 'image', layout: 'NCHW', width: design.size, height: design.size, channels: 1, scale: 1 / 255, dtype: 'float32' },
    outputs: {
      anomaly_map: { shape: ['batch', 1, design.size / design.cell, design.size / design.cell], cell: design.cell },
      score: { shape: ['batch', 1] },
    },
    /** score > threshold ⇒ defective. */
    threshold,
    fit: { ...FIT, surfaces: ['brushed-metal', 'textile', 'painted-panel'], filters: k, date: fitDate(sha256) },
  };
  writeFileSync(join(OUT_DIR, SIDECAR_FILE), `${JSON.stringify(sidecar, null, 2)}\n`);
  console.log(`wrote ${join(OUT_DIR, MODEL_FILE)} (${bytes.length} bytes, sha256 ${sha256.slice(0, 12)}…), threshold ${threshold}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The date the current model bytes were first made: kept while they do not change, so reruns are byte-identical. */
function fitDate(sha256: string): string {
  const path = join(OUT_DIR, SIDECAR_FILE);
  if (existsSync(path)) {
    const previous = JSON.parse(readFileSync(path, 'utf8')) as { sha256?: string; fit?: { date?: string } };
    if (previous.sha256 === sha256 && previous.fit?.date) return previous.fit.date;
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return new Date(epoch ? Number(epoch) * 1000 : Date.now()).toISOString().slice(0, 10);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
