/**
 * The home page as an operator sees it after `npm start`: the demo line, its counts growing while
 * the worker runs (refreshed in place, no reload), and counts that add up. The screenshot lands
 * in test-results/home.png for review.
 */
import { expect, test, type Locator } from '@playwright/test';

interface Counts {
  inspected: number;
  passed: number;
  failed: number;
  errors: number;
}

/** All four counters read in one synchronous pass over the DOM, so they come from one render. */
function readCounts(card: Locator): Promise<Counts> {
  return card.evaluate((el) => {
    const value = (name: string) => Number(el.querySelector(`[data-stat="${name}"] .value`)?.getAttribute('data-value'));
    return { inspected: value('inspected'), passed: value('passed'), failed: value('failed'), errors: value('errors') };
  });
}

test.use({ viewport: { width: 1280, height: 800 } });

test('given the demo worker running, when the home page stays open, then the Demo line counts grow in place and add up', async ({ page }) => {
  await page.goto('/');
  const card = page.locator('section.line-card[data-line="Demo line"]');
  await expect(card).toBeVisible();
  await expect(card.locator('.deployed')).toContainText('Demo surface inspection');

  // The worker needs a moment to load the model; then parts arrive continuously.
  await expect.poll(async () => (await readCounts(card)).inspected, { timeout: 90_000 }).toBeGreaterThan(0);
  const first = await readCounts(card);
  await expect.poll(async () => (await readCounts(card)).inspected, { timeout: 60_000 }).toBeGreaterThan(first.inspected);

  const later = await readCounts(card);
  expect(later.passed + later.failed + later.errors).toBe(later.inspected);
  expect(later.passed).toBeGreaterThan(0);
  await expect(card.locator('[data-stat="throughput"] .big')).not.toHaveText('0.0');
  await expect(card.locator('.worker-table tbody tr').first()).toBeVisible();
  await expect(page.locator('.live')).toHaveAttribute('data-live', 'live');

  // The synthetic camera knows each part's truth, so the card shows escapes and false rejects against it.
  const truth = card.locator('[data-stat="truth"]');
  await expect(truth.locator('[data-stat="escapes"] .share')).toContainText('defective');
  await expect(truth.locator('[data-stat="false-rejects"] .share')).toContainText('good');
  const judged = await truth.evaluate((el) => ['escapes', 'false-rejects'].map((n) => Number(el.querySelector(`[data-stat="${n}"] .value`)?.getAttribute('data-value'))));
  expect(judged.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);

  await page.screenshot({ path: 'test-results/home.png', fullPage: true });
});
