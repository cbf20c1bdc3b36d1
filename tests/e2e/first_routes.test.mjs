// The study routes are in the map's first frame (issue 2 moved all data reading after it): the
// start page draws them from geodata/routes.lines, in the style the routes read from
// routes.geojson have, so nothing changes on screen when those arrive. A stale or broken
// routes.lines is reported and never stays on the map: the routes read replace it.
// Variants of the bundled files are served under /rt-<how>/ (read with `?data=`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp, openPage, waitForFirstFrame, screenshot, desktop, phone } from './harness.mjs';

const geodata = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../geodata');

/** /rt-<how>/<file>: the bundled file, changed as <how> says. */
function variants(req, res) {
  const m = new URL(req.url, 'http://x').pathname.match(/^\/rt-([a-z]+)\/([a-z_]+\.[a-z]+)$/);
  if (!m) return false;
  const [, how, file] = m;
  const full = path.join(geodata, file);
  let body = fs.existsSync(full) ? fs.readFileSync(full) : null;
  if (body && file === 'routes.geojson') {
    const text = body.toString('utf8');
    // Same length, the first route's first point 0.01° further east: only reading can tell.
    if (how === 'moved' || how === 'movednolines') body = Buffer.from(text.replace('113.16,', '113.17,'), 'utf8');
    // Longer: the length the lines name says they are stale before anything is drawn.
    if (how === 'longer') body = Buffer.from(text.replace('113.16,', '113.161,'), 'utf8');
  }
  if (body && how === 'broken' && file === 'routes.lines') body = body.subarray(0, 40);
  if (body && (how === 'movednolines' || how === 'nolines') && file === 'dataset.json') {
    const manifest = JSON.parse(body.toString('utf8'));
    for (const layer of manifest.layers) delete layer.lines;
    body = Buffer.from(JSON.stringify(manifest), 'utf8');
  }
  if (!body) { res.writeHead(404); res.end(); return true; }
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
  res.end(body);
  return true;
}

const app = useApp({ extra: variants });

const loaded = (page) => page.waitForFunction(
  () => performance.getEntriesByName('redmap:data-loaded').length > 0, null, { timeout: 30000 });
const issuesText = async (page) => {
  await page.locator('.issues summary').click().catch(() => {});
  return page.locator('.issues').innerText().catch(() => '');
};

/** Deep red pixels of the map canvas: the routes (ROUTE_COLOR #b71c1c, src/ui/map/style.rs,
 *  also under the precision rings' pale fill) and the red site symbols. */
const redAt = (page) => page.evaluate(() => {
  const canvas = document.querySelector('canvas.map-canvas');
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const at = [];
  for (let i = 0; i < d.length; i += 4) {
    if (d[i] >= 140 && d[i + 1] <= 80 && d[i + 2] <= 80 && d[i] - d[i + 1] >= 90) at.push(i / 4);
  }
  return at;
});
/** How many of the canvas pixels `at` are grey to white or black (a label's text and halo). */
const greyAt = (page, at) => page.evaluate((at) => {
  const canvas = document.querySelector('canvas.map-canvas');
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  return at.filter((i) => Math.max(d[4 * i], d[4 * i + 1], d[4 * i + 2])
    - Math.min(d[4 * i], d[4 * i + 1], d[4 * i + 2]) <= 40).length;
}, at);
const routePixels = async (page) => (await redAt(page)).length;

/** Where the bundled routes are (Guangzhou, Foshan). */
const VIEW = 'v=9/23.1/113.0';

/** The first frame as it stays when the reader never comes (its download is refused). */
async function firstFrameOnly(url, options = desktop) {
  // No service worker: the loader's later tries could go through it, out of page.route's reach.
  const { context, page } = await openPage(app.browser, 'about:blank', { ...options, serviceWorkers: 'block' });
  await page.route(/\/split_read_data-[0-9a-f]+\.wasm$/, (route) => route.abort());
  await page.goto(url);
  await waitForFirstFrame(page);
  await page.locator('.load-error').waitFor({ timeout: 30000 });
  return { context, page };
}

