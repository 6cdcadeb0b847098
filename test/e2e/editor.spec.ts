/**
 * The pipeline editor as a user drives it: drag node kinds from the palette, wire ports by dragging
 * between handles, be refused a wrong wire, break a parameter, preview it (the heat map on the model
 * node), save versions, compare them, and round-trip the JSON file. Screenshots land in
 * test-results/ for review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { listNodeKinds } from '@/lib/pipeline/registry';

// The demo pipeline, left to right; ports are looked up in the registry so the test follows it.
const CHAIN = ['source.synthetic', 'preprocess.resize', 'model.anomaly', 'decision', 'sink.log'];
const kinds = new Map(listNodeKinds().map((k) => [k.kind, k]));
const idOf = (kind: string) => kind.split('.').pop()!;

function wire(from: string, to: string): { out: string; in: string } {
  const a = kinds.get(from)!;
  const b = kinds.get(to)!;
  for (const [out, spec] of Object.entries(a.outputs)) {
    const input = Object.entries(b.inputs).find(([, s]) => s.type === spec.type);
    if (input) return { out, in: input[0] };
  }
  throw new Error(`The registry has no compatible ports from ${from} to ${to}: the demo chain cannot be wired`);
}

async function drop(page: Page, kind: string, x: number, y: number) {
  await page.dragAndDrop(`.palette-item[data-kind="${kind}"]`, '.canvas', { targetPosition: { x, y } });
  await expect(page.locator(`.react-flow__node[data-id="${idOf(kind)}"]`)).toBeVisible();
}

async function connect(page: Page, from: string, out: string, to: string, input: string) {
  const source = page.locator(`.react-flow__handle.source[data-nodeid="${from}"][data-handleid="${out}"]`);
  const target = page.locator(`.react-flow__handle.target[data-nodeid="${to}"][data-handleid="${input}"]`);
  const s = (await source.boundingBox())!;
  const t = (await target.boundingBox())!;
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function selectNode(page: Page, id: string) {
  await page.locator(`.react-flow__node[data-id="${id}"] .pnode-head`).click();
  await expect(page.locator(`.inspector[data-node="${id}"]`)).toBeVisible();
}

async function exportText(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  return readFileSync((await download.path())!, 'utf8');
}

test.use({ viewport: { width: 1280, height: 800 } });

test('given an empty canvas, when a user builds, breaks, saves, compares and round-trips the demo pipeline, then the editor does what they mean', async ({ page, request }) => {
  const created = await request.post('/api/pipelines', { data: { name: `e2e editor ${Date.now()}` } });
  expect(created.status()).toBe(201);
  const { pipeline } = await created.json();
  await page.goto(`/pipelines/${pipeline.id}`);
  await expect(page.locator('.palette')).toBeVisible();

  // Build from the palette, left to right.
  for (const [i, kind] of CHAIN.entries()) await drop(page, kind, 60 + i * 150, 80 + (i % 2) * 170);
  await page.getByRole('button', { name: 'Layout', exact: true }).click();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  for (let i = 0; i + 1 < CHAIN.length; i++) {
    const w = wire(CHAIN[i], CHAIN[i + 1]);
    await connect(page, idOf(CHAIN[i]), w.out, idOf(CHAIN[i + 1]), w.in);
  }
  await expect(page.locator('.react-flow__edge')).toHaveCount(CHAIN.length - 1);
  await page.keyboard.press('l'); // auto-layout, now by depth along the wires, then fit to the view
  await expect(page.locator(`.react-flow__node[data-id="${idOf(CHAIN[CHAIN.length - 1])}"]`)).toBeInViewport();

  // A wire between ports of different types is refused, with the reason shown.
  const frameOut = wire(CHAIN[0], CHAIN[1]).out;
  const wrong = Object.entries(kinds.get('decision')!.inputs).find(([, s]) => s.type !== kinds.get(CHAIN[0])!.outputs[frameOut].type)!;
  await connect(page, idOf(CHAIN[0]), frameOut, 'decision', wrong[0]);
  await expect(page.getByRole('status')).toContainText('Refused');
  await expect(page.locator('.react-flow__edge')).toHaveCount(CHAIN.length - 1);

  // Model nodes pick their file from the catalog.
  await selectNode(page, 'anomaly');
  const modelSelect = page.locator('select[name="param-model"]');
  if (await modelSelect.count()) {
    const first = await modelSelect.locator('option').nth(1).getAttribute('value');
    await modelSelect.selectOption(first!);
  }

  // A broken parameter shows on the node itself, live.
  await selectNode(page, 'synthetic');
  await page.locator('input[name="param-width"]').fill('5');
  await expect(page.locator('.react-flow__node[data-id="synthetic"] .pnode-problems')).toContainText('width');
  await expect(page.locator('.inspector .field-error')).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-broken-parameter.png' });
  await page.locator('input[name="param-width"]').fill('256');
  await expect(page.locator('.react-flow__node[data-id="synthetic"] .pnode-problems')).toHaveCount(0);

  // A decision rule is a group of fields of its own, checked like any other parameter.
  await selectNode(page, 'decision');
  await page.locator('input[name="param-detection.minScore"]').fill('2');
  await expect(page.locator('.react-flow__node[data-id="decision"] .pnode-problems')).toContainText('detection.minScore');
  await page.locator('input[name="param-detection.minScore"]').fill('0.6');
  await expect(page.locator('.react-flow__node[data-id="decision"] .pnode-problems li', { hasText: 'detection.minScore' })).toHaveCount(0);

  // The precision choice sits beside the model's variants (file sizes; measured numbers when a report exists).
  await selectNode(page, 'anomaly');
  await expect(page.getByLabel('Precision variants')).toContainText('FP32');

  // Preview: the demo model takes 256×256, so the resize is set to that; then each node shows its output.
  await selectNode(page, 'resize');
  await page.locator('input[name="param-width"]').fill('256');
  await page.locator('input[name="param-height"]').fill('256');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const loaded = (img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0);
  const heat = page.locator('.react-flow__node[data-id="anomaly"] .pnode-preview img[data-output="AnomalyMap"]');
  await expect(heat).toBeVisible();
  await expect.poll(() => heat.evaluate(loaded)).toBeGreaterThan(0);
  await expect(page.getByTestId('preview-decision').locator('.verdict')).toHaveText(/PASS|FAIL/);
  await expect(page.getByTestId('preview-log')).toContainText('not run in preview');
  await expect(page.getByTestId('preview-anomaly')).toContainText('ms');
  await selectNode(page, 'anomaly');
  await expect.poll(() => page.locator('.preview-panel img[data-testid="preview-heat-map"]').evaluate(loaded)).toBeGreaterThan(0);
  await expect(page.locator('.preview-panel')).toContainText('Sinks do not run');
  await page.screenshot({ path: 'test-results/editor-preview.png' });

  // Preview on a picture of one's own: a 320×240 RGB PNG with a dark scratch becomes the one frame.
  const picture = join(process.env.LOUPE_E2E_DIR!, 'own-part.png');
  const pixels = Buffer.alloc(320 * 240 * 3, 170);
  for (let x = 60; x < 260; x++) for (let dy = 0; dy < 3; dy++) pixels.fill(20, ((120 + dy) * 320 + x) * 3, ((120 + dy) * 320 + x) * 3 + 3);
  await sharp(pixels, { raw: { width: 320, height: 240, channels: 3 } }).png().toFile(picture);
  await page.getByTestId('preview-image').setInputFiles(picture);
  await expect(page.locator('.preview-panel')).toContainText('The uploaded picture replaces the source');
  await expect(page.locator('.preview-frames [role="tab"]')).toHaveCount(1);
  // The demo model finds the scratch on a part it has never seen.
  await expect(page.getByTestId('preview-decision').locator('.verdict')).toHaveText('FAIL');
  await expect.poll(() => page.locator('.preview-panel img[data-testid="preview-heat-map"]').evaluate(loaded)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/editor-preview-own-image.png' });

  // Two saves, two versions.
  await page.getByLabel('Author').fill('e2e');
  await page.getByLabel('Save message').fill('first wiring');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByRole('status')).toContainText('Saved version 1');
  await selectNode(page, 'synthetic');
  await page.locator('input[name="param-seed"]').fill('7');
  await page.getByLabel('Save message').fill('another seed');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByRole('status')).toContainText('Saved version 2');
  await expect(page.locator('.history li[data-version]')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/editor-demo-pipeline.png' });

  // Export, change the canvas, re-import: the same graph comes back.
  const exported = await exportText(page);
  expect(JSON.parse(exported).nodes).toHaveLength(CHAIN.length);
  await selectNode(page, 'log');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node[data-id="log"]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node[data-id="log"]')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.react-flow__node[data-id="log"]')).toHaveCount(0);
  await selectNode(page, 'resize');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node[data-id="resize-2"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/editor-paste.png' });
  await page.getByTestId('import-file').setInputFiles({ name: 'demo.pipeline.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByRole('status')).toContainText('Imported');
  expect(await exportText(page)).toBe(exported);

  // A file from a future version is refused and changes nothing.
  await page.getByTestId('import-file').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from('{"version":99,"nodes":[],"edges":[]}') });
  await expect(page.getByRole('status')).toContainText('version 99');
  await expect(page.locator('.react-flow__node')).toHaveCount(CHAIN.length);

  // Compare the two versions: the changed parameter is listed and highlighted on the canvas.
  await page.goto(`/pipelines/${pipeline.id}/compare?a=1&b=2`);
  await expect(page.getByLabel('Changes')).toContainText('seed');
  await expect(page.locator('.react-flow__node[data-id="synthetic"] .pnode.diff-changed')).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-compare.png' });

  // A saved version opens read-only.
  await page.goto(`/pipelines/${pipeline.id}/versions/1`);
  await expect(page.locator('.editor.read-only')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore as new version' })).toBeVisible();
});
