// A long import runs in slices with progress and can be cancelled (issue 7): while it runs
// the page answers (a click on the layer toggles is handled), and "取消导入" at any stage
// leaves everything as it was: the sites on the map, the kept layers in local storage (an
// earlier import included), no new layer listed. Then the same file imports in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, desktop, readGeodata } from './harness.mjs';

const bundledSites = readGeodata('sites.geojson').features.length;
const app = useApp();

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
  const context = await app.browser.newContext(desktop);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${app.base}?lang=zh`);
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
  // Clicks "取消导入" in the page as soon as the progress line names `stage` (a mutation
  // observer, armed before the import starts: a stage can be shorter than a round trip).
  const cancelIn = (stage) => page.evaluate((stage) => new Promise((resolve) => {
    const tryCancel = () => {
      const line = document.querySelector('.import-progress');
      if (!line || !line.textContent.includes(stage)) return;
      observer.disconnect();
      line.querySelector('button.import-cancel').click();
      resolve(line.textContent);
    };
    const observer = new MutationObserver(tryCancel);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    tryCancel();
  }), stage);
  const checkNothingChanged = async (stage) => {
    await page.locator('.import-progress').waitFor({ state: 'detached' });
    await page.waitForTimeout(1500); // anything still in flight would land by now
    assert.equal(await siteCount(page), before.sites, `cancelled while "${stage}": sites`);
    assert.deepEqual(await kept(page), before.kept, `cancelled while "${stage}": kept layers`);
    assert.equal(await page.getByRole('checkbox', { name: /big\.csv/ }).count(), 0);
    assert.equal(await page.getByRole('dialog').count(), 0);
  };
  // While reading the file (the progress line says 正在读取).
  let cancelled = cancelIn('正在读取 big.csv');
  await page.getByLabel('选择要导入的文件').setInputFiles(file);
  await cancelled;
  await checkNothingChanged('正在读取');
  // While converting rows (正在导入), and while adding to the map (正在加入地图).
  for (const stage of ['正在导入', '正在加入地图']) {
    await page.getByLabel('选择要导入的文件').setInputFiles(file);
    const dialog = page.getByRole('dialog', { name: /big\.csv/ });
    const go = dialog.getByRole('button', { name: `导入 ${rows} 行` });
    await go.waitFor({ timeout: 120000 });
    cancelled = cancelIn(stage);
    await go.click();
    const said = await cancelled;
    assert.match(said, new RegExp(stage));
    await checkNothingChanged(stage);
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
