import { handler, json } from '@/lib/http/handler';
import { labPaths } from '@/lib/precision-lab/lab-paths';
import { listLabModels } from '@/lib/precision-lab/list-models';
import { filesOf, readForm } from '@/lib/precision-lab/read-form';
import { saveModelUpload } from '@/lib/precision-lab/save-model-upload';

export const GET = handler(async () => json({ models: listLabModels(labPaths()).map(({ absolute: _a, ...m }) => m) }));

/** multipart/form-data with one `file`: an .onnx model, checked, stored as data/models/<safe-name>.onnx. */
export const POST = handler(async (req: Request) => {
  const [file] = filesOf(await readForm(req), 'file');
  const saved = saveModelUpload(labPaths(), file.name, new Uint8Array(await file.arrayBuffer()));
  return json({ model: saved }, { status: 201 });
});
