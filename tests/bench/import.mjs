// redmap import benchmark (`make bench-import`): a 49 MB CSV (~270k rows, SYNTHETIC: names
// "测试地点 N", the file `import_big.test.mjs` imports) imported into the release build
// (dist/) in headless Chromium, on the bundled dataset. Prints numbers; asserts nothing
// (issue 7: "files up to 50 MB import without freezing the page, progress shown").
//
//   node tests/bench/import.mjs [--phone] [--screenshots]
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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, desktop, phone, readGeodata, writeBigCsv } from '../e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const csvPath = path.join(root, 'target', 'bench', 'import-49mb.csv');
const shotDir = path.join(root, 'target', 'screenshots');
const argv = process.argv.slice(2);
const onPhone = argv.includes('--phone');
const shots = argv.includes('--screenshots');

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
  if (!fs.existsSync(path.join(root, 'dist', 'index.html'))) {
    throw new Error('dist/ is missing: run `trunk build --release` (or `make bench-import`)');
  }
  const rows = writeBigCsv(csvPath);
  const bundled = readGeodata('sites.geojson').features.length;
  const loadBefore = load();
  const { server, url } = await serve();
  const browser = await launch();
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
  await page.getByLabel('选择要导入的文件').setInputFiles(csvPath);
  await page.getByRole('dialog').waitFor({ timeout: 600000 });
  const tDialog = await page.evaluate(() => performance.now());
  await page.locator('.import-dialog .dash-button.primary').click();
  const tClick = await page.evaluate(() => performance.now());
  if (shots) {
    await page.waitForFunction(() => {
      const p = document.querySelector('.import-progress progress');
      return p && Number(p.getAttribute('value')) > Number(p.getAttribute('max')) / 2;
    }, null, { timeout: 600000, polling: 100 }).catch(() => {});
    await page.locator('.import-progress').scrollIntoViewIfNeeded().catch(() => {});
    await page.screenshot({ path: path.join(shotDir, `import-big-during-${onPhone ? 'phone' : 'desktop'}.png`) });
  }
  await page.waitForFunction((n) => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n,
    bundled + rows, { timeout: 900000, polling: 200 });
  const tDone = await page.evaluate(() => performance.now());
  const wallDone = Date.now();
  await page.waitForTimeout(1500); // what follows the merge (effects, the first frames)
  if (shots) {
    await page.screenshot({ path: path.join(shotDir, `import-big-after-${onPhone ? 'phone' : 'desktop'}.png`) });
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
  const loadAfter = load();
  await browser.close();
  server.close();
  const fileMB = fs.statSync(csvPath).size / 2 ** 20;
  fs.rmSync(csvPath); // 49 MB: made again by the next run

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

  console.log(`redmap import benchmark: ${rows} rows, ${fileMB.toFixed(1)} MB CSV (SYNTHETIC), ${onPhone ? '390x844' : '1280x800'}, release build in headless Chromium`);
  console.log(`load average (1/5/15 min): before ${loadBefore}, after ${loadAfter}; ${os.cpus().length} cores`);
  console.log(`sites on the map: ${finalCount} (${bundled} bundled + ${rows} imported: ${finalCount === bundled + rows ? 'all' : 'NOT ALL'})`);
  console.log('');
  console.log(`times: read (pick -> dialog) ${f0(tDialog - t0)} ms; import (click -> on the map) ${f0(tDone - tClick)} ms; in all ${f0(wallDone - wall0)} ms`);
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
}

main().catch((e) => { console.error(e); process.exit(1); });
