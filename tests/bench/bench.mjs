// redmap benchmark (`make bench`): the release build (dist/) in headless Chromium on the
// SYNTHETIC 1k / 10k / 100k datasets (target/synthetic/), and two references from npm in
// the same run, same browser, same sites.geojson: Leaflet 1.9 + Leaflet.markercluster, and
// supercluster (JS). Prints a table and whether the targets of issue 4 are met; writes the
// raw numbers to target/bench/results.json. Asserts nothing: it measures.
//
//   node tests/bench/bench.mjs [--sizes 1k,10k,100k] [--runs 3] [--no-refs] [--profile]
//
// Definitions (also printed under the table):
// - first frame: navigation start -> `performance.mark("redmap:first-frame")` (the first
//   frame with features drawn), median of `--runs` page loads. data loaded: ->
//   `redmap:data-loaded` (activities and visits are read after the first frame; the
//   gestures, the filter and the memory wait for them). The load phases are the `redmap:<phase>` measures (ui/perf.rs).
// - frame (pan, zoom): main-thread time of one frame that changed the map = from the
//   frame's requestAnimationFrame timestamp to the first task after that frame's rendering
//   update (input handling + rAF callbacks incl. the map draw + style/layout/paint). Real
//   input: pointer drag (page.mouse) for pan, the wheel for zoom, one input step at a time.
//   `gap` is the longest interval between two frames during the gesture (a stall).
//   `draw` is the app's own draw time per frame (`?bench=1` hook, src/ui/bench.rs).
// - filter: `__redmapBench.keepOneIn(2)` (sets `site_mask` to every other site: the path any
//   filter takes: re-cluster + redraw) -> the frame showing it is rendered. There is no
//   filter UI yet; `layer` is the closest UI proxy: the sites checkbox "地点" off, then on.
// - memory: JS heap used after a forced GC (CDP Runtime.getHeapUsage) + wasm linear memory
//   (`memory.buffer.byteLength`; it never shrinks, so it is the wasm peak).
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve, launch, desktop } from '../e2e/harness.mjs';
import { FRAME_CATEGORIES, LOAD_CATEGORIES, frameCpu, loadCpu, longestTask } from './trace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const here = path.dirname(fileURLToPath(import.meta.url));
const synthDir = path.join(root, 'target', 'synthetic');
const outDir = path.join(root, 'target', 'bench');
const nodeModules = fs.existsSync(path.join(root, 'node_modules'))
  ? path.join(root, 'node_modules') : '/work/main/node_modules';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : argv[i + 1];
};
const sizes = opt('sizes', process.env.BENCH_SIZES || '1k,10k,100k').split(',');
const withRefs = !argv.includes('--no-refs');
const profile = argv.includes('--profile');
// Loads per size (the first also runs the gestures); the table shows the median run.
const runs = Math.max(1, Number(opt('runs', process.env.BENCH_RUNS || 3)));

const TARGETS = { firstFrameMs: 1500, frameP95Ms: 16, memoryMB: 150, atSize: '100k' };

// ------------------------------------------------------------------------------- serving
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.geojson': 'application/geo+json', '.png': 'image/png',
};
function sendFile(res, file) {
  if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404); res.end('not found'); return true;
  }
  // Content-Length, as static file servers send it (redmap sizes its record lists by it).
  res.writeHead(200, {
    'content-type': types[path.extname(file)] || 'application/octet-stream',
    'content-length': fs.statSync(file).size,
  });
  fs.createReadStream(file).pipe(res);
  return true;
}
/** Files under `dir` for the URL rest `rest` (no escaping out of `dir`). */
const under = (dir, rest) => {
  const file = path.join(dir, decodeURIComponent(rest));
  return file.startsWith(dir) ? file : null;
};
const routes = [
  ['/vendor/leaflet/', path.join(nodeModules, 'leaflet/dist')],
  ['/vendor/markercluster/', path.join(nodeModules, 'leaflet.markercluster/dist')],
  ['/vendor/supercluster/', path.join(nodeModules, 'supercluster/dist')],
  ['/bench/', path.join(here, 'pages')],
];
/** /synthetic/<size>/… from target/synthetic; /synthetic/<size>-noact/dataset.json is the
 *  same manifest without the activities and visits layers: sites.geojson (the bytes the
 *  references load) plus the small regions and routes files the sites refer to (without
 *  regions every site would be an "unknown region" issue). */
