// Places and discovery, as a user does them: search by pinyin opens the site, filters change
// the counts, a permalink restores filters, the list works by keyboard, near me sorts by
// distance (and a refusal is one message), and screenshots of the panel on desktop and phone.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { useApp, openApp, desktop, phone } from './harness.mjs';

const YUEJIANG = '叶挺独立团团部旧址(阅江楼)';
const SHOTS = new URL('../../target/screenshots/', import.meta.url);
const app = useApp();
before(() => fs.mkdir(SHOTS, { recursive: true }));

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

const shot = (page, name) => page.screenshot({ path: new URL(name, SHOTS).pathname });

test('a site chosen while the side panel is scrolled down brings its details into view', async () => {
  await withPage(desktop, '', async (page) => {
    // Open the filters and the site list so that the panel is taller than the window.
    await page.getByText('筛选', { exact: true }).click();
    await page.getByText('地点列表', { exact: true }).click();
    await page.getByRole('list', { name: '地点列表' }).waitFor();
    const scrolled = await page.evaluate(() => {
      const panel = document.querySelector('.side-panel');
      panel.scrollTop = panel.scrollHeight;
      return panel.scrollTop;
    });
    assert.ok(scrolled > 200, `the panel scrolls (${scrolled} px)`);
    const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
    await box.fill('yjl');
    await page.getByRole('option', { name: new RegExp('阅江楼') }).first().click();
    const heading = page.getByRole('heading', { level: 2, name: YUEJIANG });
    await heading.waitFor();
    await page.waitForFunction(() => {
      const h = document.querySelector('#details-heading, .details h2');
      const p = document.querySelector('.side-panel').getBoundingClientRect();
      const r = h?.getBoundingClientRect();
      return r && r.top >= p.top - 1 && r.bottom <= p.bottom;
    });
    await shot(page, 'details-revealed-desktop.png');
  });
});

test('search by pinyin initials opens the site and keeps it in the URL', async () => {
  await withPage(desktop, '', async (page) => {
    const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
    await box.fill('yjl');
    const option = page.getByRole('option', { name: new RegExp('阅江楼') });
    await option.waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await shot(page, 'search-desktop.png');
    await box.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'search-opt-0');
    await box.press('Enter');
    await page.getByRole('heading', { level: 2, name: YUEJIANG }).waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.match(page.url(), /site=ye-ting-independent-regiment-hq/);
  });
});

test('full pinyin with tone marks and an English name find the same site', async () => {
  await withPage(desktop, '', async (page) => {
    const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
    for (const q of ['Yuèjiāng', 'yue jiang', 'Yuejiang Tower']) {
      await box.fill(q);
      await page.getByRole('option', { name: new RegExp('阅江楼') }).first().waitFor();
    }
    await box.fill('zzqqxx');
    await page.getByText('没有找到匹配的地点、路线或地区').waitFor();
    await box.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
  });
});

test('a kind filter changes the counts, the legend and the URL', async () => {
  await withPage(desktop, '', async (page) => {
    await page.getByText('显示 20 / 20 个地点').waitFor();
    const museum = page.getByRole('checkbox', { name: /纪念馆\/展馆/ });
    await museum.check();
    await page.getByText('显示 4 / 20 个地点').waitFor();
    assert.match(page.url(), /kind=museum/);
    // The layer toggle's count follows the filter too.
    await page.getByRole('checkbox', { name: /^地点 \(4\)$/ }).waitFor();
    await museum.uncheck();
    await page.getByText('显示 20 / 20 个地点').waitFor();
    assert.doesNotMatch(page.url(), /kind=/);
    // The kind counts add up to more than the 20 sites (a site can have several kinds),
    // and the legend counts by main kind: both say so.
    const counts = await page.locator('.kind-filter .count').allTextContents();
    const sum = counts.map((c) => Number(c.replace(/\D/g, ''))).reduce((a, b) => a + b, 0);
    assert.ok(sum > 20, `kind counts ${counts}`);
    await page.getByText(/一个地点可属多个类型/).waitFor();
    await page.getByText('按主要类型（地图符号）计数，每个地点计一次').waitFor();
  });
});

