// Raster base maps: the switcher, drawing tiles, attribution, the GCJ-02 correction for
// Amap, and quiet failure with no network. Tile servers are faked with Playwright routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { useApp, openPage, waitForFirstFrame, screenshot } from './harness.mjs';

const app = useApp();

/** A 256×256 PNG of one colour. */
function solidPng([r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0); ihdr.writeUInt32BE(256, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3, Buffer.from([r, g, b]))]);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const tilePng = solidPng([10, 200, 120]);

async function chooseBasemap(page, name) {
  await page.getByRole('button', { name: '底图' }).click();
  await page.getByRole('radio', { name }).check();
}

test('the base-map choices close with Esc (focus back on the button) and with a press outside', async () => {
  const { page, context, errors } = await openPage(app.browser, app.base);
  await waitForFirstFrame(page);
  const button = page.getByRole('button', { name: '底图' });
  const osm = page.getByRole('radio', { name: 'OpenStreetMap' });
  await button.click();
  await osm.waitFor();
  await page.keyboard.press('Escape');
  await osm.waitFor({ state: 'detached' });
  assert.equal(await button.evaluate((b) => b === document.activeElement), true, 'focus on the button');
  await button.click();
  await osm.waitFor();
  await page.locator('canvas.map-canvas').click({ position: { x: 200, y: 400 } });
  await osm.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('OpenStreetMap tiles draw under the data, with their attribution', async () => {
  const { page, context, errors } = await openPage(app.browser, `${app.base}?v=9/23.03/113.14`);
  const requested = [];
  await context.route('https://tile.openstreetmap.org/**', (route) => {
    requested.push(route.request().url());
    route.fulfill({ status: 200, contentType: 'image/png', body: tilePng,
      headers: { 'access-control-allow-origin': '*' } });
  });
  await waitForFirstFrame(page);
  await chooseBasemap(page, 'OpenStreetMap');
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas.map-canvas');
    const [r, g, b] = c.getContext('2d').getImageData(5, c.height - 60, 1, 1).data;
    return r === 10 && g === 200 && b === 120;
  }, null, { timeout: 10000 });
  assert.ok(requested.length > 0 && requested.every((u) => /\/9\/\d+\/\d+\.png$/.test(u)), requested.join('\n'));
  await assert.doesNotReject(page.getByText('© OpenStreetMap contributors').waitFor());
  await screenshot(page, 'desktop-osm-tiles.png');
  // The choice persists.
  await page.reload();
  await waitForFirstFrame(page);
  assert.ok(await page.getByText('© OpenStreetMap contributors').isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

test('Amap tiles are laid out for GCJ-02, so WGS-84 sites sit on their street', async () => {
  const { page, context } = await openPage(app.browser, `${app.base}?v=17/23.03/113.14`);
  const requested = [];
  await context.route(/autonavi\.com/, (route) => {
    requested.push(new URL(route.request().url()));
    route.fulfill({ status: 200, contentType: 'image/png', body: tilePng,
      headers: { 'access-control-allow-origin': '*' } });
  });
  await waitForFirstFrame(page);
  await chooseBasemap(page, '高德地图');
  // The tiles are asked for on the next frame; on a busy machine that can take a while.
  for (let i = 0; i < 100 && requested.length === 0; i++) await page.waitForTimeout(50);
  const first = requested[0];
  assert.ok(first, 'an Amap tile was requested');
  // The centre's WGS-84 tile would be (106729, 56915); its GCJ-02 position lies in (106731, 56916).
  assert.deepEqual([first.searchParams.get('x'), first.searchParams.get('y'), first.searchParams.get('z')],
    ['106731', '56916', '17']);
  await assert.doesNotReject(page.getByText(/GCJ-02/).first().waitFor());
  await context.close();
});

test('with no network, failed tiles leave the offline map working', async () => {
  const { page, context, errors } = await openPage(app.browser, `${app.base}?v=8/23.03/113.14`);
  await context.route('https://tile.openstreetmap.org/**', (route) => route.abort('internetdisconnected'));
  await waitForFirstFrame(page);
  await chooseBasemap(page, 'OpenStreetMap');
  await page.waitForTimeout(800);
  // The vector base map (land colour) still shows where tiles failed.
  const pixel = await page.evaluate(() => {
    const c = document.querySelector('canvas.map-canvas');
    return Array.from(c.getContext('2d').getImageData(5, c.height - 60, 1, 1).data.slice(0, 3));
  });
  assert.notDeepEqual(pixel, [0, 0, 0]);
  assert.ok(await page.getByRole('application').isVisible());
  // Failed image loads are the only console noise allowed.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});
