import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSharpCodec } from '@/lib/images/sharp-codec';
import { sinkImages, type ImageSinkRunner } from '@/lib/pipeline/nodes/sink-images';
import { renderOverlay } from '@/lib/pipeline/overlay/render-overlay';
import { problem } from '@/lib/pipeline/problems';
import type { Frame, FrameInfo, Verdict } from '@/lib/pipeline/values';
import { nodeTestServices, runnerContext } from './node-test-services';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'loupe-images-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const gray = (width: number, height: number, value = 100): Frame => ({ width, height, channels: 1, data: new Uint8Array(width * height).fill(value) });
const px = (f: Frame, x: number, y: number) => [...f.data.subarray(3 * (y * f.width + x), 3 * (y * f.width + x) + 3)];
const FAIL: Verdict = { pass: false, reasons: ['bad'], defects: [] };
const PASS: Verdict = { pass: true, reasons: [], defects: [] };
const info = (seq: number, extra: Partial<FrameInfo> = {}): FrameInfo => ({ id: `cam:${seq}`, seq, origin: `o${seq}`, capturedAt: 0, ...extra });

async function sink(params: Record<string, unknown>, now: () => number = () => 0) {
  const services = nodeTestServices({ now });
  const runner = (await sinkImages.createStage!(sinkImages.params.parse({ folder: dir, ...params }), runnerContext(services, 'pics'), {})) as ImageSinkRunner;
  return { services, runner };
}

describe('overlay drawing', () => {
  it('given a detection box, when drawn, then its outline is coloured and pixels outside and inside it are untouched', () => {
    const out = renderOverlay(gray(40, 30), { detections: [{ box: [10, 5, 12, 8], classId: 0, label: 'scratch', score: 0.9 }] });
    expect(out.channels).toBe(3);
    expect(px(out, 10, 5)).toEqual([0, 255, 0]); // top-left corner
    expect(px(out, 21, 12)).toEqual([0, 255, 0]); // bottom-right corner (x+w-1, y+h-1)
    expect(px(out, 15, 9)).toEqual([100, 100, 100]); // inside
    expect(px(out, 9, 5)).toEqual([100, 100, 100]); // just outside
    expect(px(out, 22, 12)).toEqual([100, 100, 100]);
  });

  it('given a box partly off the frame, when drawn, then it is clipped without error', () => {
    const out = renderOverlay(gray(10, 10), { detections: [{ box: [-5, 6, 30, 30], classId: 1, label: 'x', score: 1 }] });
    expect(px(out, 0, 6)).toEqual([0, 200, 255]);
  });

  it('given a 2×2 anomaly map hot in one corner, when drawn on a larger frame, then that corner turns red and the cold one stays grey', () => {
    const out = renderOverlay(gray(20, 20), { anomaly: { width: 2, height: 2, data: new Float32Array([0, 0, 0, 1]), score: 1 } });
    const [r, g, b] = px(out, 19, 19);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
    expect(px(out, 0, 0)).toEqual([100, 100, 100]);
  });
});

describe('sink.images', () => {
  it('given failed and passed frames, when saved with onlyFailed, then only the failed ones land as PNGs with the box drawn', async () => {
    const { runner } = await sink({});
    const detections = [{ box: [2, 2, 6, 6], classId: 0, label: 'spot', score: 0.8 }];
    await runner.run(
      [
        { frame: gray(16, 12), verdict: FAIL, detections },
        { frame: gray(16, 12), verdict: PASS, detections: [] },
      ],
      [info(0), info(1)],
    );
    expect(readdirSync(dir)).toEqual(['cam_0.png']);
    const saved = await createSharpCodec().decode(new Uint8Array(readFileSync(join(dir, 'cam_0.png'))), { maxPixels: 1e6 });
    expect([saved.width, saved.height, saved.channels]).toEqual([16, 12, 3]);
    expect(px(saved, 2, 2)).toEqual([0, 255, 0]);
    expect(px(saved, 5, 5)).toEqual([100, 100, 100]);
    expect(runner.counts()).toEqual({ saved: 1, skipped: 0, failed: 0 });
  });

  it('given onlyFailed off and an errored frame, when saved, then every frame with pixels is written', async () => {
    const { runner } = await sink({ onlyFailed: false });
    await runner.run(
      [{ frame: gray(4, 4), verdict: PASS }, { frame: gray(4, 4) }, { verdict: FAIL }],
      [info(0), info(1, { error: problem('frame.stage-failed', 'model fell over') }), info(2)],
    );
    expect(readdirSync(dir).sort()).toEqual(['cam_0.png', 'cam_1.png']);
  });

  it('given a limit of 2 per minute, when 5 failed frames come at once, then 2 are saved and 3 skipped; a minute later there is room again', async () => {
    let clock = 0;
    const { runner } = await sink({ maxPerMinute: 2 }, () => clock);
    const batch = Array.from({ length: 5 }, () => ({ frame: gray(4, 4), verdict: FAIL }));
    await runner.run(batch, batch.map((_, i) => info(i)));
    expect(runner.counts()).toEqual({ saved: 2, skipped: 3, failed: 0 });
    expect(readdirSync(dir)).toHaveLength(2);
    clock = 30_000; // half a minute refills one token
    await runner.run(batch.slice(0, 2), [info(5), info(6)]);
    expect(runner.counts()).toEqual({ saved: 3, skipped: 4, failed: 0 });
  });

  it('given a folder that cannot be written, when saving, then the failure is counted and logged, and the frame is not failed', async () => {
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const { services, runner } = await sink({ folder: join(dir, 'a-file', 'pictures') });
    const outcomes = await runner.run([{ frame: gray(4, 4), verdict: FAIL }], [info(0)]);
    expect(outcomes).toEqual([{}]);
    expect(runner.counts().failed).toBe(1);
    expect(services.logged.some((l) => l.level === 'warn' && l.message.includes('could not save'))).toBe(true);
  });
});