test('a permalink with filters restores them, and bad values give a message', async () => {
  const q = '?kind=revolutionary_site&region=qianxi&date=2021-03/2021-03&lang=zh';
  await withPage(desktop, q, async (page) => {
    await page.getByText('显示 2 / 20 个地点').waitFor();
    assert.equal(await page.getByRole('checkbox', { name: /革命旧址\/遗址/ }).isChecked(), true);
    assert.equal(await page.getByLabel('地区', { exact: true }).inputValue(), 'qianxi');
    await page.getByText('2021-03 – 2021-03').waitFor();
  });
  await withPage(desktop, '?kind=musem&region=atlantis', async (page) => {
    await page.getByText('显示 20 / 20 个地点').waitFor();
    await page.getByText(/musem/).first().waitFor({ state: 'attached' });
    await page.getByText(/atlantis/).first().waitFor({ state: 'attached' });
  });
});

test('the time slider plays month by month', async () => {
  await withPage(desktop, '', async (page) => {
    await page.getByRole('button', { name: /逐月播放/ }).click();
    await page.getByText('2021-02 – 2021-02').waitFor();
    await page.getByText('2021-03 – 2021-03').waitFor({ timeout: 5000 });
    assert.match(page.url(), /date=2021-03\/2021-03|date=2021-03%2F2021-03/);
    await page.getByRole('button', { name: /暂停播放/ }).click();
    await page.getByRole('button', { name: '全部时间' }).click();
    await page.getByText('显示 20 / 20 个地点').waitFor();
  });
});

test('the site list works by keyboard', async () => {
  await withPage(desktop, '?list=activities', async (page) => {
    const sort = page.getByLabel('排序');
    assert.equal(await sort.inputValue(), 'activities');
    await sort.focus();
    // Tab past the near-me button and the "in view" checkbox to the first row.
    let focused = '';
    for (let i = 0; i < 5 && !focused.startsWith(YUEJIANG); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    }
    assert.ok(focused.startsWith(YUEJIANG), `focused: ${focused}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: YUEJIANG }).waitFor();
    assert.match(page.url(), /list=activities/);
  });
});

test('near me sorts the list by distance; a refusal is one message', async () => {
  const qianxi = { geolocation: { latitude: 26.9, longitude: 106.3 }, permissions: ['geolocation'] };
  await withPage({ ...desktop, ...qianxi }, '', async (page) => {
    await page.getByRole('button', { name: '我的附近' }).click();
    const first = page.getByRole('list', { name: '地点列表' }).getByRole('button').first();
    await first.waitFor();
    assert.match(await first.textContent(), /大关盐号|鸭池河红军渡口/);
    assert.match(await first.textContent(), /\d 公里 距您|\d 米 距您/);
    assert.match(page.url(), /list=distance/);
  });
  await withPage({ ...desktop, permissions: [] }, '', async (page) => {
    await page.getByRole('button', { name: '我的附近' }).click();
    await page.getByRole('status').filter({ hasText: /未获得定位权限|无法获取您的位置/ }).waitFor();
  });
});

test('screenshots: panel, filters and list on desktop and phone', async () => {
  await withPage(desktop, '?site=ye-ting-independent-regiment-hq', async (page) => {
    await page.getByRole('heading', { level: 2, name: YUEJIANG }).waitFor();
    await page.getByRole('heading', { name: '附近地点' }).waitFor();
    await page.waitForTimeout(800);
    await shot(page, 'details-desktop.png');
  });
  await withPage(desktop, '?list=name&kind=museum,revolutionary_site', async (page) => {
    await page.waitForTimeout(500);
    await shot(page, 'filters-list-desktop.png');
  });
  await withPage(phone, '?site=ye-ting-independent-regiment-hq', async (page) => {
    await page.getByRole('heading', { level: 2, name: YUEJIANG }).waitFor();
    await page.waitForTimeout(1500);
    await shot(page, 'details-phone.png');
    const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
    await box.fill('nanhai');
    await page.getByRole('option').first().waitFor();
    await shot(page, 'search-phone.png');
  });
  await withPage(phone, '?list=activities', async (page) => {
    await page.getByRole('button', { name: '展开或收起面板' }).click();
    await page.waitForTimeout(800);
    await shot(page, 'filters-list-phone.png');
  });
});
