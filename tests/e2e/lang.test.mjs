// One language per UI (a QA review found English in the Chinese UI and Chinese in the
// English one), and the phone cut-offs it found.
//
// What is allowed, exactly:
// - Chinese UI: no Latin letter at all in the position note; elsewhere in the details panel a
//   Latin letter only inside an element marked lang="en" (the English name under the heading,
//   English runs of a quoted source) or in a source's document id (`.source-doc`: a file
//   name such as 004_….txt or a catalogue id such as "GeoNames 1784853").
// - English UI: no Chinese character in the theme filter, the region filter, the routes'
//   themes or the thematic legend's "not drawn" list; in the details panel a Chinese
//   character only inside an element marked lang="zh-CN" (the Chinese name, the address,
//   quoted sources).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { useApp, openApp, desktop, phone, readGeodata } from './harness.mjs';

const SHOTS = new URL('../../target/screenshots/', import.meta.url);
const app = useApp();
before(() => fs.mkdir(SHOTS, { recursive: true }));
const shot = (page, name) => page.screenshot({ path: new URL(name, SHOTS).pathname });
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]/;

async function withPage(options, query, fn) {
  const context = await app.browser.newContext({ locale: 'zh-CN', ...options });
  try {
    const page = await openApp(context, app.base, query);
    await fn(page);
    assert.deepEqual(page.errors, [], 'no uncaught errors');
  } finally {
    await context.close();
  }
}

/** Text nodes under `selector` matching `pattern` that are not inside `allowed`. */
const strays = (page, selector, pattern, allowed) => page.evaluate(([selector, source, allowed]) => {
  const re = new RegExp(source);
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (re.test(n.textContent) && !n.parentElement.closest(allowed)) out.push(n.textContent.trim());
  }
  return out;
}, [selector, pattern.source, allowed]);

const HQ = 'ye-ting-independent-regiment-hq';

test('the Chinese details: the position note in Chinese, any English marked as such', async () => {
  const facts = readGeodata('sites.geojson').features.find((f) => f.properties.id === HQ).properties;
  await withPage(desktop, `?lang=zh&site=${HQ}`, async (page) => {
    const details = page.locator('.details');
    await details.getByRole('heading', { name: facts.name }).waitFor();
    await details.locator('.activity-list li').first().waitFor();
    const note = (await details.locator('.precision-note').textContent()).trim();
    assert.ok(note.includes(facts.precision.note_zh), note);
    assert.doesNotMatch(note, LATIN, `Latin text in the Chinese position note: ${note}`);
    assert.match(note, /±3,000 米/);
    // The weekly 铁军讲堂: its recurrence in Chinese.
    await details.getByText(/每周/).first().waitFor();
    assert.deepEqual(await strays(page, '.details', LATIN, '[lang="en"], .source-doc'), []);
    // The English name is there, and marked.
    assert.equal(await details.locator('.name-en').getAttribute('lang'), 'en');
    await shot(page, 'lang-details-zh-1280x800.png');
  });
});

test('the English details: the English note, Chinese only where marked', async () => {
  const facts = readGeodata('sites.geojson').features.find((f) => f.properties.id === HQ).properties;
  await withPage(desktop, `?lang=en&site=${HQ}`, async (page) => {
    const details = page.locator('.details');
    await details.getByRole('heading', { name: facts.name_en }).waitFor();
    await details.locator('.activity-list li').first().waitFor();
    const note = (await details.locator('.precision-note').textContent()).trim();
    assert.ok(note.includes(facts.precision.note.replace(/\s+/g, ' ')), note);
    await details.getByText(/weekly/).first().waitFor();
    assert.deepEqual(await strays(page, '.details', HAN, '[lang="zh-CN"]'), []);
    // 端州 in the English note is marked Chinese.
    assert.match(await details.locator('.precision-note [lang="zh-CN"]').first().textContent(), /^端州/);
  });
});

