/** loadDataset: the three layouts, task inference, class order, and clear Problems for bad folders. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '@/lib/pipeline/problems';
import { loadDataset } from '@/lib/precision/evaluate/load-dataset';
import { yamlNames } from '@/lib/precision/evaluate/yolo-labels';
import { tempDir, writePng } from './eval-fixtures';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ProblemError) return `${err.problems[0].code}: ${err.problems[0].message}`;
    throw err;
  }
  return 'no error';
}

describe('loadDataset layouts', () => {
  it('given class sub-folders named 2 and 10, when loaded, then the task is classification and classes sort naturally', async () => {
    const root = await tempDir();
    for (const c of ['10', '2']) {
      await mkdir(join(root, c));
      await writePng(join(root, c, 'a.png'));
      await writePng(join(root, c, 'b.png'));
    }
    const d = await loadDataset(root);
    expect(d.task).toBe('classification');
    expect(d.classes).toEqual(['2', '10']);
    expect(d.items.map((i) => i.label)).toEqual([0, 0, 1, 1]);
  });

  it('given good/ plus defect folders, when loaded, then the task is anomaly with good as class 0', async () => {
    const root = await tempDir();
    for (const c of ['scratch', 'good', 'dent']) {
      await mkdir(join(root, c));
      await writePng(join(root, c, 'x.png'));
    }
    const d = await loadDataset(root);
    expect(d.task).toBe('anomaly');
    expect(d.classes).toEqual(['good', 'dent', 'scratch']);
    expect(d.items.find((i) => i.path.includes('/good/'))?.label).toBe(0);
  });

  it('given images with YOLO txt labels beside them and a classes.txt, when loaded, then boxes and names are read and an unlabelled image has none', async () => {
    const root = await tempDir();
    await writePng(join(root, 'a.png'));
    await writePng(join(root, 'b.png'));
    await writeFile(join(root, 'a.txt'), '1 0.5 0.5 0.25 0.5\n0 0.2 0.2 0.1 0.1\n');
    await writeFile(join(root, 'classes.txt'), 'hole\nscratch\n');
    const d = await loadDataset(root);
    expect(d.task).toBe('detection');
    expect(d.classes).toEqual(['hole', 'scratch']);
    expect(d.items[0].boxes).toEqual([{ cls: 1, cx: 0.5, cy: 0.5, w: 0.25, h: 0.5 }, { cls: 0, cx: 0.2, cy: 0.2, w: 0.1, h: 0.1 }]);
    expect(d.items[1]).toMatchObject({ label: null, boxes: [] });
  });

  it('given a data.yaml names block, when parsed, then inline lists, dash lists and index maps all work', () => {
    expect(yamlNames('nc: 1\nnames: ["defect"]  # one class\n')).toEqual(['defect']);
    expect(yamlNames('names:\n  - a\n  - b\nnc: 2\n')).toEqual(['a', 'b']);
    expect(yamlNames('names:\n  0: crack\n  1: "pit"\n')).toEqual(['crack', 'pit']);
  });

  const KOLEKTOR = resolve(process.cwd(), '../shared/datasets/kolektorsdd/images/val');
  it.skipIf(!existsSync(KOLEKTOR))('given the real KolektorSDD YOLO tree (images/val + labels/val polygons, data.yaml), when loaded, then defects become boxes of class "defect"', async () => {
    const d = await loadDataset(KOLEKTOR);
    expect(d.task).toBe('detection');
    expect(d.classes).toEqual(['defect']);
    expect(d.items.length).toBe(79);
    const boxed = d.items.filter((i) => i.boxes!.length > 0);
    expect(boxed.length).toBeGreaterThan(0);
    for (const b of boxed.flatMap((i) => i.boxes!)) {
      expect(b.w).toBeGreaterThan(0);
      expect(b.cx - b.w / 2).toBeGreaterThanOrEqual(-0.01);
      expect(b.cx + b.w / 2).toBeLessThanOrEqual(1.01);
    }
  });
});

describe('loadDataset bad input', () => {
  it('given an empty folder, when loaded, then precision.dataset-empty names the folder', async () => {
    const root = await tempDir();
    expect(await codeOf(loadDataset(root))).toMatch(new RegExp(`^precision.dataset-empty: Dataset folder ${root} has no images`));
  });
  it('given a missing folder, when loaded, then precision.dataset-empty says it does not exist', async () => {
    expect(await codeOf(loadDataset('/nonexistent/loupe-val'))).toBe('precision.dataset-empty: Dataset folder /nonexistent/loupe-val does not exist');
  });
  it('given images but only one class folder, when loaded as classification, then the Problem asks for one folder per class', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'ok'));
    await writePng(join(root, 'ok', 'a.png'));
    expect(await codeOf(loadDataset(root))).toMatch(/^precision.dataset-empty: .*1 class sub-folder\(s\) \(ok\); classification needs one sub-folder per class/);
  });
  it('given an anomaly task without good/, when loaded, then the Problem says good/ is needed', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'dent'));
    await writePng(join(root, 'dent', 'a.png'));
    expect(await codeOf(loadDataset(root, 'anomaly'))).toMatch(/has no good\/ sub-folder/);
  });
  it('given a label line with 3 numbers, when loaded, then precision.dataset-label names file and line', async () => {
    const root = await tempDir();
    await writePng(join(root, 'a.png'));
    await writeFile(join(root, 'a.txt'), '0 0.5 0.5 0.1 0.1\n0 0.5 0.5\n');
    expect(await codeOf(loadDataset(root))).toBe(`precision.dataset-label: Label file ${join(root, 'a.txt')} line 2: expected \`class cx cy w h\` or a polygon \`class x1 y1 x2 y2 x3 y3 …\` ("0 0.5 0.5")`);
  });
  it('given labels in pixels instead of 0..1, when loaded, then the Problem says coordinates must be normalised', async () => {
    const root = await tempDir();
    await writePng(join(root, 'a.png'));
    await writeFile(join(root, 'a.txt'), '0 120 80 30 20\n');
    expect(await codeOf(loadDataset(root))).toMatch(/line 1: coordinates must be normalised to 0\.\.1/);
  });
});
