// The app on a phone, and defects a review found: the side panel comes in a few files and
// before the lower-priority downloads; search results leave the map's zoom buttons free; the
// field-trip handout is readable at 390×844 (and still an A4 page in print); the thematic
// map's values never print over each other and its "not drawn" list is in English under
// lang=en; a precision ring as big as the screen does not veil the map.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { useApp, openApp, desktop, phone } from './harness.mjs';

const SHOTS = new URL('../../target/screenshots/', import.meta.url);
const app = useApp();
before(() => fs.mkdir(SHOTS, { recursive: true }));
const shot = (page, name) => page.screenshot({ path: new URL(name, SHOTS).pathname });

async function withPage(options, query, fn) {
  const context = await app.browser.newContext({ locale: 'zh-CN', ...options });
  try {
    const page = await openApp(context, app.base, query);
    await fn(page, context);
    assert.deepEqual(page.errors, [], 'no uncaught errors');
  } finally {
    await context.close();
  }
}

const overlap = (a, b) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the side panel comes in a few files, before pinyin and the activities', async () => {
  await withPage(phone, '', async (page) => {
    await page.locator('.side-panel').getByRole('heading').first().waitFor();
    // (The base map is one small binary file, basemap.bin, fetched at once with the points.)
    await page.waitForFunction(() => ['pinyin.bin', 'activities.json']
      .every((f) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(f))));
    const entries = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })));
    const panel = entries.filter((e) => /^\/split_side_panel-/.test(e.path));
    assert.equal(panel.length, 1, 'the side panel part');
    const shared = entries.filter((e) => /^\/chunks?_/.test(e.path));
    assert.ok(shared.every((e) => /^\/chunks_[a-z_]+-[0-9a-f]{16}\.wasm$/.test(e.path)),
      `shared code comes packed, not as chunk_<n>.wasm: ${shared.map((e) => e.path)}`);
    // The side panel needs its part and two files of shared chunks (fetched together).
    const panelIn = Math.max(...panel.map((e) => e.end));
    // The map's overlays (`late`) and the data reader (`read_data`) are fetched at the same
    // moment, each as its part and one bundle of its own.
    const wasm = entries.filter((e) => /\.wasm$/.test(e.path) && e.start <= panelIn && !/_bg\.wasm$/.test(e.path));
    const alongside = /^\/(split|chunks)_(late|read_data)-/;
    const withPanel = wasm.filter((e) => !alongside.test(e.path));
    assert.ok(withPanel.length <= 4, `files fetched up to the side panel: ${withPanel.map((e) => e.path)}`);
    assert.ok(wasm.length - withPanel.length <= 4, `the overlays' and reader's files: ${wasm.map((e) => e.path)}`);
    for (const file of ['pinyin.bin', 'activities.json']) {
      const e = entries.find((x) => x.path.endsWith(file));
      assert.ok(e.start >= panelIn - 1, `${file} starts after the side panel is in (${e.start} < ${panelIn})`);
    }
  });
});

test('on a phone, search results leave the zoom buttons visible and usable', async () => {
  await withPage(phone, '', async (page) => {
    const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
    await box.fill('纪念');
    await page.getByRole('option').first().waitFor();
    const results = await page.getByRole('listbox').boundingBox();
    await shot(page, 'phone-search-results.png');
    for (const name of ['放大', '缩小']) {
      const button = page.getByRole('button', { name, exact: true });
      const b = await button.boundingBox();
      assert.ok(!overlap(results, b), `the results (${JSON.stringify(results)}) cover "${name}" (${JSON.stringify(b)})`);
      const onTop = await button.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
      });
      assert.ok(onTop, `"${name}" is not under anything`);
    }
    // Zooming in with the results open works, and the results stay.
    const before = await page.evaluate(() => new URL(location.href).searchParams.get('v'));
    await page.getByRole('button', { name: '放大', exact: true }).click();
    await page.waitForFunction((v) => new URL(location.href).searchParams.get('v') !== v, before);
  });
});

// The four stops of a walking trip in Nanhai, opened on its handout.
const TRIP = '?lang=en&trip=1~w~0900~~20261122~~nanhai-county-committee-site~chen-qiyuan-memorial-hall'
  + '~xiqiaoshan-anti-japanese-memorial~qiandenghu-park&handout=1';

