// Code splitting (issue 2): before the map's first frame the start page downloads only the
// main wasm, the scripts and the stylesheet; the side panel's sections are a chunk fetched
// right after the first frame; the dashboard, the trip planner, the handout, the site list,
// the file importers, the thematic map, the base-map switcher's choices and the shared-trip
// dialog are chunks fetched when first used. A chunk that cannot be downloaded shows a
// message with "Try again" and the rest of the page keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForFirstFrame, desktop, phone } from './harness.mjs';

// The loader tries a failed part again (after 0.5, 2 and 5 s); by then the service worker may
// be in control and fetch it itself, out of page.route's reach: the tests of failed downloads
// run without it.
const noWorker = { ...desktop, serviceWorkers: 'block' };

const app = useApp();

const isChunk = (path) => /^\/(split|chunk)_[^/]*\.wasm$/.test(path);
const split = (paths) => paths.filter((p) => p.startsWith('/split_')).map((p) => p.replace(/^\/split_(.*)-[0-9a-f]+\.wasm$/, '$1'));

/** The paths of the files whose download started before the first frame's mark. */
const beforeFirstFrame = (page) => page.evaluate(() => {
  const mark = performance.getEntriesByName('redmap:first-frame')[0].startTime;
  return performance.getEntriesByType('resource').filter((e) => e.startTime < mark)
    .map((e) => new URL(e.name).pathname);
});

/** Opens `query` and records every request path from the start. */
async function open(query, setup = async () => {}, options = desktop) {
  const { context, page, errors } = await openPage(app.browser, 'about:blank', options);
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  await setup(page);
  await page.goto(`${app.base}${query}`);
  await waitForFirstFrame(page);
  return { context, page, errors, paths };
}

