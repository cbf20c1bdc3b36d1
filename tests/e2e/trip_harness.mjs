// What the trip tests add to the shared harness (harness.mjs): tests/e2e/fixtures/ answered
// as /fixtures/ beside the app (`useApp({ extra: fixture })`; test data, never copied into
// dist), and a page that waits until the data is on the map.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Answers /fixtures/<file> from tests/e2e/fixtures; false for anything else. */
export function fixture(req, res) {
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (!pathname.startsWith('/fixtures/')) return false;
  const file = path.join(fixtures, pathname.slice('/fixtures/'.length));
  if (!file.startsWith(fixtures) || !fs.existsSync(file)) {
    res.writeHead(404);
    res.end('not found');
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/geo+json' });
  fs.createReadStream(file).pipe(res);
  return true;
}

/** Opens `url` and waits until the data is loaded (the map says how many sites it has). */
export async function openApp(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.waitForFunction(() => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) > 0, null, { timeout: 60_000 });
  return page;
}
