// Hostile and broken input, as a user would meet it: a dataset full of script-injection
// payloads (fixtures/hostile/, made by make.py) loaded with ?data=, and malformed, oversized
// or unknown URL parameters. Nothing may run (no dialog, window.__pwned unset, no new
// <script>/<iframe> or on* attribute), the text shows literally, only http(s) links are
// links; a bad URL gives a message and the default view, never a blank page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp, desktop, distDir, waitForFirstFrame, screenshot } from './harness.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'hostile');
const read = (f) => JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8'));
const sites = read('sites.geojson').features.map((f) => f.properties);
const foreign = read('foreign.geojson').features;

const app = useApp({
  extra: (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith('/hostile/')) return false;
    const file = path.join(fixtures, path.basename(url.pathname));
    if (!fs.existsSync(file)) return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(fs.readFileSync(file));
    return true;
  },
});

/** Opens `query` and records dialogs, console errors and uncaught exceptions. */
async function open(query, options = desktop, prepare = null, rawQuery = '') {
  const context = await app.browser.newContext({ locale: 'zh-CN', ...options });
  const page = await context.newPage();
  const seen = { dialogs: [], errors: [] };
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  if (prepare) await prepare(page);
  await page.goto(app.base + query + rawQuery);
  return { context, page, seen };
}

/** What could run in the page: scripts, frames, inline handlers, script URLs. */
function executable(page) {
  return page.evaluate(() => ({
    scripts: document.scripts.length,
    frames: document.querySelectorAll('iframe, object, embed').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
    badUrls: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '')
      .filter((u) => /^[\s\0-\x1f]*(javascript|vbscript|data:text)/i.test(u)),
  }));
}

/** Nothing ran, and nothing that could run was added since `before` (the app's own page). */
async function assertNothingRan(page, seen, before) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a payload ran');
  assert.deepEqual(seen.dialogs, [], 'a dialog opened');
  assert.deepEqual(await executable(page), before);
  assert.deepEqual(before.badUrls, []);
  assert.equal(before.frames, 0);
  assert.deepEqual(seen.errors, []);
}

const exact = (text) => ({ name: text, exact: true });

