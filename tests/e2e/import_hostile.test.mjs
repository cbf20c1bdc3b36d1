// Hostile organiser's CSV (issue 8): script-injection payloads in names, addresses, extra
// columns and even a column header, imported through the file picker and the mapping step.
// Nothing may run (no dialog, window.__pwned unset, no new <script>/<iframe>/on* attribute),
// the text shows literally in the preview, the problems list and the details.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp, desktop, readGeodata, screenshot } from './harness.mjs';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'hostile', 'hostile.csv');
const bundledSites = readGeodata('sites.geojson').features.length;

const app = useApp();

const waitForSites = (page, n) => page.waitForFunction((n) =>
  Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, n, { timeout: 30000 });

const executable = (page) => page.evaluate(() => ({
  scripts: document.scripts.length,
  frames: document.querySelectorAll('iframe, object, embed').length,
  handlers: [...document.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
  scriptUrls: [...document.querySelectorAll('[href], [src]')]
    .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '')
    .filter((u) => /^[\s\0-\x1f]*javascript:/i.test(u)),
}));

test('a CSV of script-injection payloads imports as literal text and runs nothing', async () => {
  const context = await app.browser.newContext(desktop);
  const page = await context.newPage();
  const dialogs = [];
  const errors = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${app.base}?lang=zh`);
  await waitForSites(page, bundledSites);
  const before = await executable(page);

  await page.getByLabel('选择要导入的文件').setInputFiles(fixture);
  const dialog = page.getByRole('dialog', { name: /hostile\.csv/ });
  await dialog.waitFor();
  // The preview shows the payloads as text.
  const preview = dialog.locator('table.import-preview tbody tr');
  assert.equal(await preview.count(), 3);
  assert.match(await preview.nth(0).textContent(), /<img src=x onerror="window\.__pwned=21;alert\(21\)">/);
  await dialog.getByRole('button', { name: /导入 3 行/ }).click();

  // Two rows import; the third (bad longitude) is listed, payload and all, as text.
  await waitForSites(page, bundledSites + 2);
  await page.getByRole('row', { name: /hostile\.csv\s*第 4 行\s*经度\s*“abc”不是坐标/ }).waitFor();

  // The details of an imported site: the name, address and every extra column as text.
  const box = page.getByRole('combobox', { name: '搜索地点、路线、地区' });
  await box.fill('constructor');
  await page.getByRole('option', { name: /constructor/ }).first().waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.getByRole('heading', { level: 2, name: "{{constructor.constructor('window.__pwned=25')()}}" }).waitFor();
  await page.getByText('<a href="javascript:window.__pwned=26">x</a>', { exact: true }).first().waitFor();
  await page.getByText('=HYPERLINK("http://x")', { exact: true }).first().waitFor();

  await box.fill('img src');
  await page.getByRole('option', { name: /img src=x/ }).first().waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.getByRole('heading', { level: 2, name: '<img src=x onerror="window.__pwned=21;alert(21)">' }).waitFor();
  await page.getByText('<script>window.__pwned=22</script>', { exact: true }).first().waitFor();
  // A header that is a payload is a property name shown as text, and its javascript: value
  // is not a link.
  await page.getByRole('row', { name: /<img src=x onerror=window\.__pwned=31>\s*javascript:window\.__pwned=24/ }).waitFor();
  await screenshot(page, 'import-hostile-desktop-1280x800.png');

  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a payload ran');
  assert.deepEqual(dialogs, [], 'a dialog opened');
  assert.deepEqual(await executable(page), before);
  assert.deepEqual(errors, []);
  await context.close();
});