test('the start page: no chunk before the first frame, then the side panel; the dashboard when opened', async () => {
  const { context, page, errors, paths } = await open('?lang=en');
  const early = await beforeFirstFrame(page);
  assert.ok(early.some((p) => /_bg\.wasm$/.test(p)), `main wasm: ${early}`);
  assert.ok(early.some((p) => /^\/redmap-split-.*\.js$/.test(p)), `loader module: ${early}`);
  assert.deepEqual(early.filter(isChunk), [], 'no chunk before the first frame');

  // The side panel's sections arrive (a loading line holds their place meanwhile).
  await page.getByRole('heading', { name: 'Layers' }).waitFor({ timeout: 30000 });
  await page.waitForTimeout(300);
  // ... and the search results' (the box is in the main module), the data reader
  // (src/ui/load/read.rs), and the map's overlays and the shell's places (`late`,
  // src/ui/map/late.rs); nothing else.
  assert.deepEqual(split(paths).sort(), ['late', 'read_data', 'search', 'side_panel'], `only the side panel's, search's, the reader's and the late chunks: ${split(paths)}`);

  const before = paths.length;
  await page.getByRole('button', { name: 'Open the coverage dashboard' }).click();
  await page.locator('.dash-card').first().waitFor({ timeout: 30000 });
  const loaded = paths.slice(before).filter(isChunk);
  assert.ok(loaded.some((p) => p.startsWith('/split_dashboard-')), `dashboard chunk: ${loaded}`);
  assert.ok(!loaded.some((p) => p.startsWith('/split_trip-')), `not the trip chunk: ${loaded}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the side panel on a phone: the bottom sheet\'s sections come right after the first frame', async () => {
  const { context, page, errors, paths } = await open('?lang=en', async () => {}, phone);
  assert.deepEqual((await beforeFirstFrame(page)).filter(isChunk), []);
  await page.getByRole('heading', { name: 'Layers' }).waitFor({ timeout: 30000 });
  await page.waitForTimeout(300);
  assert.deepEqual(split(paths).sort(), ['late', 'read_data', 'search', 'side_panel']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a side panel that fails to download says so in the panel; the map works; Try again loads it', async () => {
  let block = true;
  const { context, page, errors } = await open('?lang=en', (page) =>
    page.route(/\/split_side_panel-[^/]*\.wasm$/, (route) => (block ? route.abort() : route.continue())), noWorker);
  const alert = page.locator('.side-panel .chunk-error[role=alert]');
  await alert.waitFor({ timeout: 20000 });
  // The map still answers: zoom in.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  block = false;
  await page.locator('.side-panel').getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Layers' }).waitFor({ timeout: 30000 });
  assert.ok(errors.every((e) => /split_side_panel|Failed to load|Failed to fetch|net::ERR_FAILED/.test(e)), errors.join('\n'));
  await context.close();
});

test('the base-map switcher downloads its choices when first opened', async () => {
  const { context, page, errors, paths } = await open('?lang=en');
  await page.getByRole('heading', { name: 'Layers' }).waitFor({ timeout: 30000 });
  assert.ok(!split(paths).includes('switcher'));
  await page.getByRole('button', { name: 'Base map' }).click();
  await page.getByRole('radio', { name: /Offline vector map/ }).waitFor({ timeout: 20000 });
  assert.ok(split(paths).includes('switcher'), `switcher chunk: ${paths.filter(isChunk)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a chunk that fails to download shows a message; Try again loads it', async () => {
  let block = true;
  const { context, page, errors, paths } = await open('?lang=en', (page) =>
    page.route(/\/split_dashboard-[^/]*\.wasm$/, (route) => (block ? route.abort() : route.continue())), noWorker);
  await page.getByRole('button', { name: 'Open the coverage dashboard' }).click();
  const alert = page.locator('.chunk-error[role=alert]');
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /could not be downloaded/);
  // The map page still works: search answers.
  await page.locator('#search-input').fill('yjl');
  await page.locator('[role=option]').first().waitFor();

  block = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('.dash-card').first().waitFor({ timeout: 30000 });
  assert.equal(paths.filter((p) => p.startsWith('/split_dashboard-')).length, 5,
    'fetched 4 times by the loader (a load and three tries), then again on Try again');
  // Only the aborted download is logged (by the loader and by the browser).
  assert.ok(errors.every((e) => /split_dashboard|Failed to load|Failed to fetch|net::ERR_FAILED/.test(e)), errors.join('\n'));
  await context.close();
});

test('the trip planner downloads its chunk when the first stop is added', async () => {
  const { context, page, paths } = await open('?lang=en&site=nanhai-county-committee-site');
  // The details (with "Add to my trip") come with the side panel's chunk.
  await page.locator('.add-to-trip').first().waitFor({ timeout: 30000 });
  assert.ok(!split(paths).includes('trip'), 'no trip chunk before a stop is added');
  await page.locator('.add-to-trip').first().click();
  await page.locator('.trip-panel .trip-stops').waitFor({ timeout: 20000 });
  assert.ok(paths.some((p) => p.startsWith('/split_trip-')), `trip chunk: ${paths.filter(isChunk)}`);
  await context.close();
});

test('the file importers download their chunk when the first file is opened', async () => {
  const { context, page, paths, errors } = await open('?lang=zh');
  await page.getByLabel('选择要导入的文件').waitFor({ state: 'attached', timeout: 30000 });
  assert.ok(!split(paths).includes('import'), 'no import chunk before a file is opened');
  const csv = '名称,经度,纬度\n南海测试点,113.15,23.05\n';
  await page.getByLabel('选择要导入的文件').setInputFiles({
    name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8'),
  });
  const dialog = page.getByRole('dialog', { name: /one\.csv/ });
  await dialog.waitFor({ timeout: 20000 });
  assert.ok(paths.some((p) => p.startsWith('/split_import-')), `import chunk: ${paths.filter(isChunk)}`);
  assert.ok(!paths.some((p) => p.startsWith('/split_dashboard-')), 'not the dashboard chunk');
  assert.deepEqual(errors, []);
  await context.close();
});
