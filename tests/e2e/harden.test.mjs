// Hardening (issue 8): the strict Content Security Policy, offline use through the service
// worker (and a new build replacing the cached one), the web app manifest, embed mode in an
// iframe, and resilience: a failed data file, failed tiles, a panic, a blocked ?data= host.
// (The harness fails any test whose pages report a CSP violation.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  serve, launch, openPage, waitForFirstFrame, screenshot, distDir, desktop, phone,
} from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const siteCount = (page) => page.evaluate(
  () => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount || 0));
const waitForSites = (page, timeout = 30_000) => page.waitForFunction(
  () => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) > 0, null, { timeout });
/** Waits until a service worker controls the page. */
const waitForController = (page) => page.waitForFunction(
  () => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });

/** Serves a copy of dist/ (tests that change or stop the server use their own). */
async function serveCopy(extra = null) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redmap-dist-'));
  fs.cpSync(distDir, dir, { recursive: true, filter: (p) => !path.basename(p).startsWith('.') });
  const { server, url } = await serve(dir, extra);
  return { dir, server, url };
}

test('the build carries the CSP derived from the tile sources, and no inline code', () => {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const policy = fs.readFileSync(new URL('../../assets/csp-policy.txt', import.meta.url), 'utf8').trim();
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  assert.ok(meta, 'a CSP meta tag');
  assert.equal(meta[1].replace(/&quot;/g, '"'), policy);
  assert.match(policy, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: /);
  assert.ok(policy.includes('https://tile.openstreetmap.org'));
  assert.ok(!/unsafe-inline|'unsafe-eval'/.test(policy));
  // The CSP meta comes before every script and stylesheet it must govern.
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'));
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('stylesheet'));
  for (const [tag, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(attrs, /\ssrc="/, `inline script: ${tag.slice(0, 80)}`);
    assert.equal(body.trim(), '');
  }
  assert.ok(!/\sstyle=|<style/.test(html));
});

test('the map, dashboard and base-map switcher run under the CSP with no violation', async () => {
  const { server, url } = await serve();
  const { page, context, errors } = await openPage(browser, `${url}?view=dashboard`);
  await waitForFirstFrame(page);
  // The dashboard's meters and indents are set through CSSOM (style:width), which the CSP
  // allows; a style="" attribute would be blocked (and reported by the harness).
  const meter = page.locator('.dash-meter > span').first();
  if (await meter.count()) assert.notEqual(await meter.evaluate((el) => el.style.width), '');
  await page.goto(url);
  await waitForFirstFrame(page);
  await page.getByRole('button', { name: '底图' }).click();
  await page.getByRole('radio', { name: 'OpenStreetMap' }).waitFor();
  await screenshot(page, 'harden-desktop-1280x800.png');
  assert.deepEqual(errors, []);
  await context.close();
  server.close();
});

test('offline: after one visit the app and the bundled data open with no network', async () => {
  const { server, url } = await serveCopy();
  const context = await browser.newContext(desktop);
  const page = await context.newPage();
  await page.goto(`${url}?v=8/23.03/113.14`);
  await waitForSites(page);
  const online = await siteCount(page);
  await waitForController(page);
  // Wait until the worker has the whole build (install done = it activated and controls).
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('redmap-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(cached.includes('/geodata/sites.geojson') && cached.some((p) => p.endsWith('_bg.wasm')),
    `precached: ${cached.join(' ')}`);
  // No network at all: the browser is offline and the server is gone.
  await context.setOffline(true);
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await page.reload();
  await waitForSites(page);
  assert.equal(await siteCount(page), online);
  await waitForFirstFrame(page);
  await screenshot(page, 'harden-offline-1280x800.png');
  await context.close();
});

test('a new build replaces the cached one whole (versioned cache), never a stale mix', async () => {
  const { dir, server, url } = await serveCopy();
  const context = await browser.newContext(desktop);
  const page = await context.newPage();
  await page.goto(url);
  await waitForSites(page);
  await waitForController(page);
  const before = await page.evaluate(() => caches.keys());
  assert.equal(before.length, 1);
  // "Deploy" a new build: a changed page and data file, and sw.js regenerated over them.
  const index = path.join(dir, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8')
    .replace('<meta name="theme-color"', '<meta name="redmap-build" content="two" />\n    <meta name="theme-color"'));
  execFileSync('node', [new URL('../../.ci/pwa.mjs', import.meta.url).pathname, dir],
    { env: { ...process.env, TRUNK_PROFILE: 'release', TRUNK_PUBLIC_URL: '/' } });
  // The next visit is served by the old worker from the old cache (one whole build), finds
  // the new worker, which takes over and reloads the page into the new build.
  await page.reload();
  await page.waitForFunction(() => document.querySelector('meta[name="redmap-build"]'), null,
    { timeout: 30_000 });
  await waitForSites(page);
  const afterKeys = await page.evaluate(() => caches.keys());
  assert.equal(afterKeys.length, 1, `one cache: ${afterKeys}`);
  assert.notEqual(afterKeys[0], before[0]);
  const cachedIndex = await page.evaluate(async (key) =>
    (await (await caches.open(key)).match('/index.html')).text(), afterKeys[0]);
  assert.match(cachedIndex, /redmap-build/);
  await context.close();
  server.close();
});

test('the web app manifest: name, icons, standalone, start URL', async () => {
  const { server, url } = await serve();
  const { page, context } = await openPage(browser, url);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifestUrl = new URL(href, url);
  const manifest = await (await fetch(manifestUrl)).json();
  assert.equal(manifest.name, '红色教育地图 / Red Education Map');
  assert.equal(manifest.display, 'standalone');
  assert.equal(new URL(manifest.start_url, manifestUrl).href, url);
  assert.equal(manifest.theme_color, '#c8102e');
  const types = [];
  for (const icon of manifest.icons) {
    const res = await fetch(new URL(icon.src, manifestUrl));
    assert.equal(res.status, 200, icon.src);
    types.push(res.headers.get('content-type'));
  }
  assert.deepEqual(types.sort(), ['image/png', 'image/png', 'image/svg+xml']);
  assert.equal(await page.locator('meta[name=theme-color]').getAttribute('content'), '#c8102e');
  await context.close();
  server.close();
});

test('?embed=1 in an iframe: a chrome-less map with an "open full map" link that keeps the view', async () => {
  const host = (req, res) => {
    if (!req.url.startsWith('/district.html')) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>某区教育局</title></head>
      <body><h1>本区红色教育基地</h1>
      <iframe src="/?embed=1&v=9/23.03/113.14" title="红色教育地图" width="640" height="420"></iframe></body></html>`);
    return true;
  };
  const { server, url } = await serve(undefined, host);
  const { page, context, errors } = await openPage(browser, `${url}district.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('canvas.map-canvas[data-site-count]').waitFor();
  const inner = page.frames().find((f) => f.url().includes('embed=1'));
  await waitForSites(inner);
  await waitForFirstFrame(inner);
  assert.equal(await frame.locator('header.app-header').count(), 0, 'no header');
  assert.equal(await frame.locator('aside.side-panel').count(), 0, 'no side panel');
  assert.ok(await frame.getByRole('button', { name: '放大' }).isVisible(), 'zoom controls');
  const link = frame.getByRole('link', { name: /打开完整地图/ });
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.deepEqual((await link.getAttribute('rel')).split(/\s+/).sort(), ['noopener', 'noreferrer']);
  const href = new URL(await link.getAttribute('href'));
  assert.equal(href.searchParams.get('embed'), null);
  const [zoom, lat, lon] = href.searchParams.get('v').split('/').map(Number);
  assert.ok(Math.abs(zoom - 9) < 0.01 && Math.abs(lat - 23.03) < 0.01 && Math.abs(lon - 113.14) < 0.01,
    `kept the view: ${href.search}`);
  await screenshot(page, 'harden-embed-iframe.png');
  const [full] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await full.waitForLoadState();
  await waitForSites(full);
  assert.ok(await full.locator('header.app-header').isVisible(), 'the full map has its header');
  assert.ok(await full.locator('aside.side-panel').isVisible(), 'and its side panel');
  assert.equal(new URL(full.url()).searchParams.get('embed'), null);
  assert.deepEqual(errors, []);
  await context.close();
  server.close();
});

test('?embed=1 on a phone', async () => {
  const { server, url } = await serve();
  const { page, context, errors } = await openPage(browser, `${url}?embed=1`, phone);
  await waitForSites(page);
  await waitForFirstFrame(page);
  assert.equal(await page.locator('header.app-header').count(), 0);
  const link = page.getByRole('link', { name: /打开完整地图/ });
  const box = await link.boundingBox();
  assert.ok(box && box.y < 60, 'the link sits at the top');
  await screenshot(page, 'harden-embed-390x844.png');
  assert.deepEqual(errors, []);
  await context.close();
  server.close();
});

test('?embed=1: a selected site shows its details in a card over the map, closed with ×', async () => {
  const { server, url } = await serve();
  const { page, context, errors } = await openPage(
    browser, `${url}?embed=1&site=ye-ting-independent-regiment-hq`, phone);
  await waitForSites(page);
  const card = page.getByRole('complementary', { name: '所选地点或路线的详情' });
  await card.getByRole('heading', { level: 2, name: /叶挺独立团团部旧址/ }).waitFor();
  assert.ok(await card.getByText('端州区正东路东侧石头岗上', { exact: true }).isVisible(), 'the address from the data');
  assert.equal(await card.getByRole('button', { name: /加入我的行程/ }).isVisible(), false,
    'no trip button: the trip lives in the full map');
  const box = await card.boundingBox();
  assert.ok(box && box.y + box.height <= 844 && box.width <= 390, `the card fits the phone: ${JSON.stringify(box)}`);
  await screenshot(page, 'harden-embed-details-390x844.png');
  // The "open full map" link carries the selection.
  const href = new URL(await page.getByRole('link', { name: /打开完整地图/ }).getAttribute('href'));
  assert.equal(href.searchParams.get('site'), 'ye-ting-independent-regiment-hq');
  await card.getByRole('button', { name: '关闭' }).click();
  await card.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
  server.close();
});

test('a data file that fails leaves the rest loaded, and a message names it', async () => {
  const broken = (req, res) => {
    if (!req.url.startsWith('/geodata/routes.geojson')) return false;
    res.writeHead(404); res.end('not found');
    return true;
  };
  const { server, url } = await serve(undefined, broken);
  const { page, context } = await openPage(browser, url);
  await waitForSites(page);
  assert.ok((await siteCount(page)) > 0, 'the sites still load');
  const notice = page.getByRole('status', { name: '提示' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /routes\.geojson/);
  await assert.doesNotReject(page.getByText(/routes\.geojson: could not be loaded/).waitFor());
  await screenshot(page, 'harden-layer-failed.png');
  // The notice can be dismissed; the map keeps working.
  await page.getByRole('button', { name: '关闭提示' }).click();
  assert.equal(await notice.count(), 0);
  await page.getByRole('button', { name: '放大' }).click();
  await context.close();
  server.close();
});

test('failed tiles: a message names the source and the map still draws', async () => {
  const { server, url } = await serve();
  const { page, context } = await openPage(browser, `${url}?v=8/23.03/113.14`);
  await context.route('https://tile.openstreetmap.org/**', (route) => route.fulfill({ status: 503, body: '' }));
  await waitForFirstFrame(page);
  await page.getByRole('button', { name: '底图' }).click();
  await page.getByRole('radio', { name: 'OpenStreetMap' }).check();
  const notice = page.getByRole('status', { name: '提示' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /OpenStreetMap/);
  assert.ok((await siteCount(page)) > 0);
  const pixel = await page.evaluate(() => {
    const c = document.querySelector('canvas.map-canvas');
    return Array.from(c.getContext('2d').getImageData(5, c.height - 60, 1, 1).data.slice(0, 3));
  });
  assert.notDeepEqual(pixel, [0, 0, 0], 'the offline base map is drawn');
  await context.close();
  server.close();
});

test('a panic shows "something went wrong, reload" with details for a bug report', async () => {
  const { server, url } = await serve();
  const { page, context } = await openPage(browser, url);
  await waitForSites(page);
  await page.evaluate(() => window.dispatchEvent(new Event('redmap:test-panic'))).catch(() => {});
  const box = page.locator('.panic[role=alert]');
  await box.waitFor();
  assert.match(await box.innerText(), /Something went wrong/);
  assert.match(await box.locator('pre').innerText(), /test panic/);
  await screenshot(page, 'harden-panic.png');
  await Promise.all([page.waitForEvent('load'), box.getByRole('button', { name: /Reload/ }).click()]);
  await waitForSites(page);
  assert.equal(await page.locator('.panic').count(), 0, 'the reload gives a working app');
  await context.close();
  server.close();
});

test('?data= on a host the policy does not allow says so plainly', async () => {
  const { server, url } = await serve();
  const { page, context } = await openPage(browser, `${url}?data=https://data.example.org/sites.geojson`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /data\.example\.org/);
  assert.match(text, /only load data from this map's own site/);
  assert.match(text, /not allowed by its security policy/);
  await context.close();
  server.close();
});