test('the handout is readable on a phone, and still an A4 table in print', async () => {
  await withPage(phone, TRIP, async (page) => {
    const handout = page.getByRole('dialog', { name: /Field trip/ });
    await handout.waitFor();
    const map = handout.getByRole('img', { name: 'Map of the trip' });
    await map.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(4500); // the last snapshot, once the base map is in
    await shot(page, 'phone-handout.png');
    const look = await page.evaluate(() => {
      const pageBox = document.querySelector('.handout-page').getBoundingClientRect();
      const img = document.querySelector('.handout-map');
      const cells = [...document.querySelectorAll('.handout-table tbody th, .handout-table tbody td')];
      return {
        page: pageBox.width,
        sideways: document.querySelector('.handout').scrollWidth - document.querySelector('.handout').clientWidth,
        inside: pageBox.left >= 0 && pageBox.right <= innerWidth,
        overflow: document.querySelector('.handout-page').scrollWidth - document.querySelector('.handout-page').clientWidth,
        outside: cells.filter((c) => c.getBoundingClientRect().right > pageBox.right + 0.5).length,
        smallest: Math.min(...cells.map((c) => parseFloat(getComputedStyle(c).fontSize))),
        map: { w: img.naturalWidth, h: img.naturalHeight, shown: img.getBoundingClientRect().width },
      };
    });
    assert.ok(look.page >= 370, `the page uses the phone's width (${look.page} px)`);
    assert.ok(look.overflow <= 1 && look.outside === 0, `nothing runs off the page: ${JSON.stringify(look)}`);
    assert.ok(look.sideways <= 0 && look.inside, `the page fits the screen's width: ${JSON.stringify(look)}`);
    assert.ok(look.smallest >= 14, `text is at least 14 px (${look.smallest})`);
    // The map is cut to the trip, not the phone's tall strip of canvas.
    assert.ok(look.map.w > look.map.h, `the map is landscape (${look.map.w}x${look.map.h})`);
    assert.ok(look.map.shown >= look.page - 40, `the map fills the page's width (${look.map.shown} px)`);
    // The stops are still a table to a screen reader, with its column headers.
    assert.equal(await handout.getByRole('row').count(), 5);
    assert.equal(await handout.getByRole('columnheader', { name: 'Arrive' }).count(), 1);

    // In print: the six-column table on an A4 page, as before.
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => ({
      row: getComputedStyle(document.querySelector('.handout-table tbody tr')).display,
      head: getComputedStyle(document.querySelector('.handout-table thead')).display,
      toolbar: getComputedStyle(document.querySelector('.handout-toolbar')).display,
    }));
    assert.deepEqual(print, { row: 'table-row', head: 'table-header-group', toolbar: 'none' });
  });
});

test('the English thematic map: no value over another, and the "not drawn" list in English', async () => {
  for (const options of [desktop, phone]) {
    await withPage(options, '?lang=en&view=dashboard', async (page) => {
      await page.getByRole('button', { name: 'Sites', exact: true }).click();
      const legend = page.getByRole('region', { name: 'Sites by county or district' });
      await legend.waitFor();
      await page.locator('svg.thematic-layer circle').first().waitFor();
      await page.waitForTimeout(800); // the camera's fit to the circles
      const notDrawn = (await legend.getByText(/not drawn/).textContent()).trim();
      assert.match(notDrawn, /^No position, not drawn: \S/);
      assert.doesNotMatch(notDrawn, /没有位置|未绘制|、/, notDrawn);
      const labels = await page.locator('svg.thematic-layer text.thematic-value')
        .evaluateAll((els) => els.map((e) => {
          const r = e.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height, text: e.textContent };
        }));
      assert.ok(labels.length > 0, 'some values are written');
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          assert.ok(!overlap(labels[i], labels[j]), `"${labels[i].text}" and "${labels[j].text}" overlap`);
        }
      }
      // Every circle keeps its value in its title (shown on hover), written or not.
      const titles = await page.locator('svg.thematic-layer g').evaluateAll((gs) => gs.map((g) => {
        const t = g.querySelector('title');
        return t && t.namespaceURI === 'http://www.w3.org/2000/svg' ? t.textContent : null;
      }));
      assert.ok(titles.length > 0 && titles.every((t) => /: ≥? ?[\d,]+$/.test(t ?? '')), titles.join(' | '));
    });
  }
});

test('a precision ring bigger than the screen does not veil the map', async () => {
  // Zoom 14 on 千灯湖 (±3000 m, placed at the 桂城 town point with other town- and
  // district-level sites, whose rings are wider still).
  await withPage(phone, '?lang=en&v=14/23.03625/113.1856', async (page) => {
    await page.waitForTimeout(1500);
    await shot(page, 'phone-rings-z14.png');
    const sample = () => page.evaluate(() => {
      const c = document.querySelector('canvas.map-canvas');
      const k = c.width / c.clientWidth;
      const ctx = c.getContext('2d');
      const out = [];
      for (let i = 1; i < 6; i++) {
        for (let j = 1; j < 6; j++) {
          const [r, g, b] = ctx.getImageData(Math.round(c.clientWidth * i / 6 * k), Math.round(c.clientHeight * j / 6 * k * 0.6), 1, 1).data;
          out.push([r, g, b]);
        }
      }
      return out;
    });
    const withRings = await sample();
    await page.getByRole('checkbox', { name: /^Sites \(\d+\)$/ }).setChecked(false);
    await page.waitForTimeout(500);
    const without = await sample();
    const diffs = withRings.map((p, i) => Math.max(...p.map((v, c) => Math.abs(v - without[i][c])))).sort((a, b) => a - b);
    const median = diffs[Math.floor(diffs.length / 2)];
    assert.ok(median <= 12, `the map under the rings changes by ${median} (of 255) in the middle of the samples: ${diffs}`);
  });
});

