// The coverage dashboard (issue 7) on the built app in Chromium: its numbers match the
// bundled data files, reported vs mapped reads as the sources say, gaps follow the chosen
// distance, the CSV download is Excel-ready, "show on map" moves the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useApp, openPage, desktop, phone, readGeodata, screenshot } from './harness.mjs';

const app = useApp();

const sites = readGeodata('sites.geojson').features;
const routes = readGeodata('routes.geojson').features;
const activities = readGeodata('activities.json').activities;

/** Opens the dashboard and waits for its headline numbers. `failed` lists the URLs that
 *  answered 4xx/5xx, except the header's favicon.svg (a known issue of the shell, not
 *  of the dashboard); `errors` the console errors other than those failed loads. */
async function openDashboard(options = desktop, lang = 'zh') {
  const opened = await openPage(app.browser, `${app.base}?view=dashboard&lang=${lang}`, options);
  const failed = [];
  opened.page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.svg')) failed.push(`${r.status()} ${r.url()}`);
  });
  await opened.page.getByRole('heading', { name: lang === 'zh' ? '统计看板' : 'Coverage dashboard' }).waitFor();
  await opened.page.locator('.dash-card').first().waitFor({ timeout: 30000 });
  const errors = () => opened.errors.filter((e) => !e.startsWith('Failed to load resource')).concat(failed);
  return { ...opened, errors };
}

/** The headline cards as { label: value }. */
async function cards(page) {
  return page.$$eval('.dash-card', (els) => Object.fromEntries(els.map((e) => [
    e.querySelector('.dash-label').textContent, e.querySelector('.dash-value').textContent,
  ])));
}

test('headline numbers match the data files', async () => {
  const { page, errors, context } = await openDashboard();
  const c = await cards(page);
  assert.equal(c['地点'], String(sites.length));
  assert.equal(c['路线'], String(routes.length));
  assert.equal(c['活动记录'], String(activities.length));
  const given = activities.filter((a) => a.participants != null);
  const sum = given.reduce((s, a) => s + a.participants, 0);
  // Some records give no figure: the total is shown as a lower bound, with the count.
  assert.equal(c['人次'], `≥ ${sum.toLocaleString('en-US')}`);
  const note = await page.locator('.dash-card', { hasText: '人次' }).locator('.dash-note').first().textContent();
  assert.match(note, new RegExp(`${activities.length - given.length} 条记录未给出数字`));
  await screenshot(page, 'dashboard-desktop-1280x800.png');
  await page.locator('#dash-reported').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-desktop-reported.png');
  assert.deepEqual(errors(), []);
  await context.close();
});

test('reported vs mapped: Zhaoqing reports 290 red sites and names none: not comparable', async () => {
  const { page, context } = await openDashboard();
  const row = page.locator('#dash-reported ~ * tr, section[aria-labelledby="dash-reported"] tr', {
    hasText: '红色革命遗址',
  }).first();
  const cells = await row.locator('th, td').allTextContents();
  assert.equal(cells[0], '肇庆市');
  // The 2 revolutionary sites mapped in Zhaoqing are context, not the mapped figure.
  assert.deepEqual(cells.slice(2, 6), ['290', '不可比', '—', '—']);
  assert.match(cells[6], /区内地图上有 2 个/);
  // 14 red resources: 中共南海县委旧址 is named among them.
  const resources = page.locator('section[aria-labelledby="dash-reported"] tr', { hasText: '红色资源' }).first();
  assert.deepEqual(await resources.locator('td').allTextContents().then((c) => c.slice(1, 3)), ['14', '1']);
  const lectures = await page.locator('section[aria-labelledby="dash-reported"] tr', { hasText: '宣讲/党课' })
    .locator('td:nth-child(3)').allTextContents();
  assert.ok(lectures.includes('5,598+'), `qualifier kept: ${lectures}`);
  await context.close();
});