function extra(req, res) {
  const { pathname } = new URL(req.url, 'http://x');
  for (const [prefix, dir] of routes) {
    if (pathname.startsWith(prefix)) return sendFile(res, under(dir, pathname.slice(prefix.length)));
  }
  const m = pathname.match(/^\/synthetic\/([0-9a-z]+?)(-noact)?\/(.+)$/);
  if (!m) return false;
  const file = under(path.join(synthDir, m[1]), m[3]);
  if (m[2] && m[3] === 'dataset.json' && file && fs.existsSync(file)) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    manifest.layers = manifest.layers.filter((l) => !['activities', 'visits'].includes(l.type));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(manifest));
    return true;
  }
  return sendFile(res, file);
}

// ------------------------------------------------------------------ in-page instruments
// Installed before any page script: frame recorder and "after the next rendered frame".
function instruments() {
  const afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(0);
  }));
  const b = {
    afterNextFrame,
    recording: null,
    startFrames() {
      const rec = { frames: [], start: performance.now() };
      b.recording = rec;
      const loop = (t) => {
        if (b.recording !== rec) return;
        const f = { t, post: null };
        rec.frames.push(f);
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { f.post = performance.now(); };
        ch.port2.postMessage(0);
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    async stopFrames() {
      await afterNextFrame();
      const rec = b.recording;
      b.recording = null;
      rec.end = performance.now();
      return rec;
    },
  };
  window.__bench = b;
  addEventListener('TrunkApplicationStarted', () => { b.wasmStarted = performance.now(); });
  // wasm memory over time, sampled between tasks: [ms, bytes] whenever it changed.
  b.wasmMemory = [];
  const sample = () => {
    const bytes = window.__redmapBench?.memory?.buffer.byteLength;
    const last = b.wasmMemory[b.wasmMemory.length - 1];
    if (bytes != null && (!last || last[1] !== bytes)) b.wasmMemory.push([performance.now(), bytes]);
  };
  b.sampler = setInterval(sample, 5);
}

const nextFrame = (page) => page.evaluate(() => window.__bench.afterNextFrame());

/** Frame statistics of a recording (see the definitions at the top). `updates` are the
 *  times the map changed (redmap: draw starts; Leaflet: `move` events): the frame times
 *  are of the frames that changed the map (the others, waiting for the next input step,
 *  are idle and kept apart as `allFrames`). */
function frameStats(rec, updates, draws = []) {
  const frames = rec.frames.filter((f) => f.post != null);
  const work = (fs) => fs.map((f) => f.post - f.t);
  const busy = frames.filter((f) => updates.some((u) => u >= f.t && u <= f.post));
  const gaps = frames.slice(1).map((f, i) => f.t - frames[i].t);
  const drawMs = [];
  for (let i = 0; i + 1 < draws.length; i += 2) {
    if (draws[i] >= rec.start && draws[i] <= rec.end) drawMs.push(draws[i + 1] - draws[i]);
  }
  const all = work(frames);
  const changed = work(busy);
  return {
    frames: busy.length, median: quantile(changed, 0.5), p95: quantile(changed, 0.95),
    max: changed.length ? Math.max(...changed) : null,
    allFrames: { frames: frames.length, median: quantile(all, 0.5), p95: quantile(all, 0.95) },
    gapMax: gaps.length ? Math.max(...gaps) : null,
    intervalMedian: quantile(gaps, 0.5), intervalP95: quantile(gaps, 0.95),
    draws: drawMs.length, drawMedian: quantile(drawMs, 0.5), drawP95: quantile(drawMs, 0.95),
  };
}

const drawStarts = (draws) => draws.filter((_, i) => i % 2 === 0);

function quantile(xs, q) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

// ----------------------------------------------------------------------------- gestures
async function center(page, selector) {
  const box = await page.locator(selector).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a rectangle (300 x 200 px) in 10 px steps, one step per frame; returns frames. */
async function pan(page, selector) {
  const c = await center(page, selector);
  await page.mouse.move(c.x, c.y);
  await nextFrame(page);
  await page.evaluate(() => window.__bench.startFrames());
  await page.mouse.down();
  let { x, y } = c;
  for (const [dx, dy] of [[300, 0], [0, 200], [-300, 0], [0, -200]]) {
    const n = Math.max(Math.abs(dx), Math.abs(dy)) / 10;
    for (let i = 0; i < n; i++) {
      x += dx / n; y += dy / n;
      await page.mouse.move(x, y);
      await nextFrame(page);
    }
  }
  await page.mouse.up();
  // Let whatever runs after the gesture (e.g. markercluster's re-cluster on moveend) land.
  for (let i = 0; i < 5; i++) await nextFrame(page);
  return page.evaluate(() => window.__bench.stopFrames());
}

/** 15 wheel steps in (deltaY -100) then 15 out at the centre, one per frame. */
async function zoom(page, selector) {
  const c = await center(page, selector);
  await page.mouse.move(c.x, c.y);
  await nextFrame(page);
  await page.evaluate(() => window.__bench.startFrames());
  for (const dy of [...Array(15).fill(-100), ...Array(15).fill(100)]) {
    await page.mouse.wheel(0, dy);
    await nextFrame(page);
  }
  for (let i = 0; i < 3; i++) await nextFrame(page);
  return page.evaluate(() => window.__bench.stopFrames());
}

/** Runs a gesture under a Chrome trace: per-frame main-thread CPU and where it goes
 *  (tests/bench/trace.mjs). Tracing slows frames a little; the CPU times exclude waiting. */
async function traceGesture(browser, page, gesture, selector) {
  await browser.startTracing(page, { categories: FRAME_CATEGORIES });
  await gesture(page, selector);
  return frameCpu(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
}

/** Waits until the map has drawn nothing for `quietMs` (base map arriving, URL effects). */
async function settle(page, quietMs = 400, timeoutMs = 10000) {
  await page.evaluate(async ([quiet, timeout]) => {
    const draws = window.__redmapBench?.draws;
    const t0 = performance.now();
    let lastCount = -1, since = performance.now();
    while (performance.now() - t0 < timeout) {
      await window.__bench.afterNextFrame();
      const n = draws ? draws.length : 0;
      if (n !== lastCount) { lastCount = n; since = performance.now(); }
      if (performance.now() - since >= quiet) return;
    }
  }, [quietMs, timeoutMs]);
}

// ------------------------------------------------------------------------------- redmap
async function memory(context, page, wasm) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmBytes = wasm ? await page.evaluate(() => window.__redmapBench.memory.buffer.byteLength) : 0;
  await cdp.detach();
  return { jsHeapUsedMB: heap.usedSize / 2 ** 20, jsHeapTotalMB: heap.totalSize / 2 ** 20, wasmMB: wasmBytes / 2 ** 20 };
}

/** Load timings from the marks, measures and resource timing of a redmap page. */
function loadTimings(page) {
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const measure = (name) => {
      const m = performance.getEntriesByName(name, 'measure')[0];
      return m ? { start: m.startTime, ms: m.duration } : null;
    };
    const resources = performance.getEntriesByType('resource')
      .filter((r) => r.name.includes('/synthetic/') || r.name.includes('.wasm'))
      .map((r) => ({ name: r.name.replace(location.origin, ''), start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize }));
    const firstFrame = at('redmap:first-frame');
    const draws = window.__redmapBench.draws;
    let firstDraw = null;
    for (let i = 0; i + 1 < draws.length; i += 2) {
      if (draws[i + 1] <= firstFrame + 0.5 && draws[i + 1] >= firstFrame - 50) firstDraw = draws[i + 1] - draws[i];
    }
    const nav = performance.getEntriesByType('navigation')[0];
    // wasm memory (MB) when the files were in, and once parsed and checked.
    const mem = window.__bench.wasmMemory;
    const before = (t) => mem.filter(([at]) => at <= t).pop()?.[1];
    const after = (t) => mem.find(([at]) => at >= t)?.[1];
    const fetchEnd = performance.getEntriesByName('redmap:fetch:end')[0]?.startTime;
    const firstFrameAt = performance.getEntriesByName('redmap:first-frame')[0]?.startTime;
    const loadedAt = performance.getEntriesByName('redmap:data-loaded')[0]?.startTime;
    const MB = (x) => (x == null ? null : x / 2 ** 20);
    return {
      wasmMB: { filesIn: MB(before(fetchEnd)), firstFrame: MB(after(firstFrameAt)), dataLoaded: MB(after(loadedAt)), samples: mem.map(([t, x]) => [Math.round(t), MB(x)]) },
      firstFrame, dataLoaded: at('redmap:data-loaded'), wasmStarted: window.__bench.wasmStarted ?? null,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      fetch: measure('redmap:fetch'), parse: measure('redmap:parse'), validate: measure('redmap:validate'),
      later: measure('redmap:later'), copied: at('redmap:later-copied'),
      prepare: measure('redmap:prepare'), clusterIndex: measure('redmap:cluster-index'),
      // The first frame drawn from sites.points (then sites.geojson read: `sites`), or not.
      fromPoints: at('redmap:points-preview') != null, sites: measure('redmap:sites'),
      firstDraw, resources,
    };
  });
}

