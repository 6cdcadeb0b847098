import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeFiles } from '@/lib/runtime-node/node-files';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'loupe-files-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves with the first reported path, or undefined if none arrives before the guard aborts. */
function firstReport(files: ReturnType<typeof createNodeFiles>, stop: AbortController): Promise<string | undefined> {
  return new Promise((resolve) => {
    const guard = setTimeout(() => stop.abort(), 20_000);
    stop.signal.addEventListener('abort', () => resolve(undefined));
    files.watch!(dir, (path) => {
      clearTimeout(guard);
      resolve(path);
      stop.abort();
    }, stop.signal);
  });
}

describe('node files', () => {
  it('given a folder with files and a subfolder, when listed, then only the files come back as full paths', async () => {
    writeFileSync(join(dir, 'a.png'), 'x');
    mkdirSync(join(dir, 'sub'));
    expect(await createNodeFiles().list(dir)).toEqual([join(dir, 'a.png')]);
  });

  it('given a nested path, when written, then folders are created and no temp file is left behind', async () => {
    const files = createNodeFiles();
    await files.write(join(dir, 'x', 'y', 'out.bin'), new Uint8Array([1, 2, 3]));
    expect([...(await files.read(join(dir, 'x', 'y', 'out.bin')))]).toEqual([1, 2, 3]);
    expect(readdirSync(join(dir, 'x', 'y'))).toEqual(['out.bin']);
  });

  for (const poll of [false, true]) {
    it(`given a ${poll ? 'polling' : 'native'} watch, when a file appears, then its path is reported once it settled`, async () => {
      writeFileSync(join(dir, 'old.png'), 'old');
      const files = createNodeFiles({ poll, pollMs: 20, settleMs: 20 });
      const stop = new AbortController();
      const reported = firstReport(files, stop);
      await new Promise((r) => setTimeout(r, 30));
      await files.write(join(dir, 'new.png'), new Uint8Array([9]));
      expect(await reported).toBe(join(dir, 'new.png'));
    });
  }
});
