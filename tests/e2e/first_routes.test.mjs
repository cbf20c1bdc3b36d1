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
import { useApp, openPage, waitForFirstFrame, screenshot, phone } from './harness.mjs';

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
  if (body && how === 'movednolines' && file === 'dataset.json') {
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

/** Pixels of the map canvas in the routes' colour (ROUTE_COLOR #b71c1c, src/ui/map/style.rs). */
const routePixels = (page) => page.evaluate(() => {
  const canvas = document.querySelector('canvas.map-canvas');
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - 0xb7) <= 6 && Math.abs(d[i + 1] - 0x1c) <= 6 && Math.abs(d[i + 2] - 0x1c) <= 6) n++;
  }
  return n;
});

/** The first frame as it stays when the reader never comes (its download is refused). */
async function firstFrameOnly(url, options) {
  const { context, page } = await openPage(app.browser, 'about:blank', options);
  await page.route(/\/split_read_data-[0-9a-f]+\.wasm$/, (route) => route.abort());
  await page.goto(url);
  await waitForFirstFrame(page);
  await page.locator('.load-error').waitFor({ timeout: 30000 });
  return { context, page };
}

for (const [name, options] of [['1280x800', undefined], ['390x844', phone]]) {
  test(`at ${name}: the routes are in the first frame, drawn as the routes read are`, async () => {
    const first = await firstFrameOnly(`${app.base}?lang=en`, options);
    const before = await routePixels(first.page);
    await screenshot(first.page, `first-routes-first-frame-${name}.png`);
    await first.context.close();
    const { context, page, errors } = await openPage(app.browser, `${app.base}?lang=en`, options);
    await loaded(page);
    const after = await routePixels(page);
    await screenshot(page, `first-routes-settled-${name}.png`);
    assert.ok(before > 300, `the routes are drawn in the first frame: ${before} route pixels`);
    // The same lines in the same view (site labels drawn later may cover a few pixels).
    assert.ok(Math.abs(before - after) <= after * 0.03, `first frame ${before} vs settled ${after} route pixels`);
    assert.doesNotMatch(await issuesText(page), /routes\.lines/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('lines that no longer match routes.geojson are replaced by the routes read, and reported', async () => {
  const url = `${app.base}?lang=en&data=/rt-moved/dataset.json`;
  const { context, page } = await openPage(app.browser, url);
  await loaded(page);
  assert.match(await issuesText(page),
    /routes\.lines.*made from another version of routes\.geojson \(the map showed other routes/);
  // What stays on the map is the routes read: as drawn with no lines file at all.
  const settled = await routePixels(page);
  const plain = await openPage(app.browser, `${app.base}?lang=en&data=/rt-movednolines/dataset.json`);
  await loaded(plain.page);
  assert.doesNotMatch(await issuesText(plain.page), /routes\.lines/);
  const replaced = await routePixels(plain.page);
  assert.ok(Math.abs(settled - replaced) <= replaced * 0.03, `settled ${settled} vs read ${replaced}`);
  await plain.context.close();
  await context.close();
});

test('lines made from a routes.geojson of another length are not drawn, and reported', async () => {
  const first = await firstFrameOnly(`${app.base}?lang=en&data=/rt-longer/dataset.json`);
  assert.equal(await routePixels(first.page), 0, 'no routes before they are read');
  await first.context.close();
  const { context, page, errors } = await openPage(app.browser, `${app.base}?lang=en&data=/rt-longer/dataset.json`);
  await loaded(page);
  assert.match(await issuesText(page),
    /routes\.lines.*not used \(made from a routes\.geojson of \d+ bytes, but it has \d+ now: stale\)/);
  assert.ok(await routePixels(page) > 300, 'the routes read are drawn');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken routes.lines is not used: the routes come once read', async () => {
  const first = await firstFrameOnly(`${app.base}?lang=en&data=/rt-broken/dataset.json`);
  assert.equal(await routePixels(first.page), 0, 'no routes before they are read');
  assert.ok(await first.page.evaluate(() => performance.getEntriesByName('redmap:points-preview').length) === 1,
    'the sites are still drawn first from sites.points');
  await first.context.close();
  const { context, page } = await openPage(app.browser, `${app.base}?lang=en&data=/rt-broken/dataset.json`);
  await loaded(page);
  assert.match(await issuesText(page), /routes\.lines.*not used \(.*byte/);
  assert.ok(await routePixels(page) > 300, 'the routes read are drawn');
  await context.close();
});