test('the English filters, routes and thematic legend have no Chinese', async () => {
  await withPage(desktop, '?lang=en', async (page) => {
    const themes = await page.locator('#filter-theme option').evaluateAll((os) => os.map((o) => o.textContent));
    assert.ok(themes.length > 10, themes.join(' | '));
    assert.deepEqual(themes.filter((t) => HAN.test(t)), [], 'Chinese in the theme filter');
    assert.ok(themes.includes('Long March'), themes.join(' | '));
    const regions = await page.locator('#filter-region option').evaluateAll((os) => os.map((o) => o.textContent));
    assert.deepEqual(regions.filter((t) => HAN.test(t)), [], 'Chinese in the region filter');
    // Choosing a theme by its English name filters by the data's value (kept in the URL).
    await page.locator('#filter-theme').selectOption({ label: 'Long March' });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === '长征');
    const routeThemes = await page.locator('.route-meta').allTextContents();
    assert.ok(routeThemes.some((t) => /Long March · Red 2nd and 6th Army Corps/.test(t)), routeThemes.join(' | '));
    assert.deepEqual(routeThemes.filter((t) => HAN.test(t)), [], 'Chinese in the routes panel');
  });
  await withPage(desktop, '?lang=en&view=dashboard', async (page) => {
    await page.getByRole('button', { name: 'Sites', exact: true }).click();
    const legend = page.getByRole('region', { name: 'Sites by county or district' });
    await legend.waitFor();
    const notDrawn = (await legend.getByText(/not drawn/).textContent()).trim();
    assert.equal(notDrawn, 'No position, not drawn: Yuexiu District 1');
    assert.doesNotMatch(await legend.textContent(), HAN);
  });
});

test('the Chinese UI: themes and routes in Chinese, distances in 米/公里', async () => {
  await withPage(desktop, `?lang=zh&site=${HQ}`, async (page) => {
    const themes = await page.locator('#filter-theme option').evaluateAll((os) => os.map((o) => o.textContent));
    assert.ok(themes.includes('长征'));
    assert.deepEqual(themes.filter((t) => LATIN.test(t)), []);
    const nearby = await page.locator('.nearby-list').textContent();
    assert.doesNotMatch(nearby, /\bk?m\b/, nearby);
  });
});

/** The placeholder's text width (at its own font) and the room the input gives it, px. */
const placeholderFit = (page) => page.locator('.search-input').evaluate((input) => {
  const ph = getComputedStyle(input, '::placeholder');
  const cs = getComputedStyle(input);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${ph.fontWeight} ${ph.fontSize} ${ph.fontFamily}`;
  const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return { text: input.placeholder, width: ctx.measureText(input.placeholder).width, room };
});

test('on a phone the search placeholder shows whole, in both languages', async () => {
  for (const lang of ['zh', 'en']) {
    await withPage(phone, `?lang=${lang}`, async (page) => {
      const fit = await placeholderFit(page);
      assert.ok(fit.width <= fit.room, `"${fit.text}" is ${fit.width.toFixed(1)} px in ${fit.room.toFixed(1)} px`);
      // And the header's buttons stay whole on the screen.
      for (const b of await page.locator('.app-header .header-button').all()) {
        const box = await b.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= 390, `${await b.textContent()}: ${JSON.stringify(box)}`);
      }
      await shot(page, `lang-header-${lang}-390x844.png`);
    });
  }
});

test('on a phone the CSV preview fits the dialog: every row whole, no cell cut', async () => {
  await withPage(phone, '?lang=zh', async (page) => {
    await page.getByLabel('选择要导入的文件').setInputFiles(new URL('./fixtures/organiser_gbk.csv', import.meta.url).pathname);
    const dialog = page.getByRole('dialog', { name: /organiser_gbk\.csv/ });
    await dialog.waitFor();
    const preview = dialog.locator('.import-preview');
    await preview.scrollIntoViewIfNeeded();
    const fit = await preview.evaluate((table) => {
      const wrap = table.closest('.import-table-wrap').getBoundingClientRect();
      const cells = [...table.querySelectorAll('tbody td')].map((td) => {
        const r = td.getBoundingClientRect();
        return { text: td.textContent, left: r.left, right: r.right, clipped: td.scrollWidth > td.clientWidth + 1 };
      });
      return { wrap: { left: wrap.left, right: wrap.right }, tableScroll: table.scrollWidth, tableWidth: table.clientWidth, cells };
    });
    assert.ok(fit.cells.length >= 6, 'the preview rows are there');
    assert.ok(fit.tableScroll <= fit.tableWidth + 1, `the preview is ${fit.tableScroll} px wide in ${fit.tableWidth} px`);
    for (const c of fit.cells) {
      assert.ok(c.left >= fit.wrap.left - 1 && c.right <= fit.wrap.right + 1, `"${c.text}" runs out of the dialog: ${c.left}..${c.right}`);
      assert.ok(!c.clipped, `"${c.text}" is cut`);
    }
    await page.screenshot({ path: new URL('lang-import-preview-390x844.png', SHOTS).pathname });
  });
});