test('a file of shared chunks that fails to download is fetched again by "Try again"', async () => {
  // No service worker: the loader's later tries could go through it, out of the route's reach.
  const context = await app.browser.newContext({ locale: 'en', ...phone, serviceWorkers: 'block' });
  try {
    let block = true;
    const fetched = [];
    await context.route(/\/chunks_side_panel-[0-9a-f]+\.wasm$/, (route) => {
      fetched.push(route.request().url());
      return block ? route.abort() : route.continue();
    });
    // Not openApp: the data reader needs this file too, so the sites are not read yet.
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(String(e)));
    await page.goto(`${app.base}?lang=en`);
    const panel = page.locator('.side-panel');
    await panel.locator('.chunk-error[role=alert]').waitFor({ timeout: 20_000 });
    block = false;
    await panel.getByRole('button', { name: 'Try again' }).click();
    // The panel's sections come in. (The data reader needs this file too; the loader tried it
    // as often as the panel's, so it failed with it, and the page says to reload instead of
    // going blank.)
    await panel.getByRole('button', { name: 'Import data…' }).waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.load-error').innerText(), /reads data files could not be downloaded/);
    // (Search's prefetch, which starts once the panel has failed, may ask for it too.)
    assert.ok(fetched.length >= 2, `fetched again after the failure: ${fetched}`);
    // Only the aborted download was an error.
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('on a phone, the zoom buttons keep the selected site in view and show its ring note at z15', async () => {
  // 陈启沅纪念馆, placed at the 西樵镇 town point (±5 km), opened by a link: selected, in
  // the part of the map the sheet leaves visible. The canvas's centre is under the sheet:
  // zooming about it sent the site off the screen, and its ring and note with it.
  const site = { lon: 112.96738, lat: 22.94614 };
  await withPage(phone, '?lang=en&site=chen-qiyuan-memorial-hall', async (page) => {
    const view = () => page.evaluate(() => new URL(location.href).searchParams.get('v'));
    await page.waitForFunction(() => new URL(location.href).searchParams.get('v')?.startsWith('12'), null, { timeout: 10_000 });
    for (let k = 0; k < 3; k++) {
      const before = await view();
      await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
      await page.waitForFunction((v) => new URL(location.href).searchParams.get('v') !== v, before);
      await page.waitForTimeout(400);
    }
    await page.waitForTimeout(800);
    const [zoom, lat, lon] = (await view()).split('/').map(Number);
    assert.ok(Math.abs(zoom - 15) < 0.01, `zoom ${zoom}`);
    await shot(page, 'phone-zoom-buttons-z15.png');
    const look = await page.evaluate(({ site, zoom, lat, lon }) => {
      const c = document.querySelector('canvas.map-canvas');
      const merc = (p) => [(p.lon + 180) / 360, (1 - Math.log(Math.tan(Math.PI / 4 + (p.lat * Math.PI) / 360)) / Math.PI) / 2];
      const [sx, sy] = merc(site);
      const [cx, cy] = merc({ lon, lat });
      const world = 256 * 2 ** zoom;
      const at = { x: c.clientWidth / 2 + (sx - cx) * world, y: c.clientHeight / 2 + (sy - cy) * world };
      const sheet = document.querySelector('.side-panel, aside')?.getBoundingClientRect().top ?? c.clientHeight;
      const ctx = c.getContext('2d');
      const s = c.width / c.clientWidth;
      const px = (x, y) => Array.from(ctx.getImageData(Math.round(x * s), Math.round(y * s), 1, 1).data);
      const y = Math.min(c.clientHeight, sheet) * 0.3;
      return { at, w: c.clientWidth, h: c.clientHeight, sheet, edge: px(c.clientWidth - 4, y), inside: px(c.clientWidth - 30, y) };
    }, { site, zoom, lat, lon });
    // The site stays where it was: on screen, above the sheet.
    assert.ok(look.at.x > 0 && look.at.x < look.w && look.at.y > 0 && look.at.y < Math.min(look.h, look.sheet),
      `the selected site is at ${JSON.stringify(look.at)} (canvas ${look.w}x${look.h}, sheet from ${look.sheet})`);
    // Its ±5 km ring encloses the view: the edge band (as at z15 opened by a link).
    const redness = ([r, g, b]) => r - (g + b) / 2;
    assert.ok(redness(look.edge) > redness(look.inside) + 8, `edge ${look.edge} inside ${look.inside}`);
  });
});
