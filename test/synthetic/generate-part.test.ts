import { describe, expect, it } from 'vitest';
import { generatePart } from '@/lib/synthetic/generate-part';
import { syntheticOptionsSchema } from '@/lib/synthetic/options';
import { DEFECT_KINDS } from '@/lib/synthetic/defects/defect';
import { SURFACES } from '@/lib/synthetic/surfaces/surface';

const options = (input: Record<string, unknown>) => syntheticOptionsSchema.parse(input);

describe('synthetic parts', () => {
  it('given the same seed and index, when generated twice, then pixels and truth are identical', () => {
    for (const surface of SURFACES) {
      const o = options({ surface, seed: 42, defectRate: 0.5 });
      const a = generatePart(o, 7);
      const b = generatePart(o, 7);
      expect(Buffer.from(a.frame.data).equals(Buffer.from(b.frame.data))).toBe(true);
      expect(a.truth).toEqual(b.truth);
    }
  });

  it('given different seeds or indices, when generated, then the pixels differ', () => {
    const a = generatePart(options({ seed: 1 }), 0).frame.data;
    const b = generatePart(options({ seed: 2 }), 0).frame.data;
    const c = generatePart(options({ seed: 1 }), 1).frame.data;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('given many defective parts, when truth is read, then every box lies inside the image and is not empty', () => {
    for (const surface of SURFACES) {
      const o = options({ surface, seed: 9, defectRate: 1, width: 200, height: 120 });
      for (let i = 0; i < 60; i++) {
        const { truth, frame } = generatePart(o, i);
        expect(truth.defective).toBe(truth.defects.length > 0);
        for (const { box: [x, y, w, h] } of truth.defects) {
          expect(w).toBeGreaterThan(0);
          expect(h).toBeGreaterThan(0);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(x + w).toBeLessThanOrEqual(frame.width);
          expect(y + h).toBeLessThanOrEqual(frame.height);
        }
      }
    }
  });

  it('given all defect kinds, when 200 defective parts are made, then each kind appears', () => {
    const o = options({ surface: 'mixed', seed: 3, defectRate: 1 });
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const d of generatePart(o, i).truth.defects) seen.add(d.kind);
    expect([...seen].sort()).toEqual([...DEFECT_KINDS].sort());
  });

  it('given a restricted kind list, when parts are made, then only those kinds appear', () => {
    const o = options({ seed: 4, defectRate: 1, defectKinds: ['dent'] });
    for (let i = 0; i < 30; i++) for (const d of generatePart(o, i).truth.defects) expect(d.kind).toBe('dent');
  });

  it('given defect rate 0 or 1, when 100 parts are made, then none or all are defective', () => {
    const none = options({ surface: 'mixed', seed: 5, defectRate: 0 });
    const all = options({ surface: 'mixed', seed: 5, defectRate: 1 });
    for (let i = 0; i < 100; i++) {
      expect(generatePart(none, i).truth.defective).toBe(false);
      expect(generatePart(all, i).truth.defective).toBe(true);
    }
  });

  it('given rgb and gray of the same part, when rgb is converted to luma, then it matches gray closely', () => {
    const gray = generatePart(options({ surface: 'painted-panel', seed: 6, channels: 'gray' }), 0).frame;
    const rgb = generatePart(options({ surface: 'painted-panel', seed: 6, channels: 'rgb' }), 0).frame;
    expect(rgb.channels).toBe(3);
    expect(rgb.data.length).toBe(gray.data.length * 3);
    let diff = 0;
    for (let i = 0; i < gray.data.length; i++) {
      diff += Math.abs(0.299 * rgb.data[3 * i] + 0.587 * rgb.data[3 * i + 1] + 0.114 * rgb.data[3 * i + 2] - gray.data[i]);
    }
    expect(diff / gray.data.length).toBeLessThan(6);
  });

  it('given a surface, when its pixels are summarised, then it is textured but not clipped', () => {
    for (const surface of SURFACES) {
      const { data } = generatePart(options({ surface, seed: 8 }), 0).frame;
      let sum = 0;
      let sq = 0;
      let clipped = 0;
      for (const v of data) {
        sum += v;
        sq += v * v;
        if (v === 0 || v === 255) clipped++;
      }
      const mean = sum / data.length;
      const std = Math.sqrt(sq / data.length - mean * mean);
      expect(mean).toBeGreaterThan(40);
      expect(mean).toBeLessThan(230);
      expect(std).toBeGreaterThan(2);
      expect(clipped / data.length).toBeLessThan(0.01);
    }
  });

  it('given bad options, when parsed, then zod names the field', () => {
    const bad = syntheticOptionsSchema.safeParse({ surface: 'wood', defectRate: 2 });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('surface');
    expect(paths).toContain('defectRate');
  });
});
