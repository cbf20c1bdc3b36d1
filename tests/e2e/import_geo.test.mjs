// GeoJSON and GPX imports in the built app (issue 7): a 60k-feature GeoJSON (SYNTHETIC, ~9 MB)
// with bad features is read in slices with progress shown, and every bad feature is listed
// with file, feature, field and reason while the valid ones import; a GPX with a bad track
// point names the point and its line. A file dropped on the page before the import code has
// arrived (the side panel's chunk held back here) is not lost: the page stays, and the file
// is imported once the chunk is in. Phone: the new layer is fitted above the bottom sheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, desktop, phone, readGeodata, screenshot, project, currentView } from './harness.mjs';

const bundledSites = readGeodata('sites.geojson').features.length;
const app = useApp();

/** `n` point features (SYNTHETIC) in Guangdong; features 3, 7, 11 and 15 are bad. */
function geojson(n) {
  const features = [];
  for (let i = 0; i < n; i++) {
    const lon = +(110 + (i % 991) * 0.004).toFixed(5);
    const lat = +(21.5 + (i % 977) * 0.003).toFixed(5);
    let geometry = { type: 'Point', coordinates: [lon, lat] };
    if (i === 3) geometry = { type: 'Point', coordinates: 'x' };
    if (i === 7) geometry = null;
    if (i === 11) geometry = { type: 'Polygon', coordinates: [[[113, 23], [114, 23], [114, 24], [113, 23]]] };
    if (i === 15) geometry = { type: 'Point', coordinates: [113.2, 95] };
    features.push({ type: 'Feature', geometry, properties: { name: `合成点${i}`, 备注: `第${i}个` } });
  }
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }), 'utf8');
}

const siteCount = (page) => page.evaluate(() => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount));

