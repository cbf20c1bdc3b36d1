// A tiny harness for the trip end-to-end test: serves dist/ with node's http module and
// launches Chromium through playwright-core with the team's flags. Kept separate (and
// named for the feature) so it never clashes with a shared harness.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function loadPlaywright() {
  for (const name of [process.env.PLAYWRIGHT_CORE, 'playwright-core', '/work/main/node_modules/playwright-core']) {
    if (!name) continue;
    try { return require(name); } catch { /* try the next */ }
  }
  throw new Error('playwright-core not found (npm install playwright-core, or set PLAYWRIGHT_CORE)');
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }. */
export function serve(dir = process.env.REDMAP_DIST || 'dist') {
  const root = path.resolve(dir);
  // Test data files, served beside the app as /fixtures/... (never copied into dist).
  const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`${root}/index.html missing: run trunk build first`);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const base = pathname.startsWith('/fixtures/') ? fixtures : root;
    let file = path.join(base, pathname.replace(/^\/fixtures\//, '/'));
    if (!file.startsWith(base)) { res.writeHead(403); return res.end(); }
    if (pathname.endsWith('/') || !fs.existsSync(file)) file = pathname.endsWith('/') ? path.join(file, 'index.html') : file;
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); return res.end('not found'); }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
  }));
}

export async function launch() {
  const { chromium } = loadPlaywright();
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens `url` and waits until the data is loaded (the map says how many sites it has). */
export async function openApp(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.waitForFunction(() => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) > 0, null, { timeout: 60_000 });
  return page;
}