test('gaps follow the chosen distance and show on the map', async () => {
  const { page, context } = await openDashboard();
  const section = page.locator('section[aria-labelledby="dash-gaps"]');
  const status = section.getByRole('status');
  // Three groups, never more certain than the positions: 10 certain gaps, and 丹灶镇 and
  // 狮山镇 can't be told (sites placed only to the district or town could be within 10 km).
  assert.match(await status.textContent(),
    /检查了 23 个镇街\/县区驻地\(距离 10 公里\):11 个确定有地点,10 个确定没有地点,2 个无法确定/);
  const input = section.getByLabel('距离(公里)');
  await input.fill('100');
  await input.press('Enter');
  await input.blur();
  await page.waitForFunction(() => /23 个确定有地点,0 个确定没有地点,0 个无法确定/.test(
    document.querySelector('section[aria-labelledby="dash-gaps"] [role=status]').textContent));
  // At 0 km no seat "has" a site at its centroid: every bundled position is approximate.
  await input.fill('0');
  await input.blur();
  await page.waitForFunction(() => /:0 个确定有地点/.test(
    document.querySelector('section[aria-labelledby="dash-gaps"] [role=status]').textContent));
  await input.fill('10');
  await input.blur();
  await page.waitForFunction(() => /10 个确定没有地点/.test(
    document.querySelector('section[aria-labelledby="dash-gaps"] [role=status]').textContent));
  // 丹灶镇 is listed apart, with the district-level sites that could be within 10 km named.
  const uncertain = section.getByRole('table').filter({ has: page.locator('th', { hasText: '可能在 10 公里内的地点' }) });
  const danzao = uncertain.locator('tr', { hasText: '丹灶镇' });
  assert.match(await danzao.textContent(), /中共南海县委旧址 2\d\.\d ± 25\.0 公里/);
  const certain = section.locator('table[aria-labelledby="dash-gaps-certain"]');
  assert.equal(await certain.locator('tbody tr', { hasText: '丹灶镇' }).count(), 0);
  const first = certain.locator('tbody tr').first();
  assert.equal(await first.locator('th').textContent(), '怀集县');
  await first.getByRole('button').click();
  await page.locator('.dashboard').waitFor({ state: 'detached' });
  // The map is centred on 怀集县's seat (GeoNames 1807687), zoomed so the 10 km ring fits.
  await page.waitForFunction(() => {
    const p = new URL(location.href).searchParams;
    const [, lat] = (p.get('v') || '').split('/').map(Number);
    return !p.has('view') && Math.abs(lat - 23.91952) < 0.01;
  });
  const [zoom, lat, lon] = (await page.evaluate(() => new URL(location.href).searchParams.get('v')))
    .split('/').map(Number);
  assert.ok(Math.abs(lat - 23.91952) < 0.01 && Math.abs(lon - 112.17629) < 0.01, `${lat},${lon}`);
  assert.ok(zoom >= 9 && zoom <= 13, `zoom ${zoom}`);
  // ...and marked there: the square at the map's centre is drawn (not an empty map).
  await page.waitForTimeout(400);
  const rgb = await page.evaluate(() => {
    const c = document.querySelector('canvas');
    const r = c.getBoundingClientRect();
    const k = c.width / r.width;
    const d = c.getContext('2d').getImageData(Math.round(c.width / 2), Math.round(c.height / 2), 1, 1).data;
    return [d[0], d[1], d[2], k];
  });
  assert.deepEqual(rgb.slice(0, 3), [0x1a, 0x4d, 0x8f], `the place's mark at the centre: ${rgb}`);
  await screenshot(page, 'dashboard-gap-on-map-huaiji.png');
  await context.close();
});

test('the CSV download opens in Excel: UTF-8 BOM, Chinese header, figures', async () => {
  const { page, context } = await openDashboard();
  const section = page.locator('section[aria-labelledby="dash-reported"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: '下载 CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'redmap-reported-vs-mapped.csv');
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  assert.ok(text.startsWith('地区 / Region,'));
  assert.match(text, /肇庆市,红色革命遗址 \/ Red revolutionary sites,290,,不可比 \/ not comparable,—,—,/);
  assert.match(text, /南海区,研学基地 \/ Study bases,6,,1,5,16\.7%,/);
  assert.match(text, /南海区,宣讲\/党课 \/ [^,]+,5598,超过 \/ over,/);
  assert.match(text, /中共南海县委旧址 \(nanhai-county-committee-site\): 已计入 \/ counted/);
  await context.close();
});

