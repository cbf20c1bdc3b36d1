// Shared harness for the end-to-end tests: serves the release build (dist/) on a free
// localhost port and launches Debian's Chromium through playwright-core.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = process.env.REDMAP_DIST || path.join(root, 'dist');
export const screenshotDir = path.join(root, 'target', 'screenshots');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

/** Serves `dir` (SPA fallback to index.html); `extra(req, res)` may answer first. */
export function serve(dir = distDir, extra = null) {
  const server = http.createServer((req, res) => {
    if (extra && extra(req, res)) return;
    const url = new URL(req.url, 'http://x');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      const asIndex = path.join(file, 'index.html');
      const known = path.extname(url.pathname) !== '';
      file = fs.existsSync(asIndex) ? asIndex : known ? null : path.join(dir, 'index.html');
    }
    if (!file || !fs.existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
  }));
}

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: chromiumArgs,
  });
  // Every context (browser.newPage makes one too) reports Content Security Policy violations.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchCsp(await newContext(options));
  return browser;
}

/**
 * The set-up of a test file that uses the built app: serves dist/ (`extra(req, res)` may
 * answer first, as in `serve`) and launches Chromium before the file's tests, closes both
 * after them. Returns `{ base, browser, server }`, filled in by the time the tests run:
 *
 *     const app = useApp();
 *     test('…', async () => { const { page } = await openPage(app.browser, app.base); … });
 *
 * `skip: true` starts nothing (for a file whose tests are all skipped).
 */
export function useApp({ extra = null, skip = false } = {}) {
  const app = { base: null, browser: null, server: null };
  before(async () => {
    if (skip) return;
    const { server, url } = await serve(distDir, extra);
    Object.assign(app, { server, base: url, browser: await launch() });
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}

// ---- Content Security Policy: a violation on any page (or iframe) fails the running test ----

/** Violations seen since the last test ended: "directive blocked what at where (page)". */
export const cspViolations = [];
const cspProbe = `document.addEventListener('securitypolicyviolation', (e) => console.error(
  '[csp] ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline code') + ' at ' +
  (e.sourceFile || '?') + ':' + e.lineNumber + ' (page ' + location.href + ')'));`;

async function watchCsp(context) {
  await context.addInitScript(cspProbe);
  context.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('[csp] ') || /Content Security Policy/.test(text)) cspViolations.push(text);
  });
  return context;
}

// Under `node --test` only (the benchmark imports this file too).
if (process.env.NODE_TEST_CONTEXT) {
  afterEach(() => {
    const seen = cspViolations.splice(0);
    if (seen.length) throw new Error(`Content Security Policy violations:\n${seen.join('\n')}`);
  });
}

export const desktop = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
export const phone = {
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
};

/** A page that records console errors and uncaught exceptions. */
export async function openPage(browser, url, options = desktop) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

/** Waits until the app has drawn its first frame with features. */
export async function waitForFirstFrame(page, timeout = 20000) {
  await page.waitForFunction(
    () => performance.getEntriesByName('redmap:first-frame').length > 0, null, { timeout });
}

/** Reads the current view from the URL (`v=zoom/lat/lon`) once the app has written it. */
export async function currentView(page) {
  await page.waitForFunction(() => new URL(location.href).searchParams.has('v'));
  const v = await page.evaluate(() => new URL(location.href).searchParams.get('v'));
  const [zoom, lat, lon] = v.split('/').map(Number);
  return { zoom, lat, lon };
}

/** Screen position (CSS px, relative to the canvas) of lon/lat under a Web Mercator view. */
export function project(view, size, lon, lat) {
  const world = (lo, la) => {
    const s = Math.sin((la * Math.PI) / 180);
    return [lo / 360 + 0.5, 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI];
  };
  const scale = 256 * 2 ** view.zoom;
  const [cx, cy] = world(view.lon, view.lat);
  const [x, y] = world(lon, lat);
  return { x: (x - cx) * scale + size.width / 2, y: (y - cy) * scale + size.height / 2 };
}

export function readGeodata(file) {
  return JSON.parse(fs.readFileSync(path.join(root, 'geodata', file), 'utf8'));
}

export async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, name);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Writes a 49 MB CSV of ~270k made-up sites (SYNTHETIC: "测试地点 N", realistic row widths) to
 * `file`, for the big-import test and benchmark; returns the row count.
 */
export function writeBigCsv(file) {
  const lines = ['名称,经度,纬度,类型,地址,负责人,备注'];
  let size = 0;
  let i = 0;
  while (size < 49 * 1024 * 1024) {
    const lon = (108 + (i % 9973) * 0.0011).toFixed(6);
    const lat = (21 + (i % 7919) * 0.0009).toFixed(6);
    const line = `测试地点${i},${lon},${lat},纪念馆,广东省某市某区某某街道${i}号,负责人${i % 97},第${i}行的备注：一段说明文字用来把行加长到真实表格的宽度`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
    i += 1;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return i;
}

// ---- A page that waits for the data ----

/** Opens the app at `query` in `context` and waits until the data is on the map. */
export async function openApp(context, baseUrl, query = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseUrl + query);
  await page.waitForFunction(() => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) > 0,
    null, { timeout: 30_000 });
  page.errors = errors;
  return page;
}
