/**
 * Whether the Next.js production build is missing or older than the sources it was built from.
 * Deliberately simple: compare .next/BUILD_ID's time with the newest file under the source
 * folders (tests excluded: they are not part of the app).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SOURCE_PATHS = ['app', 'components', 'lib', 'next.config.js', 'package.json', 'tsconfig.json'];
const SKIP_DIRS = new Set(['node_modules', '.next', 'data']);

export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIP_DIRS.has(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildReason(root: string): string | null {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'no production build yet';
  const builtAt = statSync(buildId).mtimeMs;
  const changed = SOURCE_PATHS.find((p) => newestMtime(join(root, p)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}
