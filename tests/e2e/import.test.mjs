// Importing an organiser's file (issue 7) in the built app: a GBK CSV with a bad
// coordinate, a missing name, swapped lat/lon and a latitude out of range goes through the
// column-mapping step; every problem is listed with file, row, field and reason; the valid
// rows become a layer on the map (counted, searchable, with their properties in the
// details, in the dashboard's figures); it survives a reload and is removed on request.
// Also: a file over 50 MB is refused with a message, the thematic map, the chart as PNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp, desktop, phone, readGeodata, screenshot } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'organiser_gbk.csv');
const FILE = 'organiser_gbk.csv';
const bundledSites = readGeodata('sites.geojson').features.length;
const bundledActivities = readGeodata('activities.json').activities.length;
const regions = readGeodata('regions.geojson').features;

const app = useApp();

const siteCount = async (page) =>
  Number(await page.locator('canvas.map-canvas').getAttribute('data-site-count'));

async function waitForSites(page, n) {
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, n, { timeout: 30000 });
}

async function open(options = desktop, query = '') {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${app.base}?lang=zh${query}`);
  await waitForSites(page, bundledSites);
  return { context, page, errors };
}

/** Picks the fixture and waits for the mapping dialog. */
async function pickFixture(page) {
  await page.getByLabel('选择要导入的文件').setInputFiles(fixture);
  const dialog = page.getByRole('dialog', { name: new RegExp(FILE) });
  await dialog.waitFor();
  return dialog;
}

const selected = (select) => select.evaluate((s) => s.selectedOptions[0].textContent);

test('a GBK CSV with errors: mapping, problems listed, layer on the map, reload, remove', async () => {
  const { context, page, errors } = await open();
  const dialog = await pickFixture(page);
  assert.match(await dialog.locator('.import-facts').textContent(), /GBK/);
  assert.match(await dialog.locator('.import-facts').textContent(), /数据行: 6/);
  // The guessed mapping; a column nobody named is kept as a property.
  assert.equal(await selected(dialog.getByLabel('列“名称”的含义')), '名称');
  assert.equal(await selected(dialog.getByLabel('列“经度”的含义')), '经度');
  assert.equal(await selected(dialog.getByLabel('列“纬度”的含义')), '纬度');
  assert.equal(await selected(dialog.getByLabel('列“负责人”的含义')), '（保留为属性）');
  // The preview: rows as they will import, each with its own problem.
  const preview = dialog.locator('table.import-preview tbody tr');
  assert.equal(await preview.count(), 6);
  assert.match(await preview.nth(0).textContent(), /南海烈士陵园测试点113\.15000/);
  assert.match(await preview.nth(1).textContent(), /经度: “abc”不是坐标；该行未导入/);
  assert.match(await preview.nth(3).textContent(), /113\.25000.*23\.08000.*经纬度似乎颠倒了/);
  // The coordinate system converts on import: GCJ-02 moves the first row by ~500 m.
  await dialog.getByLabel(/GCJ-02/).check();
  await page.waitForFunction(() =>
    !/113\.15000/.test(document.querySelector('table.import-preview tbody tr').textContent));
  await dialog.getByLabel(/WGS-84/).check();
  await page.waitForFunction(() =>
    /113\.15000/.test(document.querySelector('table.import-preview tbody tr').textContent));
  await screenshot(page, 'import-mapping-desktop-1280x800.png');
  await dialog.getByRole('button', { name: '导入 6 行' }).click();

  // The layer: 4 of 6 rows (2 not imported, listed), 3 of them with an activity.
  const layer = page.getByRole('checkbox', { name: new RegExp(FILE) });
  await layer.waitFor();
  assert.match(await page.locator('label', { hasText: FILE }).textContent(), /4 个地点，3 条活动/);
  await waitForSites(page, bundledSites + 4);
  const problem = (re) => page.getByRole('row', { name: re });
  await problem(/错误\s*organiser_gbk\.csv\s*第 3 行\s*经度\s*“abc”不是坐标；该行未导入/).waitFor();
  await problem(/错误\s*organiser_gbk\.csv\s*第 6 行\s*.*超出范围/).waitFor();
  await problem(/警告\s*organiser_gbk\.csv\s*第 4 行\s*没有名称：显示为“未命名（第 4 行）”/).waitFor();
  await problem(/警告\s*organiser_gbk\.csv\s*第 5 行\s*.*经纬度似乎颠倒了/).waitFor();
  await problem(/提示\s*organiser_gbk\.csv\s*文本按 GBK 读取/).waitFor();
  assert.match(await page.locator('.import-layer').textContent(), /读取 6 行：导入 4，未导入 2（均列于下表）/);
  await page.locator('.import-section').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-layer-desktop-1280x800.png');

  // Searchable like the rest; its details show the file's other columns as properties.
  const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
  await box.fill('正常二');
  await page.getByRole('option', { name: /正常二/ }).first().waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.getByRole('heading', { level: 2, name: '正常二' }).waitFor();
  await page.getByRole('row', { name: /负责人\s*孙八/ }).waitFor();
  await page.getByRole('heading', { level: 2, name: '正常二' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'import-details-desktop-1280x800.png');

  // The dashboard counts the imported layer apart from the published data (issue 7):
  // the headline is the published data's, the layer has its own line.
  await page.getByRole('button', { name: '打开统计看板' }).click();
  await page.locator('.dash-card').first().waitFor();
  const cards = await page.$$eval('.dash-card', (els) => Object.fromEntries(els.map((e) => [
    e.querySelector('.dash-label').textContent, e.querySelector('.dash-value').textContent])));
  assert.equal(cards['地点'], String(bundledSites));
  assert.equal(cards['活动记录'], String(bundledActivities));
  const imported = await page.locator('section[aria-labelledby="dash-imported"]').textContent();
  assert.match(imported, new RegExp(`导入:${FILE.replace('.', '\\.')},4 个地点`));
  assert.match(imported, /另有 0 条路线、3 条活动记录/);
  await page.getByRole('button', { name: /返回地图/ }).first().click();

  // Kept in the browser: back after a reload.
  await page.reload();
  await waitForSites(page, bundledSites + 4);
  await layer.waitFor();
  await problem(/第 3 行\s*经度/).waitFor();

  // Removed on request: gone from the map and from the browser.
  await page.getByRole('button', { name: `移除导入的图层 ${FILE}` }).click();
  await waitForSites(page, bundledSites);
  assert.equal(await layer.count(), 0);
  await page.reload();
  await waitForSites(page, bundledSites);
  assert.equal(await page.getByRole('checkbox', { name: new RegExp(FILE) }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone: the mapping step and the imported layer are usable', async () => {
  const { context, page, errors } = await open(phone);
  const dialog = await pickFixture(page);
  await screenshot(page, 'import-mapping-phone-390x844.png');
  await dialog.getByRole('button', { name: '导入 6 行' }).click();
  await waitForSites(page, bundledSites + 4);
  await page.locator('.import-section').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-layer-phone-390x844.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dropped file opens the mapping step; a header naming GCJ-02 gives the offset hint', async () => {
  const { context, page, errors } = await open();
  const csv = '名称,经度(GCJ02),纬度(GCJ02)\n甲地,113.1900,23.0300\n';
  // The drop zone comes with the import section (the side panel's chunk, after the first frame).
  await page.getByLabel('选择要导入的文件').waitFor({ state: 'attached', timeout: 30000 });
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'amap.csv', { type: 'text/csv' }));
    return dt;
  }, csv);
  await page.dispatchEvent('canvas.map-canvas', 'dragover', { dataTransfer });
  await page.dispatchEvent('canvas.map-canvas', 'drop', { dataTransfer });
  const dialog = page.getByRole('dialog', { name: /amap\.csv/ });
  await dialog.waitFor();
  const hint = dialog.getByRole('status').filter({ hasText: '经度(GCJ02)' });
  await hint.waitFor();
  assert.match(await hint.textContent(), /GCJ-02/);
  await hint.getByRole('button', { name: '改用此坐标系' }).click();
  assert.equal(await dialog.getByLabel(/GCJ-02/).isChecked(), true);
  await hint.waitFor({ state: 'detached' });
  // Converted on import: the site lies a few hundred metres from the file's numbers.
  const lon = Number(await dialog.locator('table.import-preview tbody tr td').nth(2).textContent());
  assert.ok(Math.abs(lon - 113.19) > 0.003 && Math.abs(lon - 113.19) < 0.01, String(lon));
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await siteCount(page), bundledSites);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file over 50 MB is refused with a message, before it is read', async () => {
  const { context, page } = await open();
  const big = path.join(here, '../../target/import-too-big.csv');
  fs.mkdirSync(path.dirname(big), { recursive: true });
  const fd = fs.openSync(big, 'w');
  fs.ftruncateSync(fd, 50 * 1024 * 1024 + 1);
  fs.closeSync(fd);
  await page.getByLabel('选择要导入的文件').setInputFiles(big);
  const alert = page.getByRole('alert').filter({ hasText: 'import-too-big.csv' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /超过 50 MB 的文件不导入/);
  assert.equal(await siteCount(page), bundledSites);
  fs.rmSync(big);
  await context.close();
});

test('thematic map: proportional circles by region, a legend, back to the normal map', async () => {
  const { context, page, errors } = await open(desktop, '&view=dashboard');
  await page.getByRole('heading', { name: '专题地图' }).waitFor();
  await page.getByRole('button', { name: '地点数' }).click();
  const legend = page.getByRole('region', { name: '各区/县地点数' });
  await legend.waitFor();
  const counties = regions.filter((f) => f.properties.level === 'county');
  const placed = counties.filter((f) => f.geometry);
  assert.equal(await page.locator('svg.thematic-layer g').count(), placed.length);
  // The values table lists every drawn county; the site layer steps back meanwhile.
  await legend.getByText('各区域数值').click();
  assert.equal(await legend.locator('tbody tr').count(), placed.length);
  assert.equal(await page.locator('#layer-sites').isChecked(), false);
  await screenshot(page, 'thematic-desktop-1280x800.png');
  await legend.getByLabel('指标').selectOption({ label: '参与人次' });
  const byParticipants = page.getByRole('region', { name: '各区/县参与人次' });
  await byParticipants.waitFor();
  await byParticipants.getByRole('button', { name: '返回普通地图' }).click();
  await byParticipants.waitFor({ state: 'detached' });
  assert.equal(await page.locator('svg.thematic-layer').count(), 0);
  assert.equal(await page.locator('#layer-sites').isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('thematic map on a phone', async () => {
  const { context, page } = await open(phone, '&view=dashboard');
  await page.getByRole('button', { name: '参与人次' }).click();
  await page.getByRole('region', { name: '各区/县参与人次' }).waitFor();
  await screenshot(page, 'thematic-phone-390x844.png');
  await context.close();
});

test('the month chart downloads as a PNG image', async () => {
  const { context, page, errors } = await open(desktop, '&view=dashboard');
  await page.locator('svg.dash-chart').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 PNG' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'redmap-activities-by-month.png');
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.length > 2000, `a real image, ${bytes.length} bytes`);
  fs.copyFileSync(file, path.join(here, '../../target/screenshots/chart-export.png'));
  assert.deepEqual(errors, []);
  await context.close();
});
