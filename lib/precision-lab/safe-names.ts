/**
 * Names that come from a browser become file names only through here: a model or dataset name
 * is reduced to [A-Za-z0-9_-]; a relative path from an uploaded folder keeps its sub-folders but
 * any absolute path, `..`, `.` or empty segment refuses the whole upload.
 */
import { ProblemError, problem } from '@/lib/pipeline/problems';

/** `My Model (v2).onnx` → `My-Model-v2`; null when nothing usable is left. */
export function safeName(raw: string): string | null {
  const name = raw
    .replace(/\.onnx$/i, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return name || null;
}

/** Segments of a relative path from an upload, checked; throws request.invalid for traversal. */
export function safeRelativePath(raw: string, field: string): string[] {
  const refuse = (why: string) => new ProblemError([problem('request.invalid', `Upload path "${raw}" ${why}`, { path: [field] })]);
  if (raw.startsWith('/') || raw.startsWith('\\') || /^[A-Za-z]:/.test(raw)) throw refuse('is absolute; only paths inside the uploaded folder are accepted');
  const segments = raw.split(/[\\/]/);
  for (const s of segments) {
    if (s === '..' || s === '.' || s === '') throw refuse('contains an empty, "." or ".." segment (path traversal is refused)');
    if (/[\0<>:"|?*]/.test(s) || s.length > 200) throw refuse('contains characters not allowed in a file name');
  }
  return segments;
}
