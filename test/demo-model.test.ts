/**
 * The acceptance check of the project's own demo model (issue 2): on 1,000 fresh synthetic parts —
 * seeds the fitting script never saw, all three surfaces, about half of them defective — the
 * committed model at its committed threshold finds ≥ 95 % of defective parts with ≤ 2 % false rejects.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framesToInput } from '@/lib/synthetic/demo-model/to-input';
import { generatePart, type SyntheticPart } from '@/lib/synthetic/generate-part';
import { syntheticOptionsSchema } from '@/lib/synthetic/options';

const dir = fileURLToPath(new URL('../models/demo/', import.meta.url));
const sidecar = JSON.parse(readFileSync(`${dir}surface-anomaly.json`, 'utf8')) as {
  threshold: number;
  input: { width: number; height: number; channels: number };
  fit: { trainSeed: number; calibrationSeed: number };
};

const TEST_SEEDS = [0x7e570001, 0x7e570002];
const PARTS_PER_SEED = 500;
const BATCH = 25;

interface Scored {
  part: SyntheticPart;
  score: number;
}

describe('demo surface-anomaly model on fresh synthetic parts', () => {
  let session: ort.InferenceSession;
  const scored: Scored[] = [];

  beforeAll(async () => {
    session = await ort.InferenceSession.create(`${dir}surface-anomaly.onnx`);
    const size = sidecar.input.width;
    for (const seed of TEST_SEEDS) {
      const options = syntheticOptionsSchema.parse({ surface: 'mixed', seed, defectRate: 0.5, width: size, height: size });
      for (let from = 0; from < PARTS_PER_SEED; from += BATCH) {
        const parts = Array.from({ length: BATCH }, (_, i) => generatePart(options, from + i));
        const input = framesToInput(parts.map((p) => p.frame), size);
        const out = await session.run({ image: new ort.Tensor('float32', input, [parts.length, 1, size, size]) });
        const scores = out.score.data as Float32Array;
        parts.forEach((part, i) => scored.push({ part, score: scores[i] }));
      }
    }
  });

  afterAll(async () => {
    await session?.release();
  });

  it('given test seeds, when compared with the fitting seeds, then none is reused', () => {
    expect(TEST_SEEDS).not.toContain(sidecar.fit.trainSeed);
    expect(TEST_SEEDS).not.toContain(sidecar.fit.calibrationSeed);
  });

  it('given the committed model, when its IO is read, then it takes gray 256×256 images and gives a map and a score', () => {
    expect(session.inputNames).toEqual(['image']);
    expect(session.outputNames).toEqual(['anomaly_map', 'score']);
    expect(sidecar.input).toMatchObject({ width: 256, height: 256, channels: 1 });
  });

  it('given 1,000 fresh parts of all surfaces, when scored at the committed threshold, then recall ≥ 95 % and false rejects ≤ 2 %', () => {
    expect(scored).toHaveLength(TEST_SEEDS.length * PARTS_PER_SEED);
    const defective = scored.filter((s) => s.part.truth.defective);
    const good = scored.filter((s) => !s.part.truth.defective);
    const caught = defective.filter((s) => s.score > sidecar.threshold).length;
    const falseRejects = good.filter((s) => s.score > sidecar.threshold).length;
    const recall = caught / defective.length;
    const falseRejectRate = falseRejects / good.length;
    console.info(
      `demo model: recall ${(100 * recall).toFixed(1)} % (${caught}/${defective.length}), ` +
        `false rejects ${(100 * falseRejectRate).toFixed(1)} % (${falseRejects}/${good.length})`,
    );
    // Both classes well represented, every surface present.
    expect(defective.length).toBeGreaterThan(400);
    expect(good.length).toBeGreaterThan(400);
    expect(new Set(scored.map((s) => s.part.surface)).size).toBe(3);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falseRejectRate).toBeLessThanOrEqual(0.02);
  });

  it('given a defective part, when its anomaly map is read, then the hottest cell lies on a true defect box', async () => {
    const size = sidecar.input.width;
    const hits = scored.filter((s) => s.part.truth.defective && s.score > sidecar.threshold).slice(0, 20);
    const input = framesToInput(hits.map((h) => h.part.frame), size);
    const out = await session.run({ image: new ort.Tensor('float32', input, [hits.length, 1, size, size]) });
    const [, , gh, gw] = out.anomaly_map.dims as number[];
    const map = out.anomaly_map.data as Float32Array;
    const cell = size / gw;
    let onDefect = 0;
    hits.forEach((h, n) => {
      let best = 0;
      for (let i = 1; i < gh * gw; i++) if (map[n * gh * gw + i] > map[n * gh * gw + best]) best = i;
      const cx = (best % gw) * cell + cell / 2;
      const cy = Math.floor(best / gw) * cell + cell / 2;
      // A cell's energy comes from a filter footprint, so allow a margin of a few cells.
      const margin = 3 * cell;
      if (h.part.truth.defects.some(({ box: [x, y, w, bh] }) => cx >= x - margin && cx <= x + w + margin && cy >= y - margin && cy <= y + bh + margin)) onDefect++;
    });
    expect(onDefect / hits.length).toBeGreaterThanOrEqual(0.9);
  });
});
