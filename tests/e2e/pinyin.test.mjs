// What search loads after the first frame (issue 2): its code (the split_search wasm chunk)
// and its pinyin table (pinyin.bin, a data file instead of ~250 KB in the first view's wasm).
// Pinyin search works once they are in (results typed before appear by themselves); if the
// table cannot be had (blocked or corrupt), Chinese and English search still work and the box
// says pinyin is unavailable; if the chunk cannot be had, the box says search is unavailable
// and the next focus tries again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForFirstFrame, screenshot, desktop, phone } from './harness.mjs';

const YUEJIANG = /阅江楼/;
const app = useApp();

/** Opens the app with `setup(page)` run first (routes); records request paths. */
async function open(setup = async () => {}, options) {
  const { context, page, errors } = await openPage(app.browser, 'about:blank', options);
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  await setup(page);
  await page.goto(app.base);
  await waitForFirstFrame(page);
  return { context, page, errors, paths, box: page.locator('#search-input') };
}

test('code and table are fetched after the first frame; pinyin and initials then find the site', async () => {
  const { context, page, errors, paths, box } = await open();
  await page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((e) => /\/split_search-[^/]*\.wasm$/.test(e.name)));
  await box.fill('yjl');
  await page.getByRole('option', { name: YUEJIANG }).first().waitFor();
  await box.fill('yuejiang');
  await page.getByRole('option', { name: YUEJIANG }).first().waitFor();
  assert.equal(paths.filter((p) => p === '/pinyin.bin').length, 1, `once: ${paths}`);
  const [frame, table, code] = await page.evaluate(() => [
    performance.getEntriesByName('redmap:first-frame')[0].startTime,
    performance.getEntriesByType('resource').find((e) => e.name.endsWith('/pinyin.bin')).startTime,
    performance.getEntriesByType('resource').find((e) => /\/split_search-/.test(e.name)).startTime,
  ]);
  assert.ok(table >= frame && code >= frame, `table at ${table} ms, code at ${code} ms, first frame at ${frame} ms`);
  assert.equal(await page.locator('.search-note').count(), 0, 'no note once the table is in');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a query typed before the table arrives is answered when it does', async () => {
  let release;
  const held = new Promise((ok) => { release = ok; });
  const { context, page, errors, box } = await open((page) =>
    page.route(/\/pinyin\.bin$/, async (route) => { await held; await route.continue(); }));
  await box.fill('yjl');
  await page.getByText('拼音搜索正在加载…').waitFor();
  // Chinese needs no table.
  await box.fill('阅江楼');
  await page.getByRole('option', { name: YUEJIANG }).first().waitFor();
  await box.fill('yjl');
  release();
  await page.getByRole('option', { name: YUEJIANG }).first().waitFor();
  await page.locator('.search-note').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [how, handle] of [
  ['cannot be downloaded', (route) => route.abort()],
  ['is corrupt', (route) => route.fulfill({ status: 200, body: Buffer.from('RMPY\x01garbage') })],
]) {
  test(`if the table ${how}, Chinese and English search work and the box says pinyin is unavailable`, async () => {
    const { context, page, errors, box } = await open((page) => page.route(/\/pinyin\.bin$/, handle));
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => e.name.endsWith('/pinyin.bin')));
    for (const q of ['阅江楼', 'Yuejiang Tower']) {
      await box.fill(q);
      await page.getByRole('option', { name: YUEJIANG }).first().waitFor();
    }
    await box.fill('yjl');
    await page.getByText(/拼音搜索暂不可用/).waitFor();
    await page.getByText('没有找到匹配的地点、路线或地区').waitFor();
    await screenshot(page, `pinyin-unavailable-${how.split(' ')[0]}-1280x800.png`);
    // Only the blocked download is logged by the browser; nothing panicked.
    assert.ok(errors.every((e) => /pinyin\.bin|Failed to load|net::ERR_FAILED/.test(e)), errors.join('\n'));
    await context.close();
  });
}

test('if search\'s code cannot be downloaded, the popup says so; the next focus tries again', async () => {
  let block = true;
  const { context, page, errors, box } = await open((page) =>
    page.route(/\/split_search-[^/]*\.wasm$/, (route) => (block ? route.abort() : route.continue())),
    // The loader's later tries could go through the service worker, out of page.route's reach.
    { ...desktop, serviceWorkers: 'block' });
  await box.fill('阅江楼');
  // The results' chunk could not be had: the popup says so, with "Try again".
  await page.getByRole('alert').filter({ hasText: '这部分功能未能下载' }).waitFor();
  block = false;
  await box.blur();
  await box.focus();
  await page.getByRole('option', { name: YUEJIANG }).first().waitFor();
  await box.fill('yjl');
  await page.getByRole('option', { name: YUEJIANG }).first().waitFor();
  assert.ok(errors.every((e) => /split_search|Failed to load|Failed to fetch|net::ERR_FAILED/.test(e)), errors.join('\n'));
  await context.close();
});

test('phone: a pinyin search result at 390x844', async () => {
  const { context, page, errors, box } = await open(async () => {}, phone);
  await box.fill('yuejiang');
  await page.getByRole('option', { name: YUEJIANG }).first().waitFor();
  await screenshot(page, 'pinyin-search-390x844.png');
  assert.deepEqual(errors, []);
  await context.close();
});
