// The foundation's promises, as a user sees them, on the release build in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useApp, serve, openPage, desktop, phone, waitForFirstFrame, currentView, project, readGeodata,
  screenshot,
} from './harness.mjs';

const app = useApp();

const sites = readGeodata('sites.geojson').features;

/** How many distinct colours the map canvas shows (a blank canvas has one). */
async function canvasColours(page) {
  return page.evaluate(() => {
    const c = document.querySelector('canvas.map-canvas');
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return seen.size;
  });
}

test('opens with the title, the map drawn, no console errors', async () => {
  const { page, errors, context } = await openPage(app.browser, app.base);
  await assert.doesNotReject(page.getByRole('heading', { name: '红色教育地图' }).waitFor());
  await waitForFirstFrame(page);
  const map = page.getByRole('application');
  assert.match(await map.getAttribute('aria-label'), new RegExp(`${sites.length} 个地点`));
  assert.ok((await canvasColours(page)) > 20, 'the canvas shows a drawn map, not a blank');
  await screenshot(page, 'desktop-1280x800.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the site layer reports its feature count', async () => {
  const { page, context } = await openPage(app.browser, app.base);
  const toggle = page.getByRole('checkbox', { name: /^地点 \(/ });
  await toggle.waitFor();
  const label = await page.locator('label[for=layer-sites]').innerText();
  assert.equal(label.replace(/\s+/g, ''), `地点(${sites.length})`);
  assert.ok(await toggle.isChecked());
  await context.close();
});

test('clicking a site on the map opens its details', async () => {
  const site = sites.find((f) => f.properties.precision.level === 'building');
  const [lon, lat] = site.geometry.coordinates;
  const { page, context } = await openPage(app.browser, `${app.base}?v=14/${lat}/${lon}`);
  await waitForFirstFrame(page);
  const view = await currentView(page);
  const box = await page.getByRole('application').boundingBox();
  const at = project(view, box, lon, lat);
  await page.mouse.click(box.x + at.x, box.y + at.y);
  const heading = page.getByRole('heading', { level: 2, name: site.properties.name });
  await heading.waitFor();
  await assert.doesNotReject(page.getByText(site.properties.sources[0].doc).first().waitFor());
  assert.equal(new URL(page.url()).searchParams.get('site'), site.properties.id);
  await screenshot(page, 'desktop-details.png');
  await context.close();
});

test('a permalink to a site opens it; an unknown id says so', async () => {
  const site = sites[0];
  const { page, context } = await openPage(app.browser, `${app.base}?site=${site.properties.id}`);
  await page.getByRole('heading', { level: 2, name: site.properties.name }).waitFor();
  // It opens zoomed in on the site, and Esc closes the details wherever the focus is.
  assert.equal((await currentView(page)).zoom, 12);
  await page.getByRole('heading', { name: '红色教育地图' }).click();
  await page.keyboard.press('Escape');
  await page.getByText('点击地图上的地点查看详情').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('site'), null);
  await page.goto(`${app.base}?site=no-such-site`);
  // Said twice: in the notice at the top of the panel and in the data problems.
  await assert.doesNotReject(page.getByText(/no site with id "no-such-site"/).first().waitFor());
  await context.close();
});

test('?data= with an unreachable URL shows a clear message, not a blank page', async () => {
  const { page, context } = await openPage(app.browser, `${app.base}?data=/missing/sites.geojson`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /无法加载数据/);
  assert.match(text, /missing\/sites\.geojson: HTTP 404/);
  await context.close();
});

test('?data= loads any GeoJSON FeatureCollection', async () => {
  const extra = await serve(undefined, (req, res) => {
    if (!req.url.startsWith('/foreign.geojson')) return false;
    res.writeHead(200, { 'content-type': 'application/geo+json' });
    res.end(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 名称: '测试纪念馆', 开放: '周二至周日' }, geometry: { type: 'Point', coordinates: [113.2, 23.1] } },
        { type: 'Feature', properties: { title: 'Second' }, geometry: { type: 'Point', coordinates: [113.3, 23.2] } },
        { type: 'Feature', properties: { name: 'broken' }, geometry: null },
      ],
    }));
    return true;
  });
  const { page, context } = await openPage(app.browser, `${extra.url}?data=/foreign.geojson`);
  await waitForFirstFrame(page);
  assert.match(await page.getByRole('application').getAttribute('aria-label'), /2 个地点/);
  await assert.doesNotReject(page.getByText(/数据问题 \(\d+\)/).waitFor());
  await context.close();
  extra.server.close();
});

test('phone layout: the map and a bottom sheet', async () => {
  const { page, errors, context } = await openPage(app.browser, app.base, phone);
  await waitForFirstFrame(page);
  const sheet = page.getByRole('complementary');
  const box = await sheet.boundingBox();
  assert.ok(box.y > 844 * 0.5, `the sheet sits in the lower half (top at ${box.y})`);
  await screenshot(page, 'phone-390x844.png');
  await page.getByRole('button', { name: '展开或收起面板' }).click();
  await page.waitForTimeout(300);
  await screenshot(page, 'phone-sheet-expanded.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching to English is remembered', async () => {
  const { page, context } = await openPage(app.browser, app.base, desktop);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'Red Education Map' }).waitFor();
  await page.goto(app.base);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Red Education Map' }).waitFor());
  await screenshot(page, 'desktop-english.png');
  await context.close();
});
