/** The multipart body of an upload, or a request.invalid Problem saying what was expected. */
import { ProblemError, problem } from '@/lib/pipeline/problems';

export async function readForm(req: Request): Promise<FormData> {
  try {
    return await req.formData();
  } catch {
    throw new ProblemError([problem('request.invalid', 'Send the upload as multipart/form-data (a form with file fields)')]);
  }
}

/** The File fields named `name`; a missing or non-file field is a request.invalid Problem. */
export function filesOf(form: FormData, name: string): File[] {
  const files = form.getAll(name).filter((v): v is File => typeof v !== 'string');
  if (!files.length) throw new ProblemError([problem('request.invalid', `No file in the "${name}" field of the upload`, { path: [name] })]);
  return files;
}