test('the month chart: one bar per month, the number on focus, the same in a table', async () => {
  const { page, context } = await openDashboard();
  const bars = page.locator('#dash-month-chart g.bar');
  const rows = page.locator('section[aria-labelledby="dash-months"] details tbody tr');
  assert.equal(await bars.count(), await rows.count());
  const first = bars.first();
  await first.focus();
  const opacity = await first.locator('.bar-value').evaluate((e) => getComputedStyle(e).opacity);
  assert.equal(opacity, '1');
  assert.match(await first.getAttribute('aria-label'), /^2021-02: \d+$/);
  // Records dated only by a range are grey bars of their own, and rows of the table.
  assert.equal(await page.locator('#dash-month-chart g.bar.ranged').count(), 4);
  const ranged = await page.locator('section[aria-labelledby="dash-months"] details tbody tr.ranged th').allTextContents();
  assert.deepEqual(ranged, ['日期仅知在 2021-02 – 2021-12 之间', '2021-02 – 2021-12 期间反复进行',
    '日期仅知在 2021-03 – 2021-11 之间', '日期仅知在 2021-03 – 2021-12 之间']);
  assert.match(await page.locator('.dash-ranged-legend').textContent(), /各月 12 条 \+ 时段 11 条 = 共 23 条/);
  // The month CSV: the 60 study sessions are not put in 2021-03; "at least" kept beside sums.
  const section = page.locator('section[aria-labelledby="dash-months"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: '下载 CSV' }).click(),
  ]);
  const text = fs.readFileSync(await download.path(), 'utf8').slice(1);
  const march = text.split('\r\n').find((l) => l.startsWith('2021-03,'));
  // 5 records dated in March (the online contest's 24,000 is "over"), 7 under way with
  // the 2 recurring ones.
  assert.match(march, /^2021-03,月份 \/ Month,5,7,,无数字 \/ no figure,24000,至少;含“超过”“约”的数字 \/ at least; includes 'over'\/'about' figures$/);
  assert.match(text, /\r\n2021-03 – 2021-11,"日期仅知在此时段内,不计入任何月份 \/ Date known only as this range; in no month",1,,60,,,无数字 \/ no figure/);
  // The chart exported as SVG has its title, scope, data dates and source.
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: /SVG/ }).click(),
  ]);
  const svgText = fs.readFileSync(await svg.path(), 'utf8');
  for (const want of ['按月份的活动 (当月的记录)', '范围:', '日期 2021-02 – 2021-12', '来源:', '灰色柱']) {
    assert.ok(svgText.includes(want), `${want} in the SVG`);
  }
  await context.close();
});

test('in English the gaps and regions tables name places in English', async () => {
  const { page, context } = await openDashboard(desktop, 'en');
  const certain = page.locator('table[aria-labelledby="dash-gaps-certain"] tbody th');
  assert.equal(await certain.first().textContent(), 'Huaiji County');
  const tree = await page.locator('.dash-tree tbody th').allTextContents();
  assert.ok(tree[0].startsWith('Guangdong'), tree[0]);
  assert.ok(!tree.some((t) => /[\u4e00-\u9fff]/.test(t)), `no Chinese names: ${tree}`);
  assert.equal(await page.locator('.dash-head button').first().textContent(), 'Present');
  await page.locator('.dash-head button').first().click();
  assert.equal(await page.locator('.dash-head button').first().textContent(), 'Exit presentation');
  await context.close();
});

test('on a phone the dashboard is one column and readable', async () => {
  const { page, errors, context } = await openDashboard(phone);
  const width = await page.evaluate(() => document.querySelector('.dashboard').scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling of the page: ${width}`);
  await screenshot(page, 'dashboard-phone-390x844.png');
  await page.locator('#dash-months').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-phone-chart.png');
  assert.deepEqual(errors(), []);
  await context.close();
});
