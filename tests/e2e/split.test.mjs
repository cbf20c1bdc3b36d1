// Code splitting (issue 2): the start page downloads only the main wasm, the scripts and the
// stylesheet; the dashboard, the trip planner, the handout, the site list and the file
// importers are wasm chunks fetched when first used. A chunk that cannot be downloaded shows
// a message with "Try again" and the rest of the page keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForFirstFrame } from './harness.mjs';

let server, base, browser;
before(async () => {
  ({ server, url: base } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const isChunk = (path) => /^\/(split|chunk)_[^/]*\.wasm$/.test(path);
// Data-side chunks (search's code) are fetched right after the first frame by design
// (src/ui/lazy.rs, "size-data"), with the shared pieces they need. The start page must not
// fetch any other part.
const isDataChunk = (path) => /^\/split_search-[^/]*\.wasm$/.test(path);
const isViewPart = (path) => /^\/split_[^/]*\.wasm$/.test(path) && !isDataChunk(path);

/** Opens `query` and records every request path from the start. */
async function open(query, setup = async () => {}) {
  const { context, page, errors } = await openPage(browser, 'about:blank');
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  await setup(page);
  await page.goto(`${base}${query}`);
  await waitForFirstFrame(page);
  return { context, page, errors, paths };
}

test('the start page does not download the lazy chunks; the dashboard does when opened', async () => {
  const { context, page, errors, paths } = await open('?lang=en');
  await page.waitForTimeout(300);
  assert.ok(paths.some((p) => /_bg\.wasm$/.test(p)), `main wasm: ${paths}`);
  assert.ok(paths.some((p) => /^\/redmap-split-.*\.js$/.test(p)), `loader module: ${paths}`);
  assert.deepEqual(paths.filter(isViewPart), [], 'no view chunk at start');

  const before = paths.length;
  await page.getByRole('button', { name: 'Open the coverage dashboard' }).click();
  await page.locator('.dash-card').first().waitFor({ timeout: 30000 });
  const loaded = paths.slice(before).filter(isChunk);
  assert.ok(loaded.some((p) => p.startsWith('/split_dashboard-')), `dashboard chunk: ${loaded}`);
  assert.ok(!loaded.some((p) => p.startsWith('/split_trip-')), `not the trip chunk: ${loaded}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a chunk that fails to download shows a message; Try again loads it', async () => {
  let block = true;
  const { context, page, errors, paths } = await open('?lang=en', (page) =>
    page.route(/\/split_dashboard-[^/]*\.wasm$/, (route) => (block ? route.abort() : route.continue())));
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
  assert.equal(paths.filter((p) => p.startsWith('/split_dashboard-')).length, 2, 'fetched again');
  // Only the aborted download is logged (by the loader and by the browser).
  assert.ok(errors.every((e) => /split_dashboard|Failed to load|Failed to fetch|net::ERR_FAILED/.test(e)), errors.join('\n'));
  await context.close();
});

test('the trip planner downloads its chunk when the first stop is added', async () => {
  const { context, page, paths } = await open('?lang=en&site=nanhai-county-committee-site');
  await page.waitForTimeout(300);
  assert.deepEqual(paths.filter(isViewPart), []);
  await page.locator('.add-to-trip').first().click();
  await page.locator('.trip-panel .trip-stops').waitFor({ timeout: 20000 });
  assert.ok(paths.some((p) => p.startsWith('/split_trip-')), `trip chunk: ${paths.filter(isChunk)}`);
  await context.close();
});

test('the file importers download their chunk when the first file is opened', async () => {
  const { context, page, paths, errors } = await open('?lang=zh');
  await page.waitForTimeout(300);
  assert.deepEqual(paths.filter(isViewPart), []);
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
