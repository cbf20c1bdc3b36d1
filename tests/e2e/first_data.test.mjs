// Issue 2 (the first view's size): the start page draws its first frame without any JSON
// reader in the main wasm: the sites from geodata/sites.points, the land from
// geodata/basemap/basemap.bin, the manifest peeked at with the browser's JSON.parse. The
// readers (the `read_data` chunk: manifest checks, GeoJSON, JSON, cross-file checks) are
// downloaded right after that frame; then the data is all there. A reader that cannot be
// downloaded is a message, not a blank page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForFirstFrame, readGeodata, screenshot, desktop, phone } from './harness.mjs';

const app = useApp();
const sites = readGeodata('sites.geojson').features;
const routes = readGeodata('routes.geojson').features;

const loaded = (page) => page.waitForFunction(
  () => performance.getEntriesByName('redmap:data-loaded').length > 0, null, { timeout: 30000 });

/** When each matching download started, in ms after the first frame's mark. */
const startedAfterFirstFrame = (page, pattern) => page.evaluate((source) => {
  const mark = performance.getEntriesByName('redmap:first-frame')[0].startTime;
  const re = new RegExp(source);
  return performance.getEntriesByType('resource')
    .filter((e) => re.test(new URL(e.name).pathname))
    .map((e) => Math.round(e.startTime - mark));
}, pattern.source);

for (const [name, options] of [['1280x800', undefined], ['390x844', phone]]) {
  test(`at ${name}: first frame from sites.points and basemap.bin, the reader right after it, then all the data`, async () => {
    const { context, page, errors } = await openPage(app.browser, `${app.base}?lang=en`, options);
    await waitForFirstFrame(page);
    await loaded(page);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('redmap:points-preview').length), 1,
      'the first frame was drawn from sites.points');
    const points = await startedAfterFirstFrame(page, /\/geodata\/sites\.points$/);
    const basemap = await startedAfterFirstFrame(page, /\/geodata\/basemap\/basemap\.bin$/);
    const reader = await startedAfterFirstFrame(page, /^\/split_read_data-[0-9a-f]+\.wasm$/);
    assert.ok(points.length === 1 && points[0] < 0, `sites.points before the first frame: ${points}`);
    // The routes too (geodata/routes.lines); routes.geojson, whose length was checked against
    // it before drawing, is still downloaded only once.
    const lines = await startedAfterFirstFrame(page, /\/geodata\/routes\.lines$/);
    assert.ok(lines.length === 1 && lines[0] < 0, `routes.lines before the first frame: ${lines}`);
    assert.equal((await startedAfterFirstFrame(page, /\/geodata\/routes\.geojson$/)).length, 1);
    assert.equal(basemap.length, 1, 'the base map is one file');
    assert.equal(reader.length, 1, 'the reader chunk is downloaded once');
    assert.ok(reader[0] >= 0, `the reader chunk after the first frame: ${reader[0]} ms`);
    // No base-map GeoJSON is fetched any more.
    assert.deepEqual(await startedAfterFirstFrame(page, /\/geodata\/basemap\/.*\.geojson$/), []);
    const map = page.getByRole('application');
    assert.equal(await map.getAttribute('data-site-count'), String(sites.length));
    await screenshot(page, `first-data-${name}.png`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the reader read everything: routes are listed and the data problems checked', async () => {
  const { context, page, errors } = await openPage(app.browser, `${app.base}?lang=en`);
  await loaded(page);
  // The routes layer's legend counts what the routes GeoJSON holds (read by the chunk).
  const label = page.locator('label[for=layer-routes]');
  await label.waitFor({ timeout: 30000 });
  assert.match((await label.innerText()).replace(/\s+/g, ''), new RegExp(`\\(${routes.length}\\)`));
  // The bundled points file is current: no warning about it.
  assert.doesNotMatch(await page.locator('body').innerText(), /sites\.points/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reader chunk whose download fails twice is tried again: the data loads, no message', async () => {
  // No service worker: the loader's later tries would go through it, out of page.route's reach.
  const { context, page } = await openPage(app.browser, 'about:blank', { ...desktop, serviceWorkers: 'block' });
  let failures = 0;
  await page.route(/\/split_read_data-[0-9a-f]+\.wasm$/, (route) => {
    if (failures < 2) {
      failures += 1;
      return route.abort();
    }
    return route.continue();
  });
  await page.goto(`${app.base}?lang=en`);
  await waitForFirstFrame(page);
  const label = page.locator('label[for=layer-routes]');
  await label.waitFor({ timeout: 30000 });
  assert.equal(failures, 2);
  assert.match((await label.innerText()).replace(/\s+/g, ''), new RegExp(`\\(${routes.length}\\)`));
  assert.equal(await page.locator('.load-error').count(), 0, 'no "could not be downloaded" message');
  await context.close();
});

test('a reader chunk that cannot be downloaded says so instead of a blank page', async () => {
  // No service worker: the loader's later tries would go through it, out of page.route's reach.
  const { context, page } = await openPage(app.browser, 'about:blank', { ...desktop, serviceWorkers: 'block' });
  await page.route(/\/split_read_data-[0-9a-f]+\.wasm$/, (route) => route.abort());
  await page.goto(`${app.base}?lang=en`);
  await waitForFirstFrame(page);
  const alert = page.locator('.load-error');
  await alert.waitFor({ timeout: 30000 });
  assert.match(await alert.innerText(), /reads data files could not be downloaded/);
  // The points drawn first stay on the map (and it still moves), with no sites to open.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  assert.match(await page.getByRole('application').getAttribute('aria-label'), new RegExp(`${sites.length} sites`));
  await screenshot(page, 'first-data-reader-failed.png');
  await context.close();
});
