/**
 * The Precision Lab as a user drives it: open it from the header, pick the demo model, see its
 * facts, be told why an INT8 run cannot start without calibration images, run an FP16 conversion
 * and watch it reach done, and see the FP16 variant appear. The server writes the variant under
 * LOUPE_DATA_DIR (a temp folder, see playwright.config.ts), never into models/. Then upload a
 * labelled folder from the browser, evaluate every variant and see them side by side.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeAnomalySet } from './anomaly-set';

test.use({ viewport: { width: 1280, height: 900 } });
test.describe.configure({ mode: 'serial' });

test('given the demo model, when a user runs an FP16 conversion in the Precision Lab, then the job reaches done and the FP16 variant appears', async ({ page }) => {
  await page.goto('/');
  await page.locator('.app-header nav').getByRole('link', { name: 'Precision Lab' }).click();
  await expect(page).toHaveURL(/\/precision$/);
  await page.locator('tr[data-model="models/demo/surface-anomaly.onnx"]').getByRole('link', { name: 'surface-anomaly' }).click();
  await expect(page.locator('.model-facts')).toContainText('image float32 [batch, 1, 256, 256]');
  await expect(page.getByLabel('Input width')).toHaveValue('256');

  // A bad request is refused before anything is queued, with the reason next to the form.
  await page.locator('form[data-form="int8"]').getByRole('button', { name: 'Quantize to INT8' }).click();
  await expect(page.locator('form[data-form="int8"] [role="alert"]')).toContainText('calibration image set');

  await page.locator('form[data-form="fp16"]').getByRole('button', { name: 'Convert to FP16' }).click();
  const job = page.locator('tr[data-kind="fp16"]').first();
  await expect(job).toBeVisible();
  await expect(job).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(job).toContainText(/wrote .*surface-anomaly\.fp16\.onnx/);
  await expect(page.locator('[data-testid="variants"] [data-precision="fp16"]')).toBeVisible();
  await page.screenshot({ path: 'test-results/precision-lab.png', fullPage: true });

  const dataDir = process.env.LOUPE_E2E_DIR!;
  expect(existsSync(join(dataDir, 'data', 'models', 'variants', 'demo', 'surface-anomaly.fp16.onnx'))).toBe(true);
  expect(existsSync(join('models', 'demo', 'surface-anomaly.fp16.onnx'))).toBe(false);

  // The lab page lists the variant after a reload too (it is read from disk, not kept in the page).
  await page.goto('/precision');
  await expect(page.locator('tr[data-model="models/demo/surface-anomaly.onnx"]')).toContainText('fp16');
});

test('given the demo model and its FP16 variant, when a user uploads a labelled folder and evaluates, then the variants appear side by side', async ({ page }) => {
  test.setTimeout(300_000);
  const folder = join(process.env.LOUPE_E2E_DIR!, 'upload', 'parts');
  const counts = await writeAnomalySet(folder);
  await page.goto('/precision');
  await page.locator('tr[data-model="models/demo/surface-anomaly.onnx"]').getByRole('link').click();

  const val = page.locator('.lab-set[data-set="val"]');
  await val.getByLabel('Validation images (labelled) upload').setInputFiles(folder);
  await val.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(val.getByRole('status')).toContainText(`${counts.good + counts.defect} images uploaded`);
  await expect(val.getByLabel('Validation images (labelled) folder')).toHaveValue(/datasets\/parts-val-/);

  await page.locator('form[data-form="eval"]').getByRole('button', { name: 'Evaluate all variants' }).click();
  const job = page.locator('tr[data-kind="eval"]').first();
  await expect(job).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(page.locator('.lab-plot [data-point]')).toHaveCount(2);
  await expect(page.locator('tr[data-variant="fp32"]')).toBeVisible();
  await expect(page.locator('tr[data-variant="fp16"]')).toBeVisible();
  await expect(page.getByText('anomaly · 40 items')).toBeVisible();
  await page.screenshot({ path: 'test-results/precision-lab-eval.png', fullPage: true });
});

test('given a mixed-precision search running, when the user cancels it, then it stops as cancelled and no mixed model appears', async ({ page }) => {
  const folder = join(process.env.LOUPE_E2E_DIR!, 'upload', 'cancel-parts');
  await writeAnomalySet(folder);
  await page.goto('/precision');
  await page.locator('tr[data-model="models/demo/surface-anomaly.onnx"]').getByRole('link').click();
  const val = page.locator('.lab-set[data-set="val"]');
  await val.getByLabel('Validation images (labelled) folder').fill(folder);
  await page.getByLabel('Calibration images folder').fill(folder);

  await page.locator('form[data-form="search"]').getByRole('button', { name: 'Search per-layer precision' }).click();
  const job = page.locator('tr[data-kind="search"]').first();
  await expect(job).toHaveAttribute('data-status', /queued|running/);
  await job.getByRole('button', { name: 'Cancel the search job' }).click();
  await expect(job).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(job).toContainText(/Cancelled (while it ran; nothing was written|before it started)/);
  await expect(job.getByRole('button', { name: 'Cancel the search job' })).toHaveCount(0);
  await expect(page.locator('[data-testid="variants"] [data-precision="mixed"]')).toHaveCount(0);
});
