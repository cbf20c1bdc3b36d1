// Reported vs mapped on the built app, as an organiser reads it (issue 7, QA review): the
// mapped figure counts only the records a report names as part of its total; where it
// names none, the row is 0 only when the region holds nothing that could be one (no route
// with a stop there), else "not comparable" with the count of such records as context only;
// named members are listed with their quotes and
// show on the map; in zh and en. Imported layers are counted apart: importing a CSV does
// not change a single reported row, and its sites are listed in their own section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, desktop, phone, readGeodata, screenshot } from './harness.mjs';

const app = useApp();
const bundledSites = readGeodata('sites.geojson').features.length;

async function openDashboard(lang, options = desktop) {
  const opened = await openPage(app.browser, `${app.base}?view=dashboard&lang=${lang}`, options);
  await opened.page.locator('section[aria-labelledby="dash-reported"] tbody tr').first()
    .waitFor({ timeout: 30000 });
  return opened;
}

const section = (page) => page.locator('section[aria-labelledby="dash-reported"]');

/** The row of `region` and `measure` whose reported cell is `reported`, as its cells' text. */
async function row(page, region, measure, reported) {
  const rows = section(page).locator('tbody tr');
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    const cells = await rows.nth(i).locator(':scope > th, :scope > td').allTextContents();
    if (cells[0] === region && cells[1] === measure && cells[2] === reported) {
      return { cells, locator: rows.nth(i) };
    }
  }
  assert.fail(`no row ${region} ${measure} ${reported}`);
}

/** Every row's cells, for comparing the table before and after an import. */
const allRows = (page) => section(page).locator('tbody tr').evaluateAll((trs) =>
  trs.map((tr) => [...tr.querySelectorAll(':scope > th, :scope > td')].map((c) => c.textContent)));

const CJK = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]/;

test('zh: study bases 1 of 6 (named), routes 0 of 4, enterprise activities not comparable', async () => {
  const { page, context, errors } = await openDashboard('zh');
  const s = section(page);
  await s.getByText('“已上图”只计报道点名属于该总数、且在地图上的记录').waitFor();

  const bases = await row(page, '南海区', '研学基地', '6');
  assert.deepEqual(bases.cells.slice(3, 5), ['1', '5']);
  assert.match(bases.cells[5], /^16\.7%/);
  assert.match(bases.cells[6], /^报道点名属于此总数、且在地图上的记录报道点名的记录:中共南海县委旧址 · 已计入/);
  assert.match(bases.cells[6], /“命名了中共南海县委旧址等6个红色研学基地”/);
  // The silk factory base is a study base on the map, but not one the district named.
  assert.doesNotMatch(bases.cells[6], /南海丝厂/);
  await bases.locator.getByRole('button', { name: '在地图上查看:中共南海县委旧址' }).waitFor();

  const routes = await row(page, '南海区', '路线', '4');
  assert.deepEqual(routes.cells.slice(3, 5), ['0', '4']);
  assert.match(routes.cells[5], /^0\.0%/);
  assert.match(routes.cells[6], /^经核对,地图上没有报道所计的记录/);
  // The row's note in Chinese (the data's note_zh), as the English UI has it in English.
  assert.match(routes.cells[6], /不是推出的 4 条研学路线之一/);

  const enterprise = await row(page, '南海区', '活动(场)', '300+');
  assert.deepEqual(enterprise.cells.slice(3, 6), ['不可比', '—', '—']);
  assert.match(enterprise.cells[6], /^报道未说明计入哪些活动;区内地图上有 14 条活动记录\(仅供参考,不作为已上图数\)/);

  const zhaoqing = await row(page, '肇庆市', '红色革命遗址', '290');
  assert.deepEqual(zhaoqing.cells.slice(3, 6), ['不可比', '—', '—']);
  assert.match(zhaoqing.cells[6], /区内地图上有 2 个“革命旧址\/遗址”类地点/);

  const citizens = await row(page, '南海区', '宣讲/党课', '≈400');
  assert.equal(citizens.cells[3], '1');
  // About 400: the difference and the share are "about" too, not an exact 399.
  assert.equal(citizens.cells[4], '≈399');
  assert.match(citizens.cells[5], /^≈0\.[23]%/);

  // No site labelled a teaching point and none named: our labels are not the report's, so
  // not a certain 0 (阅江楼 holds weekly lectures); no route has a stop in Zhaoqing: 0.
  const points = await row(page, '肇庆市', '现场教学点', '35');
  assert.deepEqual(points.cells.slice(3, 6), ['不可比', '—', '—']);
  const zqRoutes = await row(page, '肇庆市', '路线', '7');
  assert.deepEqual(zqRoutes.cells.slice(3, 5), ['0', '7']);
  assert.match(zqRoutes.cells[6], /区内地图上没有任何/);
  assert.match(citizens.cells[6], /50年党龄的老党员带着红色藏品重上讲台讲党史 · 已计入/);

  // Nothing in English in what the zh table says of a row (the quoted source's file name
  // aside).
  const said = await s.locator('.dash-basis, .dash-member, .dash-legend, thead').allTextContents();
  for (const t of said) assert.doesNotMatch(t, LATIN, t);
  await bases.locator.scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-reported-members-zh-1280x800.png');
  assert.deepEqual(errors.filter((e) => !e.startsWith('Failed to load resource')), []);
  await context.close();
});

