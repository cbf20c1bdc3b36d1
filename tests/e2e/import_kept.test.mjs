// Nothing an organiser imported is lost without a word (issue 7): a kept layer that no
// longer reads back is listed, stays in local storage, and a new import never takes its id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, desktop, readGeodata } from './harness.mjs';

const bundledSites = readGeodata('sites.geojson').features.length;
const app = useApp();

test('an unreadable kept layer is listed and never overwritten by a new import', async () => {
  const context = await app.browser.newContext(desktop);
  await context.addInitScript(() => {
    if (!localStorage.getItem('redmap.import.1')) localStorage.setItem('redmap.import.1', '{"broken":');
  });
  const page = await context.newPage();
  await page.goto(`${app.base}?lang=zh`);
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, bundledSites, { timeout: 30000 });
  await page.getByText('redmap.import.1').first().waitFor();

  const csv = '名称,经度,纬度\n新点,113.15,23.05\n';
  await page.getByLabel('选择要导入的文件').setInputFiles({
    name: 'new.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8'),
  });
  const dialog = page.getByRole('dialog', { name: /new\.csv/ });
  await dialog.waitFor({ timeout: 20000 });
  await dialog.getByRole('button', { name: /导入 1 行/ }).click();
  await page.getByRole('checkbox', { name: /new\.csv/ }).waitFor();
  const stored = await page.evaluate(() => ({
    old: localStorage.getItem('redmap.import.1'),
    keys: Object.keys(localStorage).filter((k) => k.startsWith('redmap.import.')).sort(),
  }));
  assert.equal(stored.old, '{"broken":', 'the unreadable layer is kept as it was');
  assert.deepEqual(stored.keys, ['redmap.import.1', 'redmap.import.2']);
  await context.close();
});