async function redmapRun(browser, base, size, { gestures = true, noActivities = false, profileIt = false } = {}) {
  const context = await browser.newContext(desktop);
  await context.addInitScript(instruments);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = profileIt ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const dir = noActivities ? `${size}-noact` : size;
  if (!cdp) await browser.startTracing(page, { categories: LOAD_CATEGORIES });
  await page.goto(`${base}?data=/synthetic/${dir}/dataset.json&bench=1`);
  await page.waitForFunction(
    () => performance.getEntriesByName('redmap:first-frame').length > 0, null,
    { timeout: 180000, polling: 50 });
  // Activities and visits are read after the first frame; everything below waits for them.
  await page.waitForFunction(
    () => performance.getEntriesByName('redmap:data-loaded').length > 0, null,
    { timeout: 180000, polling: 50 });
  const load = await loadTimings(page);
  if (!cdp) {
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    load.cpu = loadCpu(trace, load.firstFrame);
    const all = loadCpu(trace, load.dataLoaded, 'redmap:data-loaded', { later: 'redmap:later', validate: 'redmap:validate', sites: 'redmap:sites' });
    if (load.cpu && all) Object.assign(load.cpu, { dataLoaded: all.total, later: all.later, validate: all.validate, sites: all.sites });
    // The longest the page stood still while the files were read after the first frame.
    load.longestTask = { sites: longestTask(trace, 'redmap:sites'), later: longestTask(trace, 'redmap:later') };
  }
  if (cdp) {
    const { profile: p } = await cdp.send('Profiler.stop');
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, `redmap-${size}-load.cpuprofile`), JSON.stringify(p));
    load.profile = summariseProfile(p);
    await cdp.detach();
  }
  const r = { size: noActivities ? `${size} (no activities)` : size, load, errors };
  if (gestures) {
    const heapAtFirstFrame = await page.evaluate(() => performance.memory?.usedJSHeapSize / 2 ** 20);
    await settle(page);
    const view = await page.evaluate(() => new URL(location.href).searchParams.get('v'));
    const panRec = await pan(page, 'canvas.map-canvas');
    await settle(page);
    const draws1 = await page.evaluate(() => [...window.__redmapBench.draws]);
    const zoomRec = await zoom(page, 'canvas.map-canvas');
    await settle(page);
    const draws2 = await page.evaluate(() => [...window.__redmapBench.draws]);
    r.view = view;
    r.pan = frameStats(panRec, drawStarts(draws1), draws1);
    r.zoom = frameStats(zoomRec, drawStarts(draws2), draws2);
    r.panCpu = await traceGesture(browser, page, pan, 'canvas.map-canvas');
    await settle(page);
    r.zoomCpu = await traceGesture(browser, page, zoom, 'canvas.map-canvas');
    await settle(page);
    r.filter = await timeFilter(page);
    r.layer = await timeLayerToggle(page);
    r.memory = { ...(await memory(context, page, true)), jsHeapAtFirstFrameMB: heapAtFirstFrame };
    r.memory.totalMB = r.memory.jsHeapUsedMB + r.memory.wasmMB;
  }
  await context.close();
  return r;
}

