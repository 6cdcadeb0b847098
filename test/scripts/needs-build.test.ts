import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReason } from '@/scripts/start/needs-build';

let root: string;
const write = (path: string, at: number) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), 'x');
  utimesSync(join(root, path), at / 1000, at / 1000);
};
const T = Date.UTC(2026, 0, 1);

describe('when npm start rebuilds the web app', () => {
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'loupe-build-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('given no build yet, then it builds', () => {
    write('app/page.tsx', T);
    expect(buildReason(root)).toBe('no production build yet');
  });

  it('given a build newer than every source, then it does not build', () => {
    write('app/page.tsx', T);
    write('lib/x/y.ts', T);
    write('.next/BUILD_ID', T + 1000);
    expect(buildReason(root)).toBeNull();
  });

  it('given a source changed after the build, then it builds and says which folder changed', () => {
    write('.next/BUILD_ID', T + 1000);
    write('components/lines/card.tsx', T + 2000);
    expect(buildReason(root)).toBe('components changed since the last build');
  });

  it('given only a test file changed after the build, then it does not build', () => {
    write('.next/BUILD_ID', T + 1000);
    write('lib/pipeline/a.test.ts', T + 2000);
    expect(buildReason(root)).toBeNull();
  });
});
