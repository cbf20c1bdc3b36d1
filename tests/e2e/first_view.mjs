// The first view's size (issue 2: at most 250 KB gzip): the wasm, scripts and stylesheets the
// browser fetches before the map's first frame (`performance.mark("redmap:first-frame")`),
// on the start URL with no interaction, at 1280×800 and at 390×844, counted with their
// gzip -9 sizes (zlib level 9) from dist/. Data files and the HTML are not counted. A file
// counts if its download STARTED before the mark (Resource Timing, read a moment after the
// mark so that entries still in flight are finished). What starts within the next seconds
// (the side panel's chunk, see src/ui/lazy.rs) is listed too, as "right after".
//
// Used by first_view.test.mjs; run directly (`node tests/e2e/first_view.mjs`, after
// `trunk build --release`) it prints the report: .ci/size.sh does so.
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, desktop, phone, distDir } from './harness.mjs';

export const BUDGET_BYTES = 250 * 1024;
export const VIEWPORTS = { '1280x800': desktop, '390x844': phone };

const counted = /\.(wasm|m?js|css)$/;
const gzipCache = new Map();

/** gzip -9 size of a file of dist/ (`null` when it is not there). */
export function gzipSize(urlPath, dir = distDir) {
  if (!gzipCache.has(urlPath)) {
    const file = path.join(dir, decodeURIComponent(urlPath));
    const size = file.startsWith(dir) && fs.existsSync(file)
      ? zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : null;
    gzipCache.set(urlPath, size);
  }
  return gzipCache.get(urlPath);
}

/**
 * Opens `base` in a fresh context with `options` (viewport...), waits for the first frame and
 * `settleMs` more, and returns { before, after }: the counted files (path, gzip) whose
 * download started before the mark, and those that started after it.
 */
export async function measure(browser, base, options, settleMs = 1500) {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForFunction(
      () => performance.getEntriesByName('redmap:first-frame').length > 0, null, { timeout: 30000 });
    await page.waitForTimeout(settleMs);
    const entries = await page.evaluate(() => {
      const mark = performance.getEntriesByName('redmap:first-frame')[0].startTime;
      return performance.getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname, early: e.startTime < mark }));
    });
    const files = (early) => [...new Set(entries.filter((e) => e.early === early).map((e) => e.path))]
      .filter((p) => counted.test(p))
      .map((p) => ({ path: p, gzip: gzipSize(p) }));
    return { before: files(true), after: files(false) };
  } finally {
    await context.close();
  }
}

export const total = (files) => files.reduce((sum, f) => sum + (f.gzip ?? 0), 0);
const kb = (bytes) => (bytes / 1024).toFixed(1);

/** The report lines of one viewport's measure. */
export function report(name, { before, after }) {
  const lines = [`first view at ${name} (fetched before redmap:first-frame, gzip -9):`];
  for (const f of before) {
    lines.push(`  ${f.path.slice(1).padEnd(44)} ${String(f.gzip ?? '?').padStart(8)} B gzip${f.gzip == null ? ' (not in dist/)' : ''}`);
  }
  const sum = total(before);
  lines.push(`  first view ${name}: ${kb(sum)} KB gzip (budget 250 KB: ${sum <= BUDGET_BYTES ? 'within' : 'OVER'})`);
  if (after.length) {
    const parts = after.filter((f) => !/^\/chunk_/.test(f.path)).map((f) => f.path.slice(1));
    const shared = after.length - parts.length;
    lines.push(`  right after the first frame: ${kb(total(after))} KB gzip in ${after.length} files (${parts.join(' + ')}${shared ? ` + ${shared} shared chunk_*.wasm` : ''})`);
  }
  return lines.join('\n');
}

// Run directly: measure both viewports and print.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { server, url } = await serve();
  const browser = await launch();
  try {
    for (const [name, options] of Object.entries(VIEWPORTS)) {
      console.log(report(name, await measure(browser, url, options)));
    }
  } finally {
    await browser.close();
    server.close();
  }
}
