/**
 * Reads a pipeline file for the CLI and the bench: a missing file or one that is not JSON is a
 * problem (graph.invalid) naming the file, never an exception. Whether the JSON is a pipeline is
 * the compiler's question.
 */
import { readFile } from 'node:fs/promises';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { messageOf } from '@/lib/pipeline/runtime/message-of';

export async function readGraphFile(path: string): Promise<{ graph: unknown } | { problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : messageOf(err);
    return { problems: [problem('graph.invalid', `Cannot read the pipeline file ${path}: ${why}`)] };
  }
  try {
    return { graph: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    return { problems: [problem('graph.invalid', `${path} is not JSON: ${messageOf(err)}`)] };
  }
}