test('en: the same rows in English, no Chinese but names and quotes', async () => {
  const { page, context } = await openDashboard('en');
  const s = section(page);
  await s.getByText('"Mapped" counts only records on the map that the report names as part of the total.').waitFor();
  const bases = await row(page, 'Nanhai District', 'Study bases', '6');
  assert.deepEqual(bases.cells.slice(3, 5), ['1', '5']);
  assert.match(bases.cells[6], /^records the report names as part of this total that are on the map/);
  await bases.locator.getByRole('button', { name: 'Show on map: Former Site of the CPC Nanhai County Committee' }).waitFor();
  assert.match(bases.cells[6], /Former Site of the CPC Nanhai County Committee · counted/);
  const enterprise = await row(page, 'Nanhai District', 'Activities', '300+');
  assert.deepEqual(enterprise.cells.slice(3, 6), ['not comparable', '—', '—']);
  assert.match(enterprise.cells[6], /^the report does not say which activities it counts; 14 activity records on the map here \(context only, not the mapped figure\)/);
  const routes = await row(page, 'Nanhai District', 'Routes', '4');
  assert.deepEqual(routes.cells.slice(3, 5), ['0', '4']);
  assert.match(routes.cells[6], /^checked: the map holds none of the records the report counts/);
  assert.match(routes.cells[6], /recorded visits/);
  const said = await s.locator('.dash-basis, .dash-legend, thead').allTextContents();
  for (const t of said) assert.doesNotMatch(t, CJK, t);
  // A member's line: its English name and status (the quote under it is the source's).
  const member = await s.locator('.dash-member').first().evaluate((li) => li.firstChild.textContent
    + li.childNodes[1].textContent + li.childNodes[2].textContent);
  assert.doesNotMatch(member, CJK, member);
  await bases.locator.scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-reported-members-en-1280x800.png');
  await context.close();
});

test('a named member shows on the map', async () => {
  const { page, context } = await openDashboard('zh');
  const bases = await row(page, '南海区', '研学基地', '6');
  await bases.locator.getByRole('button', { name: '在地图上查看:中共南海县委旧址' }).click();
  await page.locator('.dashboard').waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 2, name: '中共南海县委旧址' }).waitFor();
  await context.close();
});

test('on a phone a row with members reads in one column', async () => {
  const { page, context } = await openDashboard('zh', phone);
  const bases = await row(page, '南海区', '研学基地', '6');
  await bases.locator.scrollIntoViewIfNeeded();
  const width = await page.evaluate(() => document.querySelector('.dashboard').scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling: ${width}`);
  await screenshot(page, 'dashboard-reported-members-phone-390x844.png');
  await context.close();
});

test('an imported CSV is counted apart: reported vs mapped and the headline do not change', async () => {
  const { page, context, errors } = await openDashboard('zh');
  const before = await allRows(page);
  await page.getByRole('button', { name: /返回地图/ }).first().click();
  await page.locator('.dashboard').waitFor({ state: 'detached' });
  // A revolutionary site in 端州 (Zhaoqing) and a visit point in 南海: both of a kind some
  // reported total counts, so counting them would change rows.
  const csv = '名称,经度,纬度,类型,市,区县\n'
    + '测试旧址,112.47,23.06,revolutionary_site,肇庆市,端州区\n'
    + '测试参观点,113.15,23.03,visit_point,佛山市,南海区\n';
  await page.getByLabel('选择要导入的文件').setInputFiles({
    name: 'members_layer.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8'),
  });
  const dialog = page.getByRole('dialog', { name: /members_layer\.csv/ });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '导入 2 行' }).click();
  await page.getByRole('checkbox', { name: /members_layer\.csv/ }).waitFor();
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, bundledSites + 2);

  await page.getByRole('button', { name: '打开统计看板' }).click();
  await section(page).locator('tbody tr').first().waitFor();
  const imported = page.locator('section[aria-labelledby="dash-imported"]');
  await imported.waitFor();
  assert.match(await imported.textContent(), /导入:members_layer\.csv,2 个地点/);
  assert.match(await imported.textContent(), /革命旧址\/遗址 1、参观点 1|参观点 1、革命旧址\/遗址 1/);
  assert.match(await page.locator('.dash-scope').textContent(), /已发布的数据\(导入的图层另列\)/);
  const cards = await page.$$eval('.dash-card', (els) => Object.fromEntries(els.map((e) => [
    e.querySelector('.dash-label').textContent, e.querySelector('.dash-value').textContent])));
  assert.equal(cards['地点'], String(bundledSites));
  assert.deepEqual(await allRows(page), before, 'no reported row changed');
  await imported.scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-imported-apart-zh-1280x800.png');

  // In English too.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'Imported layers (counted apart)' }).waitFor();
  assert.match(await imported.textContent(), /Imported: members_layer\.csv, 2 sites/);
  assert.doesNotMatch(await imported.locator('h3, p, li > div:first-child').allInnerTexts().then((t) => t.join(' ').replace('members_layer.csv', '')), CJK);

  // The thematic map shades the published data too: 端州区 (Duanzhou) has 1 published site
  // (阅江楼), not 2 with the imported 测试旧址.
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.getByRole('button', { name: '地点数' }).click();
  const legend = page.getByRole('region', { name: '各区/县地点数' });
  await legend.waitFor();
  await legend.getByText('各区域数值').click();
  const duanzhou = legend.locator('tbody tr', { hasText: '端州区' });
  assert.deepEqual((await duanzhou.locator('td').allInnerTexts()).map((t) => t.trim()).slice(-1), ['1']);

  await context.close();
  assert.deepEqual(errors.filter((e) => !e.startsWith('Failed to load resource')), []);
});