for (const [name, options] of [['1280x800', undefined], ['390x844', phone]]) {
  test(`at ${name}: the routes are in the first frame, drawn as the routes read are`, async () => {
    const first = await firstFrameOnly(`${app.base}?lang=en&${VIEW}`, options);
    const before = await redAt(first.page);
    await screenshot(first.page, `first-routes-first-frame-${name}.png`);
    await first.context.close();
    // The same first frame without routes.lines: the sites alone.
    const bare = await firstFrameOnly(`${app.base}?lang=en&${VIEW}&data=/rt-nolines/dataset.json`, options);
    const sitesOnly = new Set(await redAt(bare.page));
    await bare.context.close();
    const { context, page, errors } = await openPage(app.browser, `${app.base}?lang=en&${VIEW}`, options);
    await loaded(page);
    const after = new Set(await redAt(page));
    await screenshot(page, `first-routes-settled-${name}.png`);
    const routes = before.filter((i) => !sitesOnly.has(i));
    assert.ok(routes.length > 150, `the routes are drawn in the first frame: ${routes.length} red pixels more than the sites alone`);
    // The same lines in the same place once the routes are read: nothing red is added, and
    // what goes is under the site labels drawn once the sites are read (grey text and halo).
    const goneAt = routes.filter((i) => !after.has(i));
    const gone = goneAt.length - (await greyAt(page, goneAt));
    const firstSet = new Set(before);
    const added = [...after].filter((i) => !firstSet.has(i)).length;
    assert.equal(added, 0, 'no red pixel appears when the data arrives');
    assert.ok(gone <= routes.length * 0.02,
      `${gone} of ${routes.length} route pixels changed when the data arrived (${goneAt.length} with those under labels)`);
    assert.doesNotMatch(await issuesText(page), /routes\.lines/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('lines that no longer match routes.geojson are replaced by the routes read, and reported', async () => {
  const url = `${app.base}?lang=en&${VIEW}&data=/rt-moved/dataset.json`;
  const { context, page } = await openPage(app.browser, url);
  await loaded(page);
  assert.match(await issuesText(page),
    /routes\.lines.*made from another version of routes\.geojson \(the map showed other routes/);
  // What stays on the map is the routes read: as drawn with no lines file at all.
  const settled = await routePixels(page);
  const plain = await openPage(app.browser, `${app.base}?lang=en&${VIEW}&data=/rt-movednolines/dataset.json`);
  await loaded(plain.page);
  assert.doesNotMatch(await issuesText(plain.page), /routes\.lines/);
  const replaced = await routePixels(plain.page);
  assert.equal(settled, replaced, 'the same pixels as the routes read with no lines file');
  await plain.context.close();
  await context.close();
});

test('lines made from a routes.geojson of another length are not drawn, and reported', async () => {
  const bare = await firstFrameOnly(`${app.base}?lang=en&${VIEW}&data=/rt-nolines/dataset.json`);
  const sitesOnly = await routePixels(bare.page);
  await bare.context.close();
  const first = await firstFrameOnly(`${app.base}?lang=en&${VIEW}&data=/rt-longer/dataset.json`);
  assert.equal(await routePixels(first.page), sitesOnly, 'no routes before they are read');
  await first.context.close();
  const { context, page, errors } = await openPage(app.browser, `${app.base}?lang=en&${VIEW}&data=/rt-longer/dataset.json`);
  await loaded(page);
  assert.match(await issuesText(page),
    /routes\.lines.*not used \(made from a routes\.geojson of \d+ bytes, but it has \d+ now: stale\)/);
  assert.ok(await routePixels(page) > sitesOnly + 150, 'the routes read are drawn');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken routes.lines is not used: the routes come once read', async () => {
  const bare = await firstFrameOnly(`${app.base}?lang=en&${VIEW}&data=/rt-nolines/dataset.json`);
  const sitesOnly = await routePixels(bare.page);
  await bare.context.close();
  const first = await firstFrameOnly(`${app.base}?lang=en&${VIEW}&data=/rt-broken/dataset.json`);
  assert.equal(await routePixels(first.page), sitesOnly, 'no routes before they are read');
  assert.ok(await first.page.evaluate(() => performance.getEntriesByName('redmap:points-preview').length) === 1,
    'the sites are still drawn first from sites.points');
  await first.context.close();
  const { context, page } = await openPage(app.browser, `${app.base}?lang=en&${VIEW}&data=/rt-broken/dataset.json`);
  await loaded(page);
  assert.match(await issuesText(page), /routes\.lines.*not used \(.*byte/);
  assert.ok(await routePixels(page) > sitesOnly + 150, 'the routes read are drawn');
  await context.close();
});
