import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FrameSourceRunner, SourceItem } from '@/lib/pipeline/node-kind';
import { sourceFolder } from '@/lib/pipeline/nodes/source-folder';
import { ProblemError } from '@/lib/pipeline/problems';
import type { Frame } from '@/lib/pipeline/values';
import { pngHeaderOnly } from '../../images/png-bytes';
import { nodeTestServices, runnerContext } from './node-test-services';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'loupe-folder-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const png = (value: number, width = 8, height = 6) =>
  sharp({ create: { width, height, channels: 3, background: { r: value, g: value, b: value } } }).png().toBuffer();

function source(params: Record<string, unknown>): FrameSourceRunner {
  const parsed = sourceFolder.params.parse({ path: dir, ...params });
  const out = sourceFolder.compile(parsed, {} as never);
  if (Array.isArray(out)) throw new Error('compile failed');
  return sourceFolder.createSource!(out.config, runnerContext(nodeTestServices(), 'folder'));
}

async function drain(runner: FrameSourceRunner, max = 50): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  const signal = new AbortController().signal;
  for (let item = await runner.next(signal); item && items.length < max; item = await runner.next(signal)) items.push(item);
  return items;
}

const name = (item: SourceItem) => item.info.origin.slice(dir.length + 1);

describe('source.folder', () => {
  it('given good and bad files, when read, then good ones decode and bad ones become error items with their path, in name order', async () => {
    writeFileSync(join(dir, 'img10.png'), await png(10));
    writeFileSync(join(dir, 'img2.png'), await png(2));
    writeFileSync(join(dir, 'empty.png'), Buffer.alloc(0));
    writeFileSync(join(dir, 'huge.png'), pngHeaderOnly(30000, 30000));
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
      .jpeg()
      .toBuffer();
    writeFileSync(join(dir, 'half.jpg'), jpeg.subarray(0, jpeg.length >> 1));
    writeFileSync(join(dir, 'notes.txt'), 'not an image');

    const items = await drain(source({}));

    expect(items.map(name)).toEqual(['empty.png', 'half.jpg', 'huge.png', 'img2.png', 'img10.png']);
    expect(items.map((i) => i.error?.code)).toEqual(['frame.empty', 'frame.decode', 'frame.too-large', undefined, undefined]);
    expect(items[2].error!.message).toContain('huge.png');
    const frame = items[3].values.frame as Frame;
    expect([frame.width, frame.height, frame.channels, frame.data[0]]).toEqual([8, 6, 3, 2]);
    expect(items.map((i) => i.info.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(items.map((i) => i.info.id)).size).toBe(5);
  });

  it('given loop on, when the last file is read, then it starts again from the first', async () => {
    writeFileSync(join(dir, 'a.png'), await png(1));
    writeFileSync(join(dir, 'b.png'), await png(2));
    const items = await drain(source({ loop: true }), 5);
    expect(items.map(name)).toEqual(['a.png', 'b.png', 'a.png', 'b.png', 'a.png']);
  });

  it('given an extension list, when read, then only those files are taken, case-insensitively', async () => {
    writeFileSync(join(dir, 'a.PNG'), await png(1));
    writeFileSync(join(dir, 'b.png'), await png(2));
    writeFileSync(join(dir, 'c.jpg'), await sharp(await png(3)).jpeg().toBuffer());
    expect((await drain(source({ extensions: ['png'] }))).map(name)).toEqual(['a.PNG', 'b.png']);
  });

  it('given a folder that does not exist, when the first frame is asked for, then a clear problem naming the folder', async () => {
    const runner = sourceFolder.createSource!(
      sourceFolder.params.parse({ path: join(dir, 'missing') }),
      runnerContext(nodeTestServices(), 'folder'),
    );
    const err = await runner.next(new AbortController().signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).problems[0].message).toContain(join(dir, 'missing'));
  });

  it('given watch on, when a new image is written after the start, then it arrives as the next frame', async () => {
    writeFileSync(join(dir, 'first.png'), await png(1));
    const runner = source({ watch: true });
    const stop = new AbortController();
    const guard = setTimeout(() => stop.abort(), 20_000);
    expect(name((await runner.next(stop.signal))!)).toBe('first.png');
    const next = runner.next(stop.signal);
    writeFileSync(join(dir, 'second.png'), await png(50));
    const item = await next;
    clearTimeout(guard);
    expect(item && name(item)).toBe('second.png');
    expect((item!.values.frame as Frame).data[0]).toBe(50);
    await runner.close!();
  });

  it('given watch on and nothing new, when the signal aborts, then next() ends with null', async () => {
    const runner = source({ watch: true });
    const stop = new AbortController();
    const pending = runner.next(stop.signal);
    setTimeout(() => stop.abort(), 50);
    expect(await pending).toBeNull();
    await runner.close!();
  });
});
