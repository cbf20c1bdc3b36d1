// Moving around the map as a user does: wheel, drag, keyboard, buttons, double-click,
// clusters that split or list their sites, and a finger-sized tap on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useApp, openPage, phone, waitForFirstFrame, currentView, project, readGeodata, screenshot,
} from './harness.mjs';

const app = useApp();

const sites = readGeodata('sites.geojson').features;
const XIQIAO = [112.96738, 22.94614]; // five sites share this town-level placement

/** Waits until the URL's view satisfies `pred` (the app writes it ~300 ms after a change).
 * Polled from here: the page's CSP forbids evaluating `pred` as a string in the page. */
async function viewWhere(page, pred, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await page.evaluate(() => new URL(location.href).searchParams.get('v'));
    if (text) {
      const [zoom, lat, lon] = text.split('/').map(Number);
      if (pred({ zoom, lat, lon })) return { zoom, lat, lon };
    }
    if (Date.now() > deadline) throw new Error(`the view never satisfied ${pred} (last v=${text})`);
    await page.waitForTimeout(50);
  }
}

async function mapBox(page) {
  return page.getByRole('application').boundingBox();
}

test('wheel zooms around the cursor; drag pans', async () => {
  const { page, context } = await openPage(app.browser, `${app.base}?v=8/23.0/113.0`);
  await waitForFirstFrame(page);
  const box = await mapBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  const zoomed = await viewWhere(page, (v) => v.zoom > 8.5);
  assert.ok(Math.abs(zoomed.lat - 23.0) < 0.01 && Math.abs(zoomed.lon - 113.0) < 0.01, 'the point under the cursor stays');
  await page.mouse.move(box.x + 300, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x + 400, box.y + 300, { steps: 5 });
  await page.mouse.up();
  const panned = await viewWhere(page, (v) => v.lon < 112.99);
  assert.ok(panned.lon < zoomed.lon, 'dragging right moves the map west');
  await context.close();
});

test('keyboard and buttons zoom and pan; fit all shows every site', async () => {
  const { page, context } = await openPage(app.browser, `${app.base}?v=8/23.0/113.0`);
  await waitForFirstFrame(page);
  await page.getByRole('application').focus();
  await page.keyboard.press('+');
  await viewWhere(page, (v) => v.zoom > 8.9);
  await page.keyboard.press('ArrowRight');
  await viewWhere(page, (v) => v.lon > 113.0);
  await page.getByRole('button', { name: '缩小' }).click();
  await viewWhere(page, (v) => v.zoom < 8.1);
  await page.getByRole('button', { name: '显示全部' }).click();
  const all = await viewWhere(page, (v) => v.zoom < 7.5);
  const size = await mapBox(page);
  for (const f of sites) {
    const [lon, lat] = f.geometry.coordinates;
    const p = project(all, size, lon, lat);
    assert.ok(p.x >= 0 && p.x <= size.width && p.y >= 0 && p.y <= size.height, `${f.properties.name} in view`);
  }
  await context.close();
});

test('double-click zooms in', async () => {
  const { page, context } = await openPage(app.browser, `${app.base}?v=6/25/110`);
  await waitForFirstFrame(page);
  const box = await mapBox(page);
  await page.mouse.dblclick(box.x + 200, box.y + 200);
  await viewWhere(page, (v) => v.zoom > 6.9);
  await context.close();
});

test('a cluster of sites sharing one placement lists them', async () => {
  const [lon, lat] = XIQIAO;
  const { page, context } = await openPage(app.browser, `${app.base}?v=13/${lat}/${lon}`);
  await waitForFirstFrame(page);
  const view = await currentView(page);
  const box = await mapBox(page);
  const at = project(view, box, lon, lat);
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await page.getByRole('heading', { name: /此处有 5 个地点/ }).waitFor();
  await page.getByRole('button', { name: '陈启沅纪念馆', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: '陈启沅纪念馆' }).waitFor();
  await assert.doesNotReject(page.getByText(/位置|town/).first().waitFor());
  await screenshot(page, 'desktop-stack.png');
  await context.close();
});

test('a cluster that splits zooms in when clicked', async () => {
  const { page, context } = await openPage(app.browser, `${app.base}?v=7/23.0/113.0`);
  await waitForFirstFrame(page);
  const before = await currentView(page);
  // The Nanhai sites form one bubble at zoom 7; its centre lies among them.
  const nanhai = sites.filter((f) => f.properties.region === 'nanhai' || /南海|西樵|九江|大沥|里水|桂城/.test(JSON.stringify(f.properties.admin)));
  const box = await mapBox(page);
  const pts = nanhai.map((f) => project(before, box, ...f.geometry.coordinates));
  const cx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const cy = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  await page.mouse.click(box.x + cx, box.y + cy);
  await viewWhere(page, (v) => v.zoom > 7.5);
  await context.close();
});

test('on a phone, a tap near a site (finger tolerance) opens it above the sheet', async () => {
  const site = sites.find((f) => f.properties.precision.level === 'building');
  const [lon, lat] = site.geometry.coordinates;
  const { page, context } = await openPage(app.browser, `${app.base}?v=12/${lat}/${lon}`, phone);
  await waitForFirstFrame(page);
  const view = await currentView(page);
  const box = await mapBox(page);
  const at = project(view, box, lon, lat);
  await page.touchscreen.tap(box.x + at.x + 14, box.y + at.y + 10);
  await page.getByRole('heading', { level: 2, name: site.properties.name }).waitFor();
  // The selected marker is not hidden by the bottom sheet.
  await page.waitForTimeout(1200);
  const after = await currentView(page);
  const p = project(after, box, lon, lat);
  const sheet = await page.getByRole('complementary').boundingBox();
  assert.ok(box.y + p.y < sheet.y, `marker at y=${box.y + p.y} is above the sheet at ${sheet.y}`);
  await screenshot(page, 'phone-details.png');
  await context.close();
});

test('on a phone, pinching out zooms in and one-finger drag pans', async () => {
  const { page, context } = await openPage(app.browser, `${app.base}?v=8/23.0/113.0`, phone);
  await waitForFirstFrame(page);
  const box = await mapBox(page);
  const cdp = await context.newCDPSession(page);
  const cx = box.x + box.width / 2;
  const cy = box.y + 200;
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], id) => ({ x, y, id })),
  });
  await touch('touchStart', [[cx - 30, cy], [cx + 30, cy]]);
  for (let d = 40; d <= 120; d += 20) await touch('touchMove', [[cx - d, cy], [cx + d, cy]]);
  await touch('touchEnd', []);
  const pinched = await viewWhere(page, (v) => v.zoom > 9.5);
  assert.ok(pinched.zoom < 10.5, `pinching 60 px → 240 px is two zoom levels (got ${pinched.zoom})`);
  await touch('touchStart', [[cx, cy]]);
  for (let dy = 10; dy <= 100; dy += 10) await touch('touchMove', [[cx, cy + dy]]);
  await touch('touchEnd', []);
  // Dragging down moves the map north (the predicate is sent to the page as text).
  await viewWhere(page, (v) => v.lat > pinched.lat + 0.01);
  await context.close();
});
