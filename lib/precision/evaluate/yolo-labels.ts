/**
 * YOLO txt labels: one object per line, `class cx cy w h` normalised to the image (0..1). Polygon
 * lines (`class x1 y1 x2 y2 …`, the segmentation export KolektorSDD ships) become their bounding
 * box, since evaluation here scores boxes. An empty file is an image with no objects.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, sep } from 'node:path';
import { problem, ProblemError } from '@/lib/pipeline/problems';

export interface YoloBox {
  cls: number;
  cx: number;
  cy: number;
  w: number;
  h: number;
}

/** Where an image's label file is: next to it (`a.jpg` → `a.txt`), or the YOLO tree (`images/…` → `labels/…`). */
export function labelPathFor(image: string): string | undefined {
  const stem = basename(image, extname(image));
  const beside = join(dirname(image), `${stem}.txt`);
  if (existsSync(beside)) return beside;
  const parts = dirname(image).split(sep);
  const at = parts.lastIndexOf('images');
  if (at < 0) return undefined;
  parts[at] = 'labels';
  const tree = join(parts.join(sep) || sep, `${stem}.txt`);
  return existsSync(tree) ? tree : undefined;
}

export async function readYoloLabels(file: string): Promise<YoloBox[]> {
  const text = await readFile(file, 'utf8');
  const boxes: YoloBox[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const fields = line.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) return;
    const nums = fields.map(Number);
    const bad = (why: string) => new ProblemError([problem('precision.dataset-label', `Label file ${file} line ${i + 1}: ${why} ("${line.trim()}")`, { path: [file, i + 1] })]);
    if (nums.some((n) => !Number.isFinite(n))) throw bad('every field must be a number');
    const [cls, ...coords] = nums;
    if (!Number.isInteger(cls) || cls < 0) throw bad('the class must be a non-negative integer');
    if (coords.some((c) => c < -0.01 || c > 1.01)) throw bad('coordinates must be normalised to 0..1');
    if (coords.length === 4) {
      const [cx, cy, w, h] = coords;
      if (w <= 0 || h <= 0) throw bad('width and height must be positive');
      boxes.push({ cls, cx, cy, w, h });
    } else if (coords.length >= 6 && coords.length % 2 === 0) {
      boxes.push(polygonBox(cls, coords));
    } else {
      throw bad('expected `class cx cy w h` or a polygon `class x1 y1 x2 y2 x3 y3 …`');
    }
  });
  return boxes;
}

function polygonBox(cls: number, coords: number[]): YoloBox {
  const xs = coords.filter((_, i) => i % 2 === 0);
  const ys = coords.filter((_, i) => i % 2 === 1);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return { cls, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0 };
}

/**
 * Class names for a YOLO dataset: `classes.txt` or `*.names` (one per line), or the `names:` of a
 * `data.yaml` (inline list, `- name` lines or `0: name` lines), looked for in the root and the two folders above it (YOLO trees keep data.yaml beside images/).
 */
export async function yoloClassNames(root: string): Promise<string[] | undefined> {
  for (const dir of [root, dirname(root), dirname(dirname(root))]) {
    for (const f of ['classes.txt', 'obj.names', 'coco.names']) {
      const p = join(dir, f);
      if (existsSync(p)) return (await readFile(p, 'utf8')).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    }
    for (const f of ['data.yaml', 'data.yml', 'dataset.yaml']) {
      const p = join(dir, f);
      if (existsSync(p)) {
        const names = yamlNames(await readFile(p, 'utf8'));
        if (names) return names;
      }
    }
  }
  return undefined;
}

/** The `names` entry of a YOLO data.yaml — just that key, not a YAML parser. */
export function yamlNames(text: string): string[] | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\s+#.*$/, ''));
  const at = lines.findIndex((l) => /^names\s*:/.test(l));
  if (at < 0) return undefined;
  const unquote = (s: string) => s.trim().replace(/^["']|["']$/g, '');
  const inline = lines[at].replace(/^names\s*:\s*/, '').trim();
  if (inline.startsWith('[')) return inline.replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean);
  const names: string[] = [];
  for (const l of lines.slice(at + 1)) {
    const m = /^\s+(?:-\s*|\d+\s*:\s*)(.+)$/.exec(l);
    if (!m) break;
    names.push(unquote(m[1]));
  }
  return names.length ? names : undefined;
}
