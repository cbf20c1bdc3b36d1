// redmap import benchmark (`make bench-import`): a big file of each format imported into the
// release build (dist/, or REDMAP_DIST) in headless Chromium, on the bundled dataset, one
// fresh page per file: a 49 MB CSV (~270k rows, SYNTHETIC: names "测试地点 N", the file
// `import_big.test.mjs` imports) and ~48 MB GeoJSON, GPX and KML files made from the
// synthetic 100k dataset (tests/bench/import_files.mjs). Prints numbers; asserts nothing
// (issue 7: "files up to 50 MB import without freezing the page, progress shown").
//
//   node tests/bench/import.mjs [--phone] [--screenshots] [--formats csv,geojson,gpx,kml]
//   (also: geojson-broken, gpx-doctype, gpx-broken, kml-truncated, gpx-onetrack, kml-oneline,
//   kml-nested: broken, one-record or nested variants of the big files, see import_files.mjs
//   writeVariants)
//
// What it prints:
// - the main thread's long tasks (PerformanceObserver 'longtask': tasks over 50 ms) during
//   the import: count, longest, total; and per step of the import (the `redmap:<step>`
//   measures of src/ui/perf.rs), which step each long task was mostly spent in ("other":
//   time inside no measure, e.g. the reactive effects and DOM updates after a merge).
// - frames: the longest gap between two animation frames (the page frozen that long) and
//   how many times the progress bar moved.
// - times: file picked -> mapping dialog (read, decode, table), Import clicked -> the map
//   counts the new sites (convert, merge, cluster), and in all.
// - memory: wasm linear memory (`?bench=1`, never shrinks, so it is the peak) and the JS
//   heap after a forced GC (CDP), at the end.
// - the load average before and after (the machine is shared: times are wall-clock).
// - at the end, one line per format: the longest main-thread task and frame gap.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, desktop, phone, readGeodata, writeBigCsv } from '../e2e/harness.mjs';
import { writeBigFiles, writeVariants } from './import_files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const csvPath = path.join(root, 'target', 'bench', 'import-49mb.csv');
const shotDir = path.join(root, 'target', 'screenshots');
const argv = process.argv.slice(2);
const onPhone = argv.includes('--phone');
const shots = argv.includes('--screenshots');
const formatsArg = argv.includes('--formats') ? argv[argv.indexOf('--formats') + 1] : 'csv,geojson,gpx,kml';
const formats = formatsArg.split(',').map((f) => f.trim()).filter(Boolean);

