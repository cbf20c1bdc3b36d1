// The QA review's import defects (issue 7, session 6): an imported CSV with dates and counts
// exports its activities too; a nameless row named by its address says so; errors come
// first; the field column names the latitude at fault; "移除" can be undone; `?data=`
// problems are in the UI's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp, desktop, phone, readGeodata, screenshot, serve, openPage, waitForFirstFrame } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const csvFixture = path.join(here, 'fixtures', 'review_errors_utf8.csv');
const FILE = 'review_errors_utf8.csv';
const bundledSites = readGeodata('sites.geojson').features.length;

const app = useApp();

async function waitForSites(page, n) {
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, n, { timeout: 30000 });
}

async function importCsv(page, zh = true) {
  await page.getByLabel(zh ? '选择要导入的文件' : 'File to import').setInputFiles(csvFixture);
  const dialog = page.getByRole('dialog', { name: new RegExp(FILE) });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: zh ? /导入 \d+ 行/ : /Import \d+ rows/ }).click();
  const layer = page.getByRole('checkbox', { name: new RegExp(FILE) });
  await layer.waitFor();
  return layer;
}

test('zh desktop: activities exported, problems ordered and placed, remove then undo', { timeout: 120000 }, async () => {
  const context = await app.browser.newContext(desktop);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${app.base}?lang=zh`);
  await waitForSites(page, bundledSites);
  const layer = await importCsv(page);
  const label = await page.locator('label', { hasText: FILE }).textContent();
  const [, sites, activities] = label.match(/(\d+) 个地点，(\d+) 条活动/).map(Number);
  assert.ok(activities > 0, label);

  // Errors first; the nameless row says it took its address; the latitude is the field.
  const rows = await page.locator('.import-problems-table tbody tr').allTextContents();
  const firstWarning = rows.findIndex((r) => r.startsWith('警告'));
  assert.ok(rows.slice(firstWarning).every((r) => !r.startsWith('错误')), rows.join('\n'));
  const problem = (re) => page.getByRole('row', { name: re });
  await problem(/警告\s*review_errors_utf8\.csv\s*第 8 行\s*第 8 行：没有名称，用地址“无名行”作名称/).waitFor();
  await problem(/错误\s*review_errors_utf8\.csv\s*第 9 行\s*纬度\s/).waitFor();
  await problem(/警告\s*review_errors_utf8\.csv\s*第 4 行\s*纬度, 经度\s*经纬度似乎颠倒了/).waitFor();
  assert.match(await page.locator('.import-layer').textContent(), /读取 \d+ 行：导入 \d+，未导入 \d+（均列于下表）；共 \d+ 个问题。/);

  // Exported as GeoJSON: the sites and every activity with its date and count.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 GeoJSON' }).click(),
  ]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.features.length, sites);
  assert.equal(exported.activities.length, activities);
  assert.ok(exported.activities.every((a) => a.site && a.date), JSON.stringify(exported.activities));
  assert.ok(exported.activities.some((a) => a.participants === 30 && a.date === '2021-05-01'));

  // Its details cite the file in Chinese words.
  const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
  await box.fill('测试点G');
  await page.getByRole('option', { name: /测试点G/ }).first().waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.getByRole('heading', { level: 2, name: '测试点G' }).waitFor();
  const source = page.locator('li', { has: page.locator('strong.source-doc', { hasText: FILE }) }).first();
  assert.match(await source.textContent(), /review_errors_utf8\.csv: 由用户导入/);
  assert.equal(await page.getByText('imported by the user').count(), 0);
  await source.scrollIntoViewIfNeeded();
  await screenshot(page, 'import-details-source-zh-desktop.png');

  // Removed: gone from the map, offered back; 撤销 brings it back and keeps it.
  await page.getByRole('button', { name: `移除导入的图层 ${FILE}` }).click();
  await waitForSites(page, bundledSites);
  const notice = page.locator('.import-removed');
  assert.match(await notice.textContent(), new RegExp(`已移除 ${FILE.replace('.', '\\.')} · 撤销`));
  await page.locator('.import-section').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-removed-undo-zh-desktop.png');
  await page.getByRole('button', { name: `撤销：恢复图层 ${FILE}` }).click();
  await layer.waitFor();
  await waitForSites(page, bundledSites + sites);
  assert.equal((await notice.textContent()).trim(), '');
  await page.reload();
  await waitForSites(page, bundledSites + sites);
  await layer.waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('en phone: the undo notice, and it goes after a while', { timeout: 120000 }, async () => {
  const context = await app.browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`${app.base}?lang=en`);
  await waitForSites(page, bundledSites);
  await page.getByRole('button', { name: /panel/i }).first().click().catch(() => {});
  await importCsv(page, false);
  await page.getByRole('button', { name: `Remove the imported layer ${FILE}` }).click();
  const notice = page.locator('.import-removed');
  assert.match(await notice.textContent(), new RegExp(`Removed ${FILE.replace('.', '\\.')} · Undo`));
  await notice.scrollIntoViewIfNeeded();
  await screenshot(page, 'import-removed-undo-en-phone.png');
  await page.waitForFunction(() => document.querySelector('.import-removed').textContent.trim() === '', null, { timeout: 15000 });
  await page.reload();
  await waitForSites(page, bundledSites);
  assert.equal(await page.getByRole('checkbox', { name: new RegExp(FILE) }).count(), 0);
  await context.close();
});

test('?data= GeoJSON problems are listed in Chinese in the zh UI', { timeout: 60000 }, async () => {
  const text = fs.readFileSync(path.join(here, 'fixtures', 'review_other_schema.geojson'));
  const extra = await serve(undefined, (req, res) => {
    if (!req.url.startsWith('/other.geojson')) return false;
    res.writeHead(200, { 'content-type': 'application/geo+json' });
    res.end(text);
    return true;
  });
  const { page, context } = await openPage(app.browser, `${extra.url}?lang=zh&data=/other.geojson`);
  await waitForFirstFrame(page);
  const list = page.locator('section.issues');
  await list.waitFor();
  if (!(await list.locator('details').evaluate((d) => d.open))) await list.locator('summary').click();
  await list.locator('li').first().scrollIntoViewIfNeeded();
  const words = await list.textContent();
  assert.match(words, /要素没有几何形状：不显示/);
  assert.match(words, /没有名称：显示为“未命名（第 9 个要素）”/);
  assert.doesNotMatch(words, /feature has no geometry|out of range|polygons are not shown/);
  await screenshot(page, 'data-problems-zh-desktop.png');
  await context.close();
  extra.server.close();
});
