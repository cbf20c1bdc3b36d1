// `sites.points` (issue 4): the map's first frame is drawn from the compact points file, then
// sites.geojson is read and the panels get the sites; a stale or broken points file never
// shows wrong sites for long and is reported. Data: a small SYNTHETIC dataset made by
// redmap-synth (which writes sites.points) into target/e2e-points/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, waitForFirstFrame } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'target', 'e2e-points');
let server, base, browser, geojson;

/** Serves the generated dataset under /pts/, with variants of its files under /pts-<how>/. */
function data(req, res) {
  const m = new URL(req.url, 'http://x').pathname.match(/^\/pts(-[a-z]+)?\/([a-z.]+)$/);
  if (!m) return false;
  const [, how, file] = m;
  let body = fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file)) : null;
  if (body && how === '-moved' && file === 'sites.geojson') {
    // Same length, one site 0.001° further east: the points file is stale, and only reading
    // the GeoJSON can tell.
    const text = body.toString('utf8');
    const at = text.indexOf('"coordinates":[') + '"coordinates":['.length;
    const digit = at + text.slice(at).search(/\.\d\d\d/) + 3;
    const next = String((Number(text[digit]) + 1) % 10);
    body = Buffer.from(text.slice(0, digit) + next + text.slice(digit + 1), 'utf8');
  }
  if (body && how === '-broken' && file === 'sites.points') body = body.subarray(0, 100);
  if (!body) { res.writeHead(404); res.end(); return true; }
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
  res.end(body);
  return true;
}

before(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync('cargo', ['run', '--quiet', '--bin', 'redmap-synth', '--', '--sites', '300', '--seed', '5', '--out', dir],
    { cwd: root, stdio: 'inherit' });
  geojson = JSON.parse(fs.readFileSync(path.join(dir, 'sites.geojson'), 'utf8'));
  ({ server, url: base } = await serve(undefined, data));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const loaded = (page) => page.waitForFunction(
  () => performance.getEntriesByName('redmap:data-loaded').length > 0, null, { timeout: 30000 });
const marks = (page) => page.evaluate(() => Object.fromEntries(
  ['redmap:points-preview', 'redmap:first-frame', 'redmap:sites:end', 'redmap:data-loaded']
    .map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? null])));
const issuesText = (page) => page.locator('.issues').innerText().catch(() => '');

test('the first frame comes from sites.points, then the sites are read and all is there', async () => {
  const { page, errors, context } = await openPage(browser, `${base}?data=/pts/dataset.json`);
  await waitForFirstFrame(page);
  await loaded(page);
  const m = await marks(page);
  assert.ok(m['redmap:points-preview'] != null, 'drawn from the points file');
  assert.ok(m['redmap:first-frame'] <= m['redmap:sites:end'], `first frame before the sites were read: ${JSON.stringify(m)}`);
  const map = page.getByRole('application');
  assert.equal(await map.getAttribute('data-site-count'), String(geojson.features.length));
  assert.doesNotMatch(await issuesText(page), /sites\.points/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a points file that no longer matches its GeoJSON is replaced on the map and reported', async () => {
  const { page, context } = await openPage(browser, `${base}?data=/pts-moved/dataset.json`);
  await waitForFirstFrame(page);
  await loaded(page);
  assert.ok((await marks(page))['redmap:points-preview'] != null);
  const map = page.getByRole('application');
  assert.equal(await map.getAttribute('data-site-count'), String(geojson.features.length));
  await page.locator('.issues summary').click().catch(() => {});
  assert.match(await issuesText(page), /sites\.points.*made from another version of sites\.geojson \(the map showed other sites/);
  await context.close();
});

test('a broken points file is not used: the sites are read first, as without one', async () => {
  const { page, context } = await openPage(browser, `${base}?data=/pts-broken/dataset.json`);
  await waitForFirstFrame(page);
  await loaded(page);
  assert.equal((await marks(page))['redmap:points-preview'], null);
  assert.equal(await page.getByRole('application').getAttribute('data-site-count'), String(geojson.features.length));
  await page.locator('.issues summary').click().catch(() => {});
  assert.match(await issuesText(page), /sites\.points.*not used/);
  await context.close();
});
