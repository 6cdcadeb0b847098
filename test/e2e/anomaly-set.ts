/**
 * A labelled anomaly set from the synthetic camera, as the demo model's users would have one:
 * `good/` and `defect/` folders of 256×256 gray PNGs (defect = the part carries a painted defect).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { generatePart } from '@/lib/synthetic/generate-part';
import { syntheticOptionsSchema } from '@/lib/synthetic/options';

export async function writeAnomalySet(root: string, parts = 40, seed = 7_000_001): Promise<{ good: number; defect: number }> {
  const options = syntheticOptionsSchema.parse({ surface: 'mixed', defectRate: 0.5, seed });
  const counts = { good: 0, defect: 0 };
  for (let i = 0; i < parts; i++) {
    const part = generatePart(options, i);
    const label = part.truth.defective ? 'defect' : 'good';
    counts[label]++;
    mkdirSync(join(root, label), { recursive: true });
    const { width, height, channels, data } = part.frame;
    await sharp(Buffer.from(data), { raw: { width, height, channels } }).png().toFile(join(root, label, `part-${i}.png`));
  }
  return counts;
}