/** `keepOneIn(2)` then back to all: each until the frame showing it is rendered. */
function timeFilter(page) {
  return page.evaluate(async () => {
    const b = window.__redmapBench;
    const out = {};
    for (const [name, n] of [['apply', 2], ['clear', 1]]) {
      await window.__bench.afterNextFrame();
      const before = performance.getEntriesByName('redmap:cluster-index').length;
      const t0 = performance.now();
      b.keepOneIn(n);
      for (let i = 0; i < 2000; i++) {
        const post = await window.__bench.afterNextFrame();
        const m = performance.getEntriesByName('redmap:cluster-index');
        if (m.length > before) {
          const last = m[m.length - 1];
          const lastDrawStart = b.draws[b.draws.length - 2];
          if (lastDrawStart >= last.startTime + last.duration) {
            out[name] = { ms: post - t0, clusterIndexMs: last.duration };
            break;
          }
        }
      }
    }
    return out;
  });
}

/** The sites layer checkbox off, then on, each until its frame is rendered. */
function timeLayerToggle(page) {
  return page.evaluate(async () => {
    const box = document.getElementById('layer-sites');
    const draws = window.__redmapBench.draws;
    const out = {};
    for (const name of ['off', 'on']) {
      await window.__bench.afterNextFrame();
      const t0 = performance.now();
      box.click();
      for (let i = 0; i < 2000; i++) {
        const post = await window.__bench.afterNextFrame();
        if (draws[draws.length - 2] >= t0) { out[name] = post - t0; break; }
      }
    }
    return out;
  });
}

/** Where the CPU went from navigation to the first frame: self and inclusive time per
 *  function (wasm functions by their name-section names when the build keeps them). */
