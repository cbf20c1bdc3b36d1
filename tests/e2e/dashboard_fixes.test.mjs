// Dashboard defects found by the QA review of session 6, each checked as a user sees it:
// every grey range bar of the month chart is labelled and nothing is clipped (on screen and
// in the exported SVG/PNG), the region table fits a phone, month-only date ranges read at
// their precision in the site details, Esc out of fullscreen leaves presentation mode, and
// "show on map" on a phone puts the place above the bottom sheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useApp, openPage, desktop, phone, screenshot } from './harness.mjs';

const app = useApp();

async function openDashboard(options = desktop, lang = 'zh') {
  const opened = await openPage(app.browser, `${app.base}?view=dashboard&lang=${lang}`, options);
  await opened.page.getByRole('heading', { name: lang === 'zh' ? '统计看板' : 'Coverage dashboard' }).waitFor();
  await opened.page.locator('.dash-card').first().waitFor({ timeout: 30000 });
  return opened;
}

/** The boxes of the chart's x labels, in the SVG's coordinates, with their texts. */
function axisLabels(page) {
  return page.$$eval('#dash-month-chart text.axis-label', (els) => els.map((e) => {
    const b = e.getBBox();
    return { text: e.textContent, left: b.x, right: b.x + b.width, bar: e.closest('g').getAttribute('class') };
  }));
}

for (const [name, options, lang] of [['zh desktop', desktop, 'zh'], ['en phone', phone, 'en'], ['zh phone', phone, 'zh']]) {
  test(`month chart (${name}): every range bar keyed and spelled out, no label overlapping or clipped`, async () => {
    const { page, context } = await openDashboard(options, lang);
    await page.locator('#dash-months').scrollIntoViewIfNeeded();
    const width = Number(await page.locator('#dash-month-chart').getAttribute('width'));
    const labels = await axisLabels(page);
    const ranged = labels.filter((l) => l.bar.includes('ranged')).map((l) => l.text);
    // Four grey bars: the weekly lecture (recurring, *), the musical, the 60 study
    // sessions, the visits of 2021-03 – 2021-12; each has its key under it.
    assert.deepEqual(ranged, ['A', 'B*', 'C', 'D'], `every range bar labelled: ${JSON.stringify(labels)}`);
    for (let i = 1; i < labels.length; i++) {
      assert.ok(labels[i - 1].right <= labels[i].left + 0.5, `no overlap: ${JSON.stringify(labels.slice(i - 1, i + 1))}`);
    }
    assert.ok(labels[0].left >= 0 && labels.at(-1).right <= width + 0.5, `inside 0..${width}: ${JSON.stringify(labels)}`);
    // The keys are spelled out under the chart, with the records of each range.
    const keys = await page.locator('.dash-range-keys li').allTextContents();
    assert.equal(keys.length, 4);
    if (lang === 'zh') {
      assert.deepEqual(keys, [
        'A:日期仅知在 2021-02 – 2021-12 之间,1 条',
        'B*:2021-02 – 2021-12 期间反复进行,2 条',
        'C:日期仅知在 2021-03 – 2021-11 之间,1 条',
        'D:日期仅知在 2021-03 – 2021-12 之间,7 条',
      ]);
    } else {
      assert.match(keys[2], /^C: Date known only as 2021-03 – 2021-11, 1 record$/);
    }
    const list = await page.locator('.dash-range-keys').boundingBox();
    const viewport = page.viewportSize();
    assert.ok(list.x + list.width <= viewport.width, 'the key list fits the screen');
    // A range bar says what it is to a screen reader.
    assert.match(await page.locator('#dash-month-chart g.bar.ranged').nth(2).getAttribute('aria-label'),
      lang === 'zh' ? /^C 日期仅知在 2021-03 – 2021-11 之间: 1$/ : /^C Date known only as 2021-03 – 2021-11: 1$/);
    await page.locator('section[aria-labelledby="dash-months"]').screenshot({ path: `target/screenshots/fixdash-months-${lang}-${name.split(' ')[1]}.png` });

    // The SVG export: every caption line and label inside the picture (the PNG is drawn from it).
    const section = page.locator('section[aria-labelledby="dash-months"]');
    const [svg] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: /SVG/ }).click()]);
    const svgText = fs.readFileSync(await svg.path(), 'utf8');
    // Measured as the file stands alone (only its own styles), as a viewer or the PNG draws it.
    const alone = await context.newPage();
    await alone.setContent(svgText.replace(/^<\?xml[^>]*>\s*/, ''));
    const check = await alone.evaluate(() => {
      const root = document.querySelector('svg');
      const w = Number(root.getAttribute('width'));
      const h = Number(root.getAttribute('height'));
      const r = root.getBoundingClientRect();
      const texts = [...root.querySelectorAll('text')].filter((t) => getComputedStyle(t).display !== 'none').map((t) => {
        const b = t.getBoundingClientRect();
        return { t: t.textContent, left: b.left - r.left, right: b.right - r.left, bottom: b.bottom - r.top };
      });
      return { w, h, texts };
    });
    await alone.screenshot({ path: `target/screenshots/fixdash-export-${lang}-${name.split(' ')[1]}.png` });
    await alone.close();
    for (const t of check.texts) {
      assert.ok(t.left >= -0.5 && t.right <= check.w + 0.5 && t.bottom <= check.h + 0.5, `inside the export ${check.w}×${check.h}: ${JSON.stringify(t)}`);
    }
    const all = check.texts.map((t) => t.t).join('');
    assert.ok(all.includes(lang === 'zh' ? '时段 11 条' : '11 in ranges'), 'legend in the export');
    assert.ok(all.replace(/\s/g, '').includes((lang === 'zh' ? '共 23 条。' : '= 23 records.').replace(/\s/g, '')), 'legend not cut off');
    assert.ok(all.includes(lang === 'zh' ? 'C:日期仅知在' : 'C: Date known only as'), 'keys in the export');
    await context.close();
  });
}