/** Long tasks, animation-frame gaps and progress values, recorded in the page. */
function probe() {
  window.__imp = { tasks: [], frames: [], progress: [], on: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__imp.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let last = null;
  const frame = (t) => {
    const imp = window.__imp;
    if (imp.on) {
      imp.frames.push(t);
      const p = document.querySelector('.import-progress progress');
      const v = p ? `${p.getAttribute('value')}/${p.getAttribute('max')}` : null;
      if (v !== last) { imp.progress.push([t, v]); last = v; }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

const f0 = (x) => (x == null ? '—' : x.toFixed(0));
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function main() {
  const dist = process.env.REDMAP_DIST || path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist} is missing: run \`trunk build --release\` (or \`make bench-import\`)`);
  }
  const files = {};
  if (formats.includes('csv')) files.csv = { file: csvPath, rows: writeBigCsv(csvPath) };
  const others = formats.filter((f) => f !== 'csv');
  if (others.length) {
    const dir = path.join(root, 'target', 'bench');
    const made = writeBigFiles(dir);
    const variants = writeVariants(dir, others.filter((f) => !made[f]), made);
    for (const f of others) {
      if (!made[f] && !variants[f]) throw new Error(`unknown format ${f}`);
      files[f] = { file: made[f] ?? variants[f] };
    }
    for (const f of ['geojson', 'gpx', 'kml'].filter((f) => !others.includes(f))) fs.rmSync(made[f]);
  }
  const bundled = readGeodata('sites.geojson').features.length;
  const { server, url } = await serve(dist);
  const browser = await launch();
  const summary = [];
  try {
    for (const format of formats) {
      summary.push(await runOne(browser, url, format, files[format], bundled));
    }
  } finally {
    await browser.close();
    server.close();
    for (const { file } of Object.values(files)) fs.rmSync(file, { force: true }); // remade next run
  }
  console.log('');
  console.log(`summary (${onPhone ? '390x844' : '1280x800'}; load average now ${load()}):`);
  console.log('  format          MB   sites+routes   longest task   longest frame gap   long tasks   time ms   wasm MB');
  for (const r of summary) {
    console.log(`  ${r.format.padEnd(14)} ${r.mb.toFixed(1).padStart(5)} ${String(r.added).padStart(14)} ${f0(r.max).padStart(14)} ${f0(r.gap).padStart(19)} ${String(r.count).padStart(12)} ${f0(r.ms).padStart(9)} ${f0(r.wasm).padStart(9)}`);
  }
}

/** Imports one big file in a fresh page; prints its details and returns its numbers. */
async function runOne(browser, url, format, { file, rows }, bundled) {
  const loadBefore = load();
  const context = await browser.newContext(onPhone ? phone : desktop);
  const page = await context.newPage();
  await page.addInitScript(probe);
  await page.goto(`${url}?lang=zh&bench=1`);
  const count = () => page.evaluate(() => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount));
  await page.waitForFunction((n) => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, bundled);
  await page.waitForTimeout(1000); // the activities, read after the first frame
  const t0 = await page.evaluate(() => {
    window.__imp.tasks = []; window.__imp.on = true;
    performance.clearMeasures();
    return performance.now();
  });
  const wall0 = Date.now();
  await page.getByLabel('选择要导入的文件').setInputFiles(file);
  let tDialog = null;
  let tClick = t0;
  if (format === 'csv') {
    await page.getByRole('dialog').waitFor({ timeout: 600000 });
    tDialog = await page.evaluate(() => performance.now());
    await page.locator('.import-dialog .dash-button.primary').click();
    tClick = await page.evaluate(() => performance.now());
  }
  if (shots) {
    await page.waitForFunction(() => {
      const p = document.querySelector('.import-progress progress');
      return p && Number(p.getAttribute('value')) > Number(p.getAttribute('max')) / 2;
    }, null, { timeout: 600000, polling: 100 }).catch(() => {});
    await page.locator('.import-progress').scrollIntoViewIfNeeded().catch(() => {});
    await page.screenshot({ path: path.join(shotDir, `import-big-${format}-during-${onPhone ? 'phone' : 'desktop'}.png`) });
  }
  // Done: the new layer is listed (its checkbox, named after the file).
  await page.getByRole('checkbox', { name: new RegExp(path.basename(file).replace(/\./g, '\\.')) })
    .waitFor({ timeout: 900000 });
  const tDone = await page.evaluate(() => performance.now());
  const wallDone = Date.now();
  await page.waitForTimeout(1500); // what follows the merge (effects, the first frames)
  if (shots) {
    await page.screenshot({ path: path.join(shotDir, `import-big-${format}-after-${onPhone ? 'phone' : 'desktop'}.png`) });
  }
  const rec = await page.evaluate(() => ({
    tasks: window.__imp.tasks,
    frames: window.__imp.frames,
    progress: window.__imp.progress,
    measures: performance.getEntriesByType('measure')
      .filter((m) => m.name.startsWith('redmap:'))
      .map((m) => [m.name.slice(7), m.startTime, m.duration]),
    wasm: window.__redmapBench?.memory?.buffer.byteLength ?? 0,
  }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const finalCount = await count();
  const routes = await page.locator('.import-layers li').first().textContent().catch(() => '');
  const problems = await page.locator('.import-problems tbody tr').allTextContents().catch(() => []);
  const loadAfter = load();
  await context.close();
  const fileMB = fs.statSync(file).size / 2 ** 20;

  // ---- attribution: for each long task, its time inside each step's measures
  const tasks = rec.tasks.filter(([s]) => s >= t0 - 1);
  const perStep = new Map();
  const rowsOut = [];
  for (const [start, dur] of tasks) {
    const inside = new Map();
    for (const [name, ms, md] of rec.measures) {
      const overlap = Math.min(start + dur, ms + md) - Math.max(start, ms);
      if (overlap > 0) inside.set(name, (inside.get(name) ?? 0) + overlap);
    }
    const covered = [...inside.values()].reduce((a, b) => a + b, 0);
    if (dur - covered > 1) inside.set('other', dur - covered);
    const main = [...inside.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'other';
    const s = perStep.get(main) ?? { n: 0, max: 0, total: 0 };
    perStep.set(main, { n: s.n + 1, max: Math.max(s.max, dur), total: s.total + dur });
    rowsOut.push({ start: start - t0, dur, parts: [...inside.entries()].sort((a, b) => b[1] - a[1]) });
  }
  const frames = rec.frames.filter((t) => t >= t0 && t <= tDone);
  let gap = 0;
  const gaps = [];
  for (let i = 1; i < frames.length; i++) {
    gap = Math.max(gap, frames[i] - frames[i - 1]);
    gaps.push([frames[i - 1] - t0, frames[i] - frames[i - 1]]);
  }
  const topGaps = gaps.sort((a, b) => b[1] - a[1]).slice(0, 5);
  const moves = rec.progress.filter(([t, v]) => t >= t0 && v !== null).length;

  const added = finalCount - bundled;
  console.log('');
  console.log(`==== ${format.toUpperCase()}: ${path.basename(file)}, ${fileMB.toFixed(1)} MB (SYNTHETIC), ${onPhone ? '390x844' : '1280x800'}, release build in headless Chromium`);
  console.log(`load average (1/5/15 min): before ${loadBefore}, after ${loadAfter}; ${os.cpus().length} cores`);
  const all = rows == null ? '' : `: ${finalCount === bundled + rows ? 'all' : 'NOT ALL'} ${rows} rows`;
  console.log(`sites on the map: ${finalCount} (${bundled} bundled + ${added} imported${all}); layer: ${routes.replace(/\s+/g, ' ').slice(0, 120)}`);
  if (problems.length) {
    console.log(`problems listed: ${problems.length}; first: ${problems.slice(0, 3).map((p) => p.replace(/\s+/g, ' ').slice(0, 160)).join(' | ')}`);
  }
  console.log('');
  const read = tDialog == null ? '' : `read (pick -> dialog) ${f0(tDialog - t0)} ms; `;
  console.log(`times: ${read}import (${tDialog == null ? 'pick' : 'click'} -> listed) ${f0(tDone - tClick)} ms; in all ${f0(wallDone - wall0)} ms`);
  const total = tasks.reduce((a, [, d]) => a + d, 0);
  const max = tasks.reduce((a, [, d]) => Math.max(a, d), 0);
  console.log(`long tasks (> 50 ms): ${tasks.length}, longest ${f0(max)} ms, total ${f0(total)} ms`);
  console.log(`over 100 ms: ${tasks.filter(([, d]) => d > 100).length}; over 200 ms: ${tasks.filter(([, d]) => d > 200).length}`);
  console.log(`longest gap between animation frames: ${f0(gap)} ms; progress bar changes: ${moves}`);
  console.log(`  longest frame gaps (from ms after pick: gap ms): ${topGaps.map(([at, g]) => `${f0(at)}: ${f0(g)}`).join(', ')}`);
  console.log(`  frames during the import: ${frames.length} in ${f0(tDone - t0)} ms`);
  console.log(`memory: wasm ${(rec.wasm / 2 ** 20).toFixed(0)} MB (peak), JS heap ${(heap.usedSize / 2 ** 20).toFixed(1)} MB (after GC)`);
  console.log('');
  console.log('long tasks by the step they were mostly in:');
  console.log('  step               count   longest     total');
  for (const [name, s] of [...perStep.entries()].sort((a, b) => b[1].total - a[1].total)) {
    console.log(`  ${name.padEnd(18)} ${String(s.n).padStart(5)} ${f0(s.max).padStart(9)} ${f0(s.total).padStart(9)}`);
  }
  console.log('');
  console.log('the 8 longest tasks (start after pick, ms; what they held):');
  for (const r of rowsOut.sort((a, b) => b.dur - a.dur).slice(0, 8)) {
    console.log(`  at ${f0(r.start).padStart(6)}: ${f0(r.dur).padStart(5)} ms = ${r.parts.map(([n, d]) => `${n} ${f0(d)}`).join(', ')}`);
  }
  return { format, mb: fileMB, added, max, gap, count: tasks.length, ms: wallDone - wall0, wasm: rec.wasm / 2 ** 20 };
}

main().catch((e) => { console.error(e); process.exit(1); });