function summariseProfile(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const label = (n) => {
    const cf = n.callFrame;
    const file = cf.url ? cf.url.split('/').pop().replace(/-[0-9a-f]{16}/, '') : '';
    return `${cf.functionName || '(anonymous)'}${file ? ` [${file}]` : ''}`;
  };
  const self = new Map();
  const incl = new Map();
  const add = (m, k, dt) => m.set(k, (m.get(k) || 0) + dt);
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    let id = p.samples[i];
    add(self, label(byId.get(id)), dt);
    const seen = new Set();
    while (id != null) {
      const k = label(byId.get(id));
      if (!seen.has(k)) { seen.add(k); add(incl, k, dt); }
      id = parent.get(id);
    }
  }
  const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([name, ms]) => ({ name, ms: Math.round(ms) }));
  const buckets = {};
  for (const [name, ms] of self) {
    const b = /\.wasm\]$|^wasm-function/.test(name) ? 'wasm' : /^\((idle|program|garbage collector)\)$/.test(name)
      ? name.slice(1, -1) : 'JS (glue, Leptos DOM, page)';
    buckets[b] = Math.round((buckets[b] || 0) + ms);
  }
  return { buckets, self: top(self, 30), inclusive: top(incl, 60) };
}

// --------------------------------------------------------------------------- references
/** Opens a reference page, traced until it is ready; `cpu` is main-thread CPU ms from
 *  navigation to its `bench:ready` mark, and per `phases` (marks `<name>:start/end`). */
async function refPage(browser, base, page_, size, query = '', phases = {}) {
  const context = await browser.newContext(desktop);
  await context.addInitScript(instruments);
  const page = await context.newPage();
  await browser.startTracing(page, { categories: LOAD_CATEGORIES });
  await page.goto(`${base}bench/${page_}?data=/synthetic/${size}/sites.geojson${query}`);
  await page.waitForFunction(() => window.benchReady || window.benchError, null,
    { timeout: 300000, polling: 100 });
  const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const err = await page.evaluate(() => window.benchError);
  if (err) throw new Error(`${page_} ${size}: ${err}`);
  const times = await page.evaluate(() => window.benchTimes);
  const readyAt = await page.evaluate(() => performance.getEntriesByName('bench:ready')[0]?.startTime);
  return { context, page, times, cpu: loadCpu(trace, readyAt, 'bench:ready', phases) };
}

async function leafletRun(browser, base, size) {
  const { context, page, times, cpu } = await refPage(browser, base, 'leaflet.html', size);
  await settle(page, 300);
  const panRec = await pan(page, '#map');
  const moves = await page.evaluate(() => window.benchMoves);
  const mem = await memory(context, page, false);
  await context.close();
  return { size, firstView: times.firstView, firstViewCpu: cpu?.total, times, pan: frameStats(panRec, moves), memory: mem };
}

async function superclusterRun(browser, base, size, view) {
  const [zoom, lat, lon] = (view || '4/30/110').split('/').map(Number);
  const q = `&z=${Math.floor(zoom)}&zoom=${zoom}&lat=${lat}&lon=${lon}&runs=2`;
  const { context, times, cpu } = await refPage(browser, base, 'supercluster.html', size, q, { index: 'bench:index' });
  await context.close();
  const [cold, ...warm] = times.indexRuns;
  return { size, indexColdMs: cold, indexColdCpu: cpu?.index, indexWarmMs: quantile(warm, 0.5), drawMs: times.draw, times };
}

// -------------------------------------------------------------------------------- output
const f0 = (x) => (x == null || Number.isNaN(x) ? '—' : Math.round(x).toString());
const f1 = (x) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(1));
const ratio = (a, b) => (a == null || b == null || !b ? '—' : `${(a / b).toFixed(2)}x`);

