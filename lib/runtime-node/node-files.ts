/**
 * FileSystem over node:fs. list() returns the paths of the regular files directly in a folder;
 * write() is atomic (temp file + rename) so a watcher on the output folder never sees half a file;
 * watch() reports each file that appears once, after its writes have settled.
 */
import { readdirSync, watch as fsWatch } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileSystem } from '../pipeline/runtime/services';

export interface NodeFilesOptions {
  /** Quiet time after a file's last change event before it is reported. */
  settleMs?: number;
  /** Poll instead of fs.watch (network mounts, or when inotify is unavailable). */
  poll?: boolean;
  pollMs?: number;
}

export function createNodeFiles(options: NodeFilesOptions = {}): FileSystem {
  const settleMs = options.settleMs ?? 100;
  const pollMs = options.pollMs ?? 500;
  let tmpCounter = 0;
  return {
    async list(dir) {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => join(dir, e.name));
    },
    async read(path) {
      const buf = await readFile(path);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
    async write(path, bytes) {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${tmpCounter++}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    },
    watch(dir, onFile, signal) {
      watchFolder(dir, onFile, signal, { settleMs, pollMs, poll: options.poll ?? false });
    },
  };
}

/**
 * fs.watch reports any file that gets events after watching starts (new, replaced or rewritten);
 * callers de-duplicate. Polling compares against a listing taken synchronously at the start, so
 * nothing created after watch() returns is missed.
 */
function watchFolder(dir: string, onFile: (path: string) => void, signal: AbortSignal, o: { settleMs: number; pollMs: number; poll: boolean }): void {
  if (signal.aborted) return;
  const reported = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const report = async (name: string) => {
    timers.delete(name);
    if (signal.aborted || reported.has(name)) return;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (!info?.isFile() || signal.aborted || reported.has(name)) return;
    reported.add(name);
    onFile(join(dir, name));
  };
  // Waits until a file's writes have settled before reporting it.
  const touched = (name: string) => {
    clearTimeout(timers.get(name));
    timers.set(name, setTimeout(() => void report(name), o.settleMs));
  };
  signal.addEventListener('abort', () => timers.forEach((t) => clearTimeout(t)), { once: true });
  const poll = () => {
    for (const name of listNamesSync(dir)) reported.add(name);
    const timer = setInterval(() => {
      void listNames(dir).then((names) => names.filter((n) => !reported.has(n) && !timers.has(n)).forEach(touched));
    }, o.pollMs);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  };
  if (o.poll) return poll();
  try {
    const watcher = fsWatch(dir, { signal });
    watcher.on('change', (_event, name) => {
      if (typeof name === 'string' && !name.endsWith('.tmp')) touched(name);
    });
    // inotify can run out of watches; polling keeps the folder source alive.
    watcher.on('error', () => {
      watcher.close();
      if (!signal.aborted) poll();
    });
  } catch {
    poll();
  }
}

async function listNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

function listNamesSync(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}
