import { ProblemError, problem } from '@/lib/pipeline/problems';
import { handler, json } from '@/lib/http/handler';
import { labPaths } from '@/lib/precision-lab/lab-paths';
import { filesOf, readForm } from '@/lib/precision-lab/read-form';
import { saveDatasetUpload } from '@/lib/precision-lab/save-dataset-upload';

/**
 * multipart/form-data: `name`, the `files`, and for each file its `paths` entry (the browser's
 * webkitRelativePath, sub-folders kept) in the same order; stored under data/datasets/<name>/.
 */
export const POST = handler(async (req: Request) => {
  const form = await readForm(req);
  const files = filesOf(form, 'files');
  const paths = form.getAll('paths').map(String);
  if (paths.length && paths.length !== files.length) throw new ProblemError([problem('request.invalid', `${files.length} files but ${paths.length} paths`, { path: ['paths'] })]);
  const uploaded = await Promise.all(files.map(async (f, i) => ({ relativePath: paths[i] || f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const saved = saveDatasetUpload(labPaths(), String(form.get('name') ?? ''), uploaded);
  return json({ dataset: saved }, { status: 201 });
});