test('phone: the region table fits 390 px, every figure on screen', async () => {
  for (const lang of ['zh', 'en']) {
    const { page, context } = await openDashboard(phone, lang);
    const table = page.locator('table.dash-tree');
    await table.scrollIntoViewIfNeeded();
    const fit = await table.evaluate((t) => ({
      table: t.getBoundingClientRect().right, wrap: t.parentElement.getBoundingClientRect().right,
      scroll: t.parentElement.scrollWidth - t.parentElement.clientWidth,
      cells: [...t.querySelectorAll('tbody td')].map((c) => c.getBoundingClientRect().right),
    }));
    assert.ok(fit.table <= fit.wrap + 0.5 && fit.scroll <= 0, `no sideways scrolling (${lang}): ${JSON.stringify({ ...fit, cells: fit.cells.length })}`);
    assert.ok(Math.max(...fit.cells) <= 390, `every figure within the screen (${lang}): ${Math.max(...fit.cells)}`);
    // The participants of 南海区 are on screen, with what they are.
    const row = table.locator('tbody tr', { hasText: lang === 'zh' ? '南海区' : 'Nanhai' }).first();
    const last = row.locator('td').nth(3);
    assert.equal(await last.getAttribute('data-label'), await table.locator('thead th').nth(4).textContent());
    assert.match(await last.textContent(), /\d/);
    await page.locator('section[aria-labelledby="dash-regions"]').screenshot({ path: `target/screenshots/fixdash-regions-${lang}-phone.png` });
    await context.close();
  }
});

test('site details: month-only date ranges read at their precision (en and zh)', async () => {
  for (const [lang, want, not] of [['en', 'Feb–Dec 2021', '2021-02-01'], ['zh', '2021年2月至12月', '2021-02-01']]) {
    const { page, context } = await openPage(app.browser, `${app.base}?site=ye-ting-independent-regiment-hq&lang=${lang}`, desktop);
    const meta = page.locator('.activity-list .activity-meta');
    await meta.first().waitFor({ timeout: 30000 });
    const texts = await meta.allTextContents();
    assert.ok(texts.some((t) => t.startsWith(want)), `${want} in ${JSON.stringify(texts)}`);
    assert.ok(!texts.some((t) => t.includes(not)), `no day-exact reading: ${JSON.stringify(texts)}`);
    await context.close();
  }
});

test('presentation mode ends when fullscreen is left without the toggle (Esc)', async () => {
  const { page, context } = await openDashboard(desktop, 'en');
  const toggle = page.locator('.dash-head button').first();
  await toggle.click();
  assert.equal(await toggle.textContent(), 'Exit presentation');
  await page.waitForFunction(() => document.fullscreenElement !== null, null, { timeout: 5000 });
  // What Esc does: the browser leaves fullscreen, not through the page's button.
  await page.evaluate(() => document.exitFullscreen());
  await page.waitForFunction(() => document.querySelector('.dash-head button').textContent === 'Present', null, { timeout: 5000 });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('.dashboard.presenting').count(), 0);
  await context.close();
});

test('phone: "show on map" for a gap puts the place in the part of the map above the sheet', async () => {
  const { page, context } = await openDashboard(phone, 'zh');
  const certain = page.locator('table[aria-labelledby="dash-gaps-certain"] tbody tr').first();
  assert.equal(await certain.locator('th').textContent(), '怀集县');
  await certain.getByRole('button').click();
  await page.locator('.dashboard').waitFor({ state: 'detached' });
  await page.waitForTimeout(800);
  const found = await page.evaluate(() => {
    const c = document.querySelector('canvas.map-canvas') || document.querySelector('canvas');
    const r = c.getBoundingClientRect();
    const k = c.width / r.width;
    const sheetTop = document.querySelector('.side-panel').getBoundingClientRect().top - r.top;
    const ctx = c.getContext('2d');
    const x = Math.round(c.width / 2);
    const col = ctx.getImageData(x, 0, 1, c.height).data;
    const ys = [];
    for (let y = 0; y < c.height; y++) {
      const [R, G, B] = [col[4 * y], col[4 * y + 1], col[4 * y + 2]];
      if (R === 0x1a && G === 0x4d && B === 0x8f) ys.push(y / k);
    }
    return { ys: ys.length ? [Math.min(...ys), Math.max(...ys)] : null, sheetTop, height: r.height };
  });
  assert.ok(found.ys, `the place's mark is drawn on the map's centre line: ${JSON.stringify(found)}`);
  const mid = (found.ys[0] + found.ys[1]) / 2;
  assert.ok(mid < found.sheetTop - 40, `mark above the sheet: ${JSON.stringify(found)}`);
  assert.ok(Math.abs(mid - found.sheetTop / 2) < 30, `in the middle of the visible part: ${JSON.stringify(found)}`);
  await screenshot(page, 'fixdash-gap-phone-huaiji.png');
  await context.close();
});
