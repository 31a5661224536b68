import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where an end-to-end test saves its screenshot: `test-results/screenshots/` (ignored by git), or
 * the README's `docs/screenshots/` when `UPDATE_SCREENSHOTS=1`, so a test run never dirties the tree.
 */
export function screenshotPath(fileName: string): string {
  const folder = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : join('test-results', 'screenshots');
  mkdirSync(folder, { recursive: true });
  return join(folder, fileName);
}