test('a dataset of script-injection payloads shows as literal text and runs nothing', async () => {
  const { context, page, seen } = await open('?data=/hostile/dataset.json&v=13/23.0/113.1&list=name');
  await waitForFirstFrame(page);
  const before = await executable(page);
  assert.match(await page.getByRole('application').getAttribute('aria-label'), /7 个地点/);

  // The list shows every name as text.
  const list = page.getByRole('list', { name: '地点列表' });
  for (const s of sites.slice(0, 4)) {
    await list.getByText(s.name, { exact: true }).waitFor();
  }

  // The tooltip over the first site (at the centre of the view) shows its name literally.
  const box = await page.getByRole('application').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tooltip = page.getByRole('tooltip');
  await tooltip.waitFor();
  assert.equal(await tooltip.textContent(), sites[0].name);

  // The details: every field as text; only the real https link is a link.
  await list.getByText(sites[0].name, { exact: true }).click();
  const panel = page.getByRole('complementary');
  const heading = panel.locator('#details-heading');
  await heading.waitFor();
  assert.equal(await heading.textContent(), sites[0].name);
  for (const text of [sites[0].address, sites[0].summary, sites[0].precision.note]) {
    await panel.getByText(text, { exact: true }).first().waitFor();
  }
  const source = sites[0].sources[0];
  await panel.locator('li').filter({ hasText: `${source.doc}: ${source.says}` }).first().waitFor();
  for (const name of [/JS link/, /data link/]) {
    assert.equal(await panel.getByRole('link', { name }).count(), 0, `${name} must not be a link`);
  }
  const real = panel.getByRole('link', { name: /real link/ });
  assert.equal(await real.count(), 1);
  assert.equal(await real.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await real.getAttribute('target'), '_blank');
  assert.match(await real.getAttribute('href'), /^https:\/\/example\.org\//);
  assert.equal(await real.textContent(), sites[0].links[3].title);
  // The selected id (a payload) is kept in the URL as data, percent-encoded.
  assert.equal(new URL(page.url()).searchParams.get('site'), sites[0].id);
  await screenshot(page, 'hostile-1280x800.png');

  // Search finds the payloads and lists them as text.
  const search = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
  await search.fill('pwned');
  const option = page.getByRole('option', { name: sites[1].name }).first();
  await option.waitFor();
  assert.match(await option.textContent(), /<script>window\.__pwned=2;alert\(2\)<\/script>/);
  await screenshot(page, 'hostile-search.png');
  await search.press('Escape');

  // The problems list names the javascript: links, as text.
  const issues = page.getByText(/数据问题 \(\d+\)/);
  await issues.waitFor();
  await page.getByText(/link "javascript:window\.__pwned=8;alert\(8\)" is not an http\(s\) URL/).first()
    .waitFor({ state: 'attached' });

  // The 10 000-character name and the bidi override do not break the layout.
  await list.getByText(sites[4].name, { exact: true }).click();
  await heading.filter({ hasText: 'long-ABCDEFGHIJ' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await list.getByText(sites[5].name, { exact: true }).click();
  await heading.filter({ hasText: 'evil.exe' }).waitFor();
  assert.equal(await heading.textContent(), sites[5].name);

  await assertNothingRan(page, seen, before);
  await context.close();
});

test('every site opens from a permalink with its hostile id', async () => {
  const { context, page, seen } = await open('?data=/hostile/dataset.json');
  await waitForFirstFrame(page);
  const before = await executable(page);
  for (const s of sites.slice(0, 3)) {
    await page.goto(`${app.base}?data=/hostile/dataset.json&site=${encodeURIComponent(s.id)}`);
    const heading = page.locator('#details-heading');
    await heading.filter({ hasText: s.name.slice(0, 20) }).waitFor();
    assert.equal(await heading.textContent(), s.name);
  }
  await assertNothingRan(page, seen, before);
  await context.close();
});

test('a foreign GeoJSON with payloads in property names and ids shows them as text', async () => {
  const { context, page, seen } = await open('?data=/hostile/foreign.geojson&site=' +
    encodeURIComponent(foreign[0].id));
  const panel = page.getByRole('complementary');
  const heading = panel.locator('#details-heading');
  await heading.waitFor();
  const before = await executable(page);
  assert.equal(await heading.textContent(), foreign[0].properties.name);
  const key = Object.keys(foreign[0].properties)[1];
  const table = panel.locator('.kv-table');
  await table.getByRole('rowheader', exact(key)).waitFor();
  await table.getByRole('cell', exact(foreign[0].properties[key])).waitFor();
  await table.getByRole('cell', exact('javascript:window.__pwned=18')).waitFor();
  assert.equal(await panel.getByRole('link').count(), 0);
  await assertNothingRan(page, seen, before);
  await context.close();
});

test('malformed, oversized and unknown URL values give a message and the default view', async () => {
  const huge = 'x'.repeat(100 * 1024);
  const queries = [
    `?v=${huge}&site=${huge}&kind=${huge}&trip=${huge}&theme=${huge}`,
    '?v=NaN/1/1&lang=fr&kind=musem&date=2021-13/2021-99&has=maybe&site=%00%01',
    '?v=1e308/-1e308/1e308&data=javascript:window.__pwned=1&route=',
    '?data=data:application/json,{}&v=3/95/190&list=<img src=x onerror=window.__pwned=1>',
    '?trip=1~w~0900~~~<script>window.__pwned=1</script>~a&v=%E0%A4%A&zoom=%',
  ];
  const index = fs.readFileSync(path.join(distDir, 'index.html'));
  for (const q of queries) {
    const { context, page, seen } = await open('', desktop, async (p) => {
      // Node's server refuses request lines over 16 KB; the browser takes the long URL.
      await p.route((url) => url.search.length > 8000, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: index }));
    }, q);
    await waitForFirstFrame(page);
    const before = await executable(page);
    // The bundled data at the default view: all 20 sites, the map drawn.
    assert.match(await page.getByRole('application').getAttribute('aria-label'), /20 个地点/, q.slice(0, 80));
    // A notice at the top of the panel says so; the list has every problem.
    const notice = page.getByRole('status').filter({ hasText: /链接中有 \d+ 处无法使用/ });
    await notice.waitFor();
    assert.ok((await notice.textContent()).length < 400);
    if (q === queries[1]) await screenshot(page, 'bad-link-notice.png');
    await page.getByText(/数据问题 \(\d+\)/).waitFor();
    const problems = await page.locator('.issues li').allTextContents();
    assert.ok(problems.some((p) => p.startsWith('警告URL: ')), `${q.slice(0, 80)}: ${problems}`);
    const long = problems.filter((p) => p.length > 300).map((p) => p.slice(0, 200));
    assert.deepEqual(long, [], 'a message quotes at most a short part');
    await assertNothingRan(page, seen, before);
    await context.close();
  }
});
