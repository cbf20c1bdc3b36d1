// An import's summary, problem list and problem CSV in the UI's language only (issue 7),
// with counts that add up; the precision the importing user states is recorded on each
// site, shown in the details and kept across a reload.
// A CSV with errors (tests/e2e/fixtures/organiser_gbk.csv: 6 rows, 2 not imported) and a
// GeoJSON with 7 features of which 3 are not imported (SYNTHETIC, made here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp, desktop, phone, readGeodata, screenshot } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'organiser_gbk.csv');
const bundledSites = readGeodata('sites.geojson').features.length;
const app = useApp();

async function waitForSites(page, n) {
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, n, { timeout: 30000 });
}

async function open(options, lang) {
  const context = await app.browser.newContext({ ...options, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${app.base}?lang=${lang}`);
  await waitForSites(page, bundledSites);
  return { context, page, errors };
}

/** The problem CSV of the first layer, as downloaded. */
async function problemCsv(page, label) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.import-problems').getByRole('button', { name: label }).click(),
  ]);
  return fs.readFileSync(await download.path(), 'utf8');
}

/** 7 features (SYNTHETIC): 4 give records, 3 do not (polygon, no geometry, latitude 95). */
function sevenFeatures() {
  const pt = (lon, lat) => ({ type: 'Point', coordinates: [lon, lat] });
  const f = (geometry, name) => ({ type: 'Feature', geometry, properties: { name } });
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [
    f(pt(113.11, 23.11), '合成甲'),
    f({ type: 'MultiPoint', coordinates: [[113.12, 23.12], [113.13, 23.13]] }, '合成乙'),
    f({ type: 'Polygon', coordinates: [[[113, 23], [113.1, 23], [113.1, 23.1], [113, 23]]] }, '合成丙'),
    f(null, '合成丁'),
    f(pt(113.14, 95), '合成戊'),
    f({ type: 'LineString', coordinates: [[113.1, 23.1], [113.2, 23.2]] }, '合成己'),
    f(pt(113.15, 23.15), '合成庚'),
  ] }));
}

test('CSV with errors: zh then en, counts, list, CSV download, stated precision kept', { timeout: 120000 }, async () => {
  const { context, page, errors } = await open(desktop, 'zh');
  await page.getByLabel('选择要导入的文件').setInputFiles(fixture);
  const dialog = page.getByRole('dialog', { name: /organiser_gbk\.csv/ });
  await dialog.waitFor();
  await dialog.getByLabel('位置精确程度（由您说明）').selectOption({ label: '约 10 米' });
  await dialog.getByRole('button', { name: '导入 6 行' }).click();
  await waitForSites(page, bundledSites + 4);
  const layer = page.locator('.import-layer');
  assert.match(await layer.textContent(), /读取 6 行：导入 4，未导入 2（均列于下表）；共 5 个问题。/);
  const rows = page.locator('.import-problems-table tbody tr');
  const zhRows = await rows.allTextContents();
  assert.equal(zhRows.length, 5);
  // Entirely Chinese: no English reason, no "row N".
  for (const r of zhRows) assert.doesNotMatch(r, /\brow\b|\bnot\b|\bimported\b/, r);
  assert.equal(zhRows.filter((r) => r.startsWith('错误')).length, 2, 'the 2 rows not imported are the errors');
  const csv = await problemCsv(page, '导入问题 CSV');
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], '级别,文件,行或要素,字段,原因');
  assert.equal(lines.length, 6);
  assert.ok(lines.includes('错误,organiser_gbk.csv,第 3 行,经度,“abc”不是坐标；该行未导入'), lines.join('\n'));
  assert.equal(await page.getByLabel('位置精确程度（由您说明）').evaluate((s) => s.selectedOptions[0].textContent), '约 10 米');
  await page.locator('.import-section').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-lang-zh-desktop-1280x800.png');

  // The nameless row: 未命名（第 4 行） on the map's search and in the details; the precision
  // as stated, with who stated it.
  const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
  await box.fill('未命名');
  await page.getByRole('option', { name: /未命名（第 4 行）/ }).first().waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.getByRole('heading', { level: 2, name: '未命名（第 4 行）' }).waitFor();
  const details = await page.locator('section.details').textContent();
  assert.match(details, /±10 米/);
  assert.match(details, /精确程度由导入者说明：约 10 米（未经核实）/);
  await screenshot(page, 'import-lang-details-zh-desktop-1280x800.png');

  // English: the same layer (kept in the browser), entirely in English.
  await page.goto(`${app.base}?lang=en`);
  await waitForSites(page, bundledSites + 4);
  assert.match(await page.locator('.import-layer').textContent(), /6 rows read: 4 imported, 2 not imported \(each listed below\); 5 problems in all\./);
  const enRows = await page.locator('.import-problems-table tbody tr').allTextContents();
  assert.equal(enRows.length, 5);
  for (const r of enRows) assert.doesNotMatch(r.replace(/organiser_gbk\.csv|经度|纬度/g, ''), /[\u4e00-\u9fff]/, r);
  assert.ok(enRows.some((r) => /row 3.*"abc" is not a coordinate; row not imported/.test(r)), enRows.join('\n'));
  const enCsv = (await problemCsv(page, /CSV/)).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(enCsv[0], 'severity,file,row or feature,field,reason');
  assert.ok(enCsv.includes('error,organiser_gbk.csv,row 3,经度,"""abc"" is not a coordinate; row not imported"'), enCsv.join('\n'));
  // The stated precision survived the reload; "Not stated" again brings back the 5 km ring.
  const select = page.getByLabel('How exact the positions are (as you state it)');
  assert.equal(await select.evaluate((s) => s.selectedOptions[0].textContent), 'About 10 m');
  await select.selectOption({ label: 'Not stated' });
  await page.reload();
  await waitForSites(page, bundledSites + 4);
  assert.equal(await page.getByLabel('How exact the positions are (as you state it)').evaluate((s) => s.selectedOptions[0].textContent), 'Not stated');
  await page.locator('.import-section').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-lang-en-desktop-1280x800.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('GeoJSON with 3 of 7 features not imported: the summary counts features, zh and en, on a phone', { timeout: 120000 }, async () => {
  for (const lang of ['zh', 'en']) {
    const { context, page, errors } = await open(phone, lang);
    const label = lang === 'zh' ? '选择要导入的文件' : 'File to import';
    await page.getByLabel(label).setInputFiles({ name: 'seven.geojson', mimeType: 'application/geo+json', buffer: sevenFeatures() });
    await waitForSites(page, bundledSites + 4);
    const text = await page.locator('.import-layer').textContent();
    const rows = await page.locator('.import-problems-table tbody tr').allTextContents();
    if (lang === 'zh') {
      assert.match(text, /读取 7 个要素：导入 4，未导入 3（均列于下表）/);
      assert.ok(rows.some((r) => /第 3 个要素（features\[2\]）.*面（多边形）不在地图上显示/.test(r)), rows.join('\n'));
      assert.ok(rows.some((r) => /第 5 个要素（features\[4\]）.*超出范围/.test(r)), rows.join('\n'));
    } else {
      assert.match(text, /7 features read: 4 imported, 3 not imported \(each listed below\)/);
      assert.ok(rows.some((r) => /feature 4 \(features\[3\]\).*feature has no geometry/.test(r)), rows.join('\n'));
    }
    await page.locator('.import-section').scrollIntoViewIfNeeded();
    await screenshot(page, `import-lang-geojson-${lang}-phone-390x844.png`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