function table(rows, cols) {
  const cells = rows.map((r) => cols.map(([, fn]) => fn(r)));
  const widths = cols.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => x.padStart(widths[i])).join('  ');
  return [line(cols.map(([h]) => h)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main() {
  const missing = sizes.filter((s) => !fs.existsSync(path.join(synthDir, s, 'dataset.json')));
  if (missing.length) throw new Error(`no synthetic data for ${missing}: run cargo run --release --bin redmap-synth`);
  const { server, url: base } = await serve(undefined, extra);
  const browser = await launch();
  const started = Date.now();
  const results = {
    when: new Date().toISOString(), chromium: browser.version(), cpus: os.cpus().length,
    loadavg: os.loadavg(), targets: TARGETS, redmap: [], redmapNoActivities: [], leaflet: [], supercluster: [],
  };
  try {
    for (const size of sizes) {
      process.stderr.write(`[bench] ${size}: redmap…`);
      const r = await redmapRun(browser, base, size);
      const loads = [r.load];
      for (let i = 1; i < runs; i++) loads.push((await redmapRun(browser, base, size, { gestures: false })).load);
      loads.sort((a, b) => a.firstFrame - b.firstFrame);
      r.load = loads[Math.floor((loads.length - 1) / 2)];
      if (profile && size === sizes[sizes.length - 1]) {
        process.stderr.write(' profile…'); // an extra load: profiling slows it, so it is not one of the runs
        r.load.profile = (await redmapRun(browser, base, size, { gestures: false, profileIt: true })).load.profile;
      }
      r.firstFrameRuns = loads.map((l) => l.firstFrame);
      results.redmap.push(r);
      process.stderr.write(' redmap (no activities)…');
      results.redmapNoActivities.push(await redmapRun(browser, base, size, { gestures: false, noActivities: true }));
      if (withRefs) {
        process.stderr.write(' supercluster…');
        results.supercluster.push(await superclusterRun(browser, base, size, r.view));
        process.stderr.write(' leaflet…');
        results.leaflet.push(await leafletRun(browser, base, size));
      }
      process.stderr.write(' done\n');
    }
  } finally {
    await browser.close();
    server.close();
  }
  results.seconds = (Date.now() - started) / 1000;
  report(results);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
  console.log(`\nraw numbers: ${path.relative(process.cwd(), path.join(outDir, 'results.json'))} (${results.seconds.toFixed(0)} s)`);
}

function report(res) {
  const by = (list, size) => list.find((x) => x.size === size);
  console.log(`\nredmap benchmark — Chromium ${res.chromium}, ${res.cpus} cores, load average ${res.loadavg.map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`SYNTHETIC data (target/synthetic). Times in ms, memory in MB. First frame: median of ${runs} loads.\n`);
  console.log(table(res.redmap, [
    ['size', (r) => r.size],
    ['first frame', (r) => f0(r.load.firstFrame)],
    ['data loaded', (r) => f0(r.load.dataLoaded)],
    ['pan p50', (r) => f1(r.pan?.median)], ['pan p95', (r) => f1(r.pan?.p95)],
    ['zoom p50', (r) => f1(r.zoom?.median)], ['zoom p95', (r) => f1(r.zoom?.p95)],
    ['filter', (r) => f0(r.filter?.apply?.ms)], ['layer on', (r) => f0(r.layer?.on)],
    ['JS heap', (r) => f1(r.memory?.jsHeapUsedMB)], ['wasm', (r) => f1(r.memory?.wasmMB)],
    ['memory', (r) => f1(r.memory?.totalMB)],
  ]));
  console.log(`\nwhere the load goes (ms; the median load of ${runs}). fetch: the map's layer files (sites, routes, regions),`);
  console.log('each parsed as its bytes arrive (geodata::ChunkedLayer); prepare: Loaded::new; then, after the first frame, later:');
  console.log('activities + visits read the same way; validate: check_dataset_with over everything. wasm MB: linear memory then.');
  console.log('from: what the first frame was drawn from: "points" = the sites layer\'s sites.points (positions, kinds, precision;');
  console.log('src/domain/geodata/points.rs), sites.geojson then read after it ("sites after"); "geojson" = sites.geojson itself.');
  console.log(table(res.redmap, [
    ['size', (r) => r.size],
    ['loads', (r) => (r.firstFrameRuns || []).map(f0).join('/')],
    ['wasm started', (r) => f0(r.load.wasmStarted)],
    ['fetch', (r) => f0(r.load.fetch?.ms)],
    ['prepare', (r) => f0(r.load.prepare?.ms)],
    ['cluster index', (r) => f0(r.load.clusterIndex?.ms)],
    ['first draw', (r) => f1(r.load.firstDraw)],
    ['first frame', (r) => f0(r.load.firstFrame)],
    ['from', (r) => (r.load.fromPoints ? 'points' : 'geojson')],
    ['sites after', (r) => f0(r.load.sites?.ms)],
    ['later', (r) => f0(r.load.later?.ms)],
    ['validate', (r) => f0(r.load.validate?.ms)],
    ['data loaded', (r) => f0(r.load.dataLoaded)],
    ['w/o activities', (r) => f0(by(res.redmapNoActivities, `${r.size} (no activities)`)?.load.firstFrame)],
    ['wasm MB first frame', (r) => f0(r.load.wasmMB?.firstFrame)],
    ['wasm MB loaded', (r) => f0(r.load.wasmMB?.dataLoaded)],
  ]));
  console.log('\nframes and filter (ms): draw = the map\'s own draw calls per frame (?bench=1 hook); gap = longest frame interval');
  console.log(table(res.redmap, [
    ['size', (r) => r.size],
    ['pan draw p50', (r) => f1(r.pan?.drawMedian)], ['pan draw p95', (r) => f1(r.pan?.drawP95)],
    ['zoom draw p50', (r) => f1(r.zoom?.drawMedian)], ['zoom draw p95', (r) => f1(r.zoom?.drawP95)],
    ['pan gap', (r) => f0(r.pan?.gapMax)], ['zoom gap', (r) => f0(r.zoom?.gapMax)],
    ['filter re-cluster', (r) => f0(r.filter?.apply?.clusterIndexMs)],
    ['filter clear', (r) => f0(r.filter?.clear?.ms)],
    ['layer off', (r) => f0(r.layer?.off)],
  ]));
  console.log('\nmain-thread CPU (ms, from Chrome traces: the page\'s own cost, without waiting for the other processes on this');
  console.log('machine). Load: the median run. Frames: the same pan and zoom again, traced; per pan frame: raster = the 2D');
  console.log('canvas rasterised (in software here: no GPU) + layers updated; rAF = rAF callbacks (the map draw); input; GC.');
  console.log('longest task: the longest main-thread task while sites.geojson was read after the first frame (wall ms; CPU ms of');
  console.log('the task that used the most CPU): how long the page could not answer input or draw meanwhile');
  console.log(table(res.redmap, [
    ['size', (r) => r.size],
    ['first frame', (r) => f0(r.load.cpu?.total)],
    ['fetch', (r) => f0(r.load.cpu?.fetch)], ['cluster index', (r) => f0(r.load.cpu?.clusterIndex)],
    ['sites after', (r) => f0(r.load.cpu?.sites)],
    ['longest task', (r) => f0(r.load.longestTask?.sites?.wall)],
    ['CPU', (r) => f0(r.load.longestTask?.sites?.cpu)],
    ['later', (r) => f0(r.load.cpu?.later)], ['validate', (r) => f0(r.load.cpu?.validate)],
    ['data loaded', (r) => f0(r.load.cpu?.dataLoaded)],
    ['pan p50', (r) => f1(r.panCpu?.median)], ['pan p95', (r) => f1(r.panCpu?.p95)],
    ['zoom p50', (r) => f1(r.zoomCpu?.median)], ['zoom p95', (r) => f1(r.zoomCpu?.p95)],
    ['pan: raster', (r) => f1(r.panCpu?.rasterMs)], ['rAF', (r) => f1(r.panCpu?.rafMs)],
    ['input', (r) => f1(r.panCpu?.inputMs)], ['GC', (r) => f1(r.panCpu?.gcMs)],
  ]));
  if (res.leaflet.length) {
    const lf = (r) => by(res.leaflet, r.size);
    const sc = (r) => by(res.supercluster, r.size);
    const noAct = (r) => by(res.redmapNoActivities, `${r.size} (no activities)`);
    console.log('\nreference 1: Leaflet 1.9.4 + Leaflet.markercluster 1.5.3 on the same sites.geojson, same browser');
    console.log('(ratios are redmap / Leaflet: < 1 means redmap is faster; CPU = main-thread CPU ms, as above)');
    console.log(table(res.redmap, [
      ['size', (r) => r.size],
      ['JSON in', (r) => f0(lf(r)?.times.parsed)],
      ['first view', (r) => f0(lf(r)?.firstView)],
      ['CPU', (r) => f0(lf(r)?.firstViewCpu)],
      ['redmap/Leaflet first', (r) => ratio(r.load.firstFrame, lf(r)?.firstView)],
      ['CPU', (r) => ratio(r.load.cpu?.total, lf(r)?.firstViewCpu)],
      ['same bytes', (r) => ratio(noAct(r)?.load.firstFrame, lf(r)?.firstView)],
      ['CPU', (r) => ratio(noAct(r)?.load.cpu?.total, lf(r)?.firstViewCpu)],
      ['pan p50', (r) => f1(lf(r)?.pan.median)],
      ['pan p95', (r) => f1(lf(r)?.pan.p95)],
      ['pan gap', (r) => f0(lf(r)?.pan.gapMax)],
      ['redmap/Leaflet pan p95', (r) => ratio(r.pan?.p95, lf(r)?.pan.p95)],
      ['JS heap', (r) => f1(lf(r)?.memory.jsHeapUsedMB)],
    ]));
    console.log('\nreference 2: supercluster 8.0.1 (JS) indexing the same points, same options as redmap\'s index');
    console.log('(bound = supercluster cold index + redmap\'s own first-frame draw; ratios redmap first frame / bound)');
    console.log(table(res.redmap, [
      ['size', (r) => r.size],
      ['SC index cold', (r) => f0(sc(r)?.indexColdMs)],
      ['CPU', (r) => f0(sc(r)?.indexColdCpu)],
      ['warm', (r) => f0(sc(r)?.indexWarmMs)],
      ['redmap index', (r) => f0(r.load.clusterIndex?.ms)],
      ['CPU', (r) => f0(r.load.cpu?.clusterIndex)],
      ['bound', (r) => f0(scBound(r, res))],
      ['CPU', (r) => f0(scBoundCpu(r, res))],
      ['redmap/bound', (r) => ratio(r.load.firstFrame, scBound(r, res))],
      ['CPU', (r) => ratio(r.load.cpu?.total, scBoundCpu(r, res))],
    ]));
  }
  console.log(`
frame  = main-thread ms of a frame that moved the map (rAF timestamp -> first task after its rendering update), real input;
         gap = longest interval between frames during the gesture. Pan: pointer drag 300x200 px; zoom: 15 wheel steps in, 15 out.
filter = __redmapBench.keepOneIn(2) (site_mask: every other site; re-cluster + redraw) -> frame rendered. No filter UI exists
         yet; 'layer on' is the closest UI proxy: the sites checkbox "地点" switched back on -> frame rendered.
memory = JS heap used after a forced GC + wasm linear memory (never shrinks).
redmap loads every layer of the dataset (sites AND activities: ${sizeMB('100k')} MB at 100k); the references load sites.geojson only;
         'w/o activities' is redmap on the same manifest minus activities+visits (sites.geojson + the small regions and
         routes files: about the bytes the references load); 'same bytes' is its ratio to Leaflet's first view.
Leaflet: JSON in = navigation -> sites.geojson fetched and JSON.parse'd; first view = markers made, clustered, rendered.
supercluster: cold = the page's first index of the points (as a page load would); warm = the median of 2 more.`);
  const r = by(res.redmap, TARGETS.atSize);
  if (!r) return;
  const bound = scBound(r, res);
  const boundCpu = scBoundCpu(r, res);
  const cpu = r.load.cpu?.total;
  const both = (wall, c, limit) => ({ wall, cpu: c, met: wall <= limit, metCpu: c == null ? null : c <= limit });
  const checks = [
    [`first frame ≤ ${TARGETS.firstFrameMs} ms`, both(r.load.firstFrame, cpu, TARGETS.firstFrameMs)],
    ['first frame ≤ supercluster index + one draw', {
      wall: r.load.firstFrame, cpu, limit: bound, limitCpu: boundCpu,
      met: bound != null ? r.load.firstFrame <= bound : null,
      metCpu: boundCpu != null && cpu != null ? cpu <= boundCpu : null }],
    [`pan frame p95 ≤ ${TARGETS.frameP95Ms} ms`, both(r.pan.p95, r.panCpu?.p95, TARGETS.frameP95Ms)],
    [`zoom frame p95 ≤ ${TARGETS.frameP95Ms} ms`, both(r.zoom.p95, r.zoomCpu?.p95, TARGETS.frameP95Ms)],
    [`memory ≤ ${TARGETS.memoryMB} MB (JS heap + wasm)`, { wall: r.memory.totalMB, met: r.memory.totalMB <= TARGETS.memoryMB }],
  ];
  console.log(`\ntargets at ${TARGETS.atSize} points (as measured, wall clock; and in main-thread CPU, i.e. without the waiting`);
  console.log('for CPU that the other processes on this shared machine cause):');
  const verdict = (ok) => (ok == null ? 'n/a ' : ok ? 'MET ' : 'MISS');
  for (const [what, v] of checks) {
    const limits = v.limit != null ? ` (bound ${f0(v.limit)} wall, ${f0(v.limitCpu)} CPU)` : '';
    const cpuPart = v.cpu !== undefined ? `;  ${verdict(v.metCpu)} in CPU: ${f1(v.cpu)}` : '';
    console.log(`  ${verdict(v.met)}  ${what}: ${f1(v.wall)}${cpuPart}${limits}`);
  }
  res.targetChecks = checks.map(([what, v]) => ({ what, ...v }));
  console.log(`  (first frame at ${TARGETS.atSize} drawn from ${r.load.fromPoints ? 'sites.points; sites.geojson read after it' : 'sites.geojson'})`);
  const prof = res.redmap[res.redmap.length - 1].load.profile;
  if (prof) {
    console.log(`\nCPU profile of the ${res.redmap[res.redmap.length - 1].size} load (navigation -> first frame), self ms: ${JSON.stringify(prof.buckets)}`);
    console.log('  (the release wasm has no name section: wasm functions show as wasm-function[N]; full profile in target/bench/)');
  }
}

function scBoundCpu(r, res) {
  const sc = res.supercluster.find((x) => x.size === r.size);
  return sc?.indexColdCpu != null && r.load.firstDraw != null ? sc.indexColdCpu + r.load.firstDraw : null;
}

function scBound(r, res) {
  const sc = res.supercluster.find((x) => x.size === r.size);
  return sc && r.load.firstDraw != null ? sc.indexColdMs + r.load.firstDraw : null;
}

function sizeMB(size) {
  try {
    const dir = path.join(synthDir, size);
    const bytes = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
    return (bytes / 1e6).toFixed(0);
  } catch { return '?'; }
}

main().catch((e) => { console.error(e); process.exit(1); });
