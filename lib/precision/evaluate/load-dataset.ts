/**
 * A labelled evaluation set, read from a folder: which images, which label each has. Images are
 * listed, not decoded (evaluation streams them one at a time). Layouts:
 * - classification: one sub-folder per class (`cat/…`, `dog/…`); classes sorted naturally (2 < 10);
 * - anomaly: `good/` plus one sub-folder per defect type; class 0 is `good`;
 * - detection: images with YOLO txt labels, beside them (`a.jpg` + `a.txt`) or in the YOLO tree
 *   (`images/<split>/a.jpg` + `labels/<split>/a.txt`); an image with no label file has no objects.
 * - anomaly from a YOLO tree (asked for explicitly): an image without objects is good, one with
 *   objects is a defect of its first object's class (KolektorSDD ships this way).
 * The task is inferred when not given: a `good/` folder → anomaly; label files → detection.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { problem, ProblemError } from '@/lib/pipeline/problems';
import { listCalibrationImages } from '../calibrate/list-images';
import type { EvalTask } from './report-schema';
import { labelPathFor, readYoloLabels, yoloClassNames, type YoloBox } from './yolo-labels';

export interface DatasetItem {
  path: string;
  /** Class index (classification, anomaly: 0 = good); null for detection. */
  label: number | null;
  boxes?: YoloBox[];
}

export interface Dataset {
  task: EvalTask;
  root: string;
  classes: string[];
  items: DatasetItem[];
}

const naturally = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
const empty = (root: string, why: string) => new ProblemError([problem('precision.dataset-empty', `Dataset folder ${root} ${why}`, { path: [root] })]);

export async function loadDataset(folder: string, task?: EvalTask): Promise<Dataset> {
  const listed = await listCalibrationImages(folder);
  if (!listed.ok) throw empty(folder, listed.problems[0].message.replace(/^Calibration folder \S+ /, ''));
  const dirs = await subfolders(folder);
  const chosen = task ?? (dirs.includes('good') ? 'anomaly' : listed.files.some((f) => labelPathFor(f)) ? 'detection' : 'classification');
  if (chosen === 'detection') return detection(folder, listed.files);
  if (chosen === 'anomaly' && !dirs.includes('good') && listed.files.some((f) => labelPathFor(f))) return anomalyFromLabels(await detection(folder, listed.files));
  return byFolder(folder, chosen, dirs);
}

async function subfolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort(naturally);
}

async function byFolder(root: string, task: 'classification' | 'anomaly', dirs: string[]): Promise<Dataset> {
  if (task === 'anomaly' && !dirs.includes('good')) throw empty(root, 'has no good/ sub-folder; an anomaly set is good/ plus one sub-folder per defect type');
  const classes = task === 'anomaly' ? ['good', ...dirs.filter((d) => d !== 'good')] : dirs;
  if (classes.length < 2) {
    throw empty(root, `has ${classes.length} class sub-folder(s) (${classes.join(', ') || 'none'}); ${task === 'anomaly' ? 'anomaly needs good/ and at least one defect folder' : 'classification needs one sub-folder per class, at least two'}`);
  }
  const items: DatasetItem[] = [];
  for (const [label, name] of classes.entries()) {
    const listed = await listCalibrationImages(join(root, name));
    if (listed.ok) for (const path of listed.files) items.push({ path, label });
  }
  if (items.length === 0) throw empty(root, 'has class sub-folders but no images in them');
  if (task === 'anomaly' && !items.some((i) => i.label === 0)) throw empty(root, 'has no images in good/; false rejects and AUROC need good parts');
  return { task, root, classes, items };
}

async function detection(root: string, files: string[]): Promise<Dataset> {
  const items: DatasetItem[] = [];
  let maxClass = -1;
  for (const path of files) {
    const labels = labelPathFor(path);
    const boxes = labels && (await stat(labels)).isFile() ? await readYoloLabels(labels) : [];
    for (const b of boxes) maxClass = Math.max(maxClass, b.cls);
    items.push({ path, label: null, boxes });
  }
  if (maxClass < 0) throw empty(root, 'has no YOLO labels with any object (class cx cy w h per line, in <image>.txt or labels/…); mAP needs objects');
  const named = await yoloClassNames(root);
  const classes = named && named.length > maxClass ? named : Array.from({ length: maxClass + 1 }, (_, i) => named?.[i] ?? `class${i}`);
  return { task: 'detection', root, classes, items };
}

function anomalyFromLabels(d: Dataset): Dataset {
  const items = d.items.map((it) => ({ path: it.path, label: it.boxes && it.boxes.length ? 1 + it.boxes[0].cls : 0, boxes: it.boxes }));
  if (!items.some((i) => i.label === 0)) throw empty(d.root, 'has no image without objects; an anomaly set needs good parts (empty label files)');
  return { task: 'anomaly', root: d.root, classes: ['good', ...d.classes], items };
}