async function open(options = desktop) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Every value the progress bar shows, polled each frame.
  await page.addInitScript(() => {
    window.__bars = [];
    const look = () => {
      const p = document.querySelector('.import-progress progress');
      const label = document.querySelector('.import-progress span')?.textContent ?? '';
      if (p && p.getAttribute('max')) window.__bars.push(`${label.split(':')[0]}: ${p.getAttribute('value')}/${p.getAttribute('max')}`);
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  return { context, page, errors };
}

async function waitForSites(page, n) {
  await page.waitForFunction((n) =>
    Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, n, { timeout: 120000 });
}

test('a 60k-feature GeoJSON imports in slices with progress; bad features are listed by index', { timeout: 240000 }, async () => {
  const { context, page, errors } = await open();
  await page.goto(`${app.base}?lang=zh`);
  await waitForSites(page, bundledSites);
  const n = 60000;
  await page.getByLabel('选择要导入的文件').setInputFiles({ name: 'big.geojson', mimeType: 'application/geo+json', buffer: geojson(n) });
  const layer = page.getByRole('checkbox', { name: /big\.geojson/ });
  await layer.waitFor({ timeout: 120000 });
  await waitForSites(page, bundledSites + n - 4);
  // Read in slices: the bar moves while the file is being read, not only while it is added.
  const bars = await page.evaluate(() => window.__bars);
  const reading = new Set(bars.filter((b) => b.startsWith('正在读取 big.geojson')));
  assert.ok(reading.size >= 3, `the bar moved ${reading.size} times while reading: ${[...new Set(bars)].slice(0, 12)}`);
  const problem = (re) => page.getByRole('row', { name: re });
  await problem(/错误\s*big\.geojson\s*第 4 个要素（features\[3\]）\s*geometry\.coordinates/).waitFor();
  await problem(/警告\s*big\.geojson\s*第 8 个要素（features\[7\]）\s*geometry\s*要素没有几何形状：不显示/).waitFor();
  await problem(/提示\s*big\.geojson\s*第 12 个要素（features\[11\]）\s*geometry\.type\s*面（多边形）不在地图上显示/).waitFor();
  await problem(/big\.geojson\s*第 16 个要素（features\[15\]）\s*geometry\.coordinates/).waitFor();
  await page.locator('.import-section').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-geojson-desktop-1280x800.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a GPX track with a bad point: the point and its line are named, the rest imports', async () => {
  const { context, page, errors } = await open();
  await page.goto(`${app.base}?lang=zh`);
  await waitForSites(page, bundledSites);
  const gpx = `<?xml version="1.0"?>\n<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">\n`
    + `<wpt lat="23.05" lon="113.15"><name>测试航点</name></wpt>\n`
    + `<trk><name>测试轨迹</name><trkseg>\n<trkpt lat="23.0" lon="113.1"/>\n<trkpt lat="abc" lon="113.2"/>\n`
    + `<trkpt lat="23.1" lon="113.3"/>\n</trkseg></trk>\n</gpx>\n`;
  await page.getByLabel('选择要导入的文件').setInputFiles({ name: 'walk.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(gpx) });
  await page.getByRole('checkbox', { name: /walk\.gpx/ }).waitFor();
  await waitForSites(page, bundledSites + 1);
  await page.getByRole('row', { name: /错误\s*walk\.gpx\s*航迹 trk\[0\]（第 4 行）\s*trkseg\[0\]\.trkpt\[1\]（第 6 行）\s*lat：“abc”不是坐标；该点未计入线路/ }).waitFor();
  assert.match(await page.locator('.import-layer').textContent(), /1 个地点，1 条路线/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file dropped before the import code has arrived is kept and imported once it is in', async () => {
  const { context, page, errors } = await open();
  // Hold back the side panel's own part (the import section is in it) until the drop; the
  // data reader and the shared bundles it needs come in, so the sites are read.
  const held = [];
  let release = null;
  const released = new Promise((r) => { release = r; });
  await page.route(/\/split_side_panel-[0-9a-f]+\.wasm$/, async (route) => {
    held.push(route.request().url());
    await released;
    await route.continue();
  });
  await page.goto(`${app.base}?lang=zh`);
  await waitForSites(page, bundledSites);
  assert.equal(await page.getByLabel('选择要导入的文件').count(), 0, 'the import is not there yet');
  const text = JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [113.2, 23.1] }, properties: { name: '早投的点' } },
  ] });
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'early.geojson', { type: 'application/geo+json' }));
    return dt;
  }, text);
  const url = page.url();
  const prevented = await page.evaluate(async (dt) => {
    const canvas = document.querySelector('canvas.map-canvas');
    const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    canvas.dispatchEvent(over);
    canvas.dispatchEvent(drop);
    return [over.defaultPrevented, drop.defaultPrevented];
  }, dataTransfer);
  assert.deepEqual(prevented, [true, true], 'the browser would otherwise open the file');
  assert.ok(held.length > 0, 'the chunks were held back');
  release();
  await page.getByRole('checkbox', { name: /early\.geojson/ }).waitFor({ timeout: 60000 });
  await waitForSites(page, bundledSites + 1);
  assert.equal(page.url().split('?')[0], url.split('?')[0]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the new layer is fitted above the bottom sheet', async () => {
  const { context, page, errors } = await open(phone);
  await page.goto(`${app.base}?lang=zh`);
  await waitForSites(page, bundledSites);
  // Three sites far from the bundled ones (Hainan), spread over ~50 km.
  const features = [[109.5, 18.3], [110.0, 18.6], [109.8, 18.9]].map(([lon, lat], i) => ({
    type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name: `海南点${i}` },
  }));
  await page.getByLabel('选择要导入的文件').setInputFiles({
    name: 'hainan.geojson', mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
  });
  await page.getByRole('checkbox', { name: /hainan\.geojson/ }).waitFor();
  await page.waitForTimeout(800); // the map's move to the layer
  const view = await currentView(page);
  const sheet = await page.locator('aside.side-panel').boundingBox();
  const canvas = await page.locator('canvas.map-canvas').boundingBox();
  for (const [lon, lat] of [[109.5, 18.3], [110.0, 18.6], [109.8, 18.9]]) {
    const p = project(view, { width: canvas.width, height: canvas.height }, lon, lat);
    assert.ok(p.x > 0 && p.x < canvas.width, `x ${p.x}`);
    assert.ok(p.y > 0 && canvas.y + p.y < sheet.y, `y ${canvas.y + p.y} is under the sheet at ${sheet.y}`);
  }
  await screenshot(page, 'import-fit-phone-390x844.png');
  assert.deepEqual(errors, []);
  await context.close();
});
