// A long import runs in slices with progress and can be cancelled (issue 7): while it runs
// the page answers (a click on the layer toggles is handled), and "取消导入" at any stage
// leaves everything as it was: the sites on the map, the kept layers in local storage (an
// earlier import included), no new layer listed. Then the same file imports in full.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, desktop, readGeodata } from './harness.mjs';

const bundledSites = readGeodata('sites.geojson').features.length;
let server, base, browser;
before(async () => {
  ({ server, url: base } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** 150k rows (SYNTHETIC), ~9 MB: each stage lasts long enough to cancel it. */
function bigCsv(rows) {
  const lines = ['名称,经度,纬度,类型,备注'];
  for (let i = 0; i < rows; i++) {
    lines.push(`取消测试${i},${(109 + (i % 997) * 0.004).toFixed(5)},${(21 + (i % 983) * 0.004).toFixed(5)},纪念馆,第${i}行`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

const siteCount = (page) => page.evaluate(() => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount));
const kept = (page) => page.evaluate(() => Object.fromEntries(
  Object.entries(localStorage).filter(([k]) => k.startsWith('redmap.import.'))));

test('cancelling a long import at each stage leaves the data and the kept layers as they were', { timeout: 300000 }, async () => {
  const context = await browser.newContext(desktop);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}?lang=zh`);
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, bundledSites, { timeout: 30000 });
  // An earlier, small import: kept, and on the map.
  await page.getByLabel('选择要导入的文件').setInputFiles({
    name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('名称,经度,纬度\n小点,113.15,23.05\n', 'utf8'),
  });
  await page.getByRole('dialog', { name: /small\.csv/ }).getByRole('button', { name: /导入 1 行/ }).click();
  await page.getByRole('checkbox', { name: /small\.csv/ }).waitFor();
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, bundledSites + 1, { timeout: 30000 });
  const before = { sites: await siteCount(page), kept: await kept(page) };
  assert.equal(Object.keys(before.kept).length, 1);

  const rows = 150000;
  const file = { name: 'big.csv', mimeType: 'text/csv', buffer: bigCsv(rows) };
  const cancelWhen = async (stage) => {
    // The progress line names the stage: 正在读取 (the table), 正在导入 (rows), 正在加入地图.
    await page.locator('.import-progress', { hasText: stage }).waitFor({ timeout: 60000 });
    // Dispatched at once: Playwright's own checks before a click (visible, stable over
    // two frames...) can outlast a stage on a busy machine. (A real click during an
    // import is the layer toggle below.)
    await page.getByRole('button', { name: '取消导入' }).dispatchEvent('click');
    await page.locator('.import-progress').waitFor({ state: 'detached' });
    await page.waitForTimeout(1500); // anything still in flight would land by now
    assert.equal(await siteCount(page), before.sites, `cancelled while "${stage}": sites`);
    assert.deepEqual(await kept(page), before.kept, `cancelled while "${stage}": kept layers`);
    assert.equal(await page.getByRole('checkbox', { name: /big\.csv/ }).count(), 0);
  };
  // While reading the file.
  await page.getByLabel('选择要导入的文件').setInputFiles(file);
  await cancelWhen('正在读取 big.csv');
  // While converting rows, and while adding to the map.
  for (const stage of ['正在导入', '正在加入地图']) {
    await page.getByLabel('选择要导入的文件').setInputFiles(file);
    const dialog = page.getByRole('dialog', { name: /big\.csv/ });
    await dialog.getByRole('button', { name: `导入 ${rows} 行` }).click({ timeout: 120000 });
    await cancelWhen(stage);
  }
  // Not cancelled: every row is on the map, and the page answered a click meanwhile.
  await page.getByLabel('选择要导入的文件').setInputFiles(file);
  await page.getByRole('dialog', { name: /big\.csv/ }).getByRole('button', { name: `导入 ${rows} 行` })
    .click({ timeout: 120000 });
  await page.locator('.import-progress').waitFor();
  const small = page.getByRole('checkbox', { name: /small\.csv/ });
  await small.uncheck({ timeout: 5000 });
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, bundledSites + rows, { timeout: 120000 });
  await page.getByRole('checkbox', { name: /big\.csv/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
