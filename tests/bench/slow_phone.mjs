// The app on a slow phone: how long after the map's first frame the side panel's content
// (the `side_panel` chunk, src/ui/lazy.rs) is shown, and what the browser fetches meanwhile.
// Not a test: it prints numbers.
//
//   node tests/bench/slow_phone.mjs [--runs 3] [--rtt 400] [--down 1.6] [--cpu 4] [--url '?lang=en']
//
// Serves dist/ (run `trunk build --release` first; code and data gzip-compressed, as a web
// server would, so the bytes on the emulated wire are those .ci/size.sh counts) and opens it in Chromium at 390x844 with a
// fresh profile each run (empty caches, no service worker yet), under "Slow 4G"-like
// conditions: CDP `Network.emulateNetworkConditions` (`--rtt` ms added to each request,
// `--down` Mbit/s down, 0.75 Mbit/s up) and `Emulation.setCPUThrottlingRate` (`--cpu`).
// The service worker registered after the first frame fetches with the same emulated network
// (its target is throttled too, see `throttleWorkers`), as it would on a real phone.
//
// Per run it prints: the first frame (ms from navigation), the side panel's content (ms after
// the first frame), the code files fetched until the side panel's code was in (how many, KB on
// the wire), and when the lower-priority files finished (pinyin table, rivers/lakes,
// activities), after the first frame.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, phone, distDir } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const runs = Number(opt('runs', 3));
const rttMs = Number(opt('rtt', 400));
const downMbps = Number(opt('down', 1.6));
const cpu = Number(opt('cpu', 4));
const query = opt('url', '');

const conditions = {
  offline: false,
  latency: rttMs,
  downloadThroughput: (downMbps * 1e6) / 8,
  uploadThroughput: (0.75 * 1e6) / 8,
};

// The side panel's content is in when its placeholder (loading line) is replaced by the
// sections (src/ui/panels/side.rs).
const watchPanel = `(() => {
  const seen = () => {
    const panel = document.querySelector('.side-panel');
    if (panel && !panel.querySelector('.chunk-placeholder')
        && panel.querySelector('section, h2, details, button:not(.sheet-handle)')) {
      performance.mark('bench:side-panel');
      return true;
    }
    return false;
  };
  const start = () => {
    if (seen()) return;
    const obs = new MutationObserver(() => { if (seen()) obs.disconnect(); });
    obs.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.documentElement) start(); else addEventListener('DOMContentLoaded', start);
})();`;

/** Throttles every service-worker target too (a page's emulation does not cover them). It
 *  attaches as soon as the worker's target appears, which is before its install step runs
 *  (the step that fetches the whole build). */
async function throttleWorkers(browser) {
  const cdp = await browser.newBrowserCDPSession();
  let id = 0;
  const send = (sessionId, method, params = {}) => cdp.send('Target.sendMessageToTarget', {
    sessionId, message: JSON.stringify({ id: ++id, method, params }),
  }).catch(() => {});
  const workers = [];
  cdp.on('Target.targetCreated', async ({ targetInfo }) => {
    if (targetInfo.type !== 'service_worker') return;
    try {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: false });
      await send(sessionId, 'Network.enable');
      await send(sessionId, 'Network.emulateNetworkConditions', conditions);
      workers.push(targetInfo.url);
    } catch (e) {
      console.warn(`service worker not throttled: ${e.message}`);
    }
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  return workers;
}

async function once(browser, base) {
  const context = await browser.newContext(phone);
  try {
    await context.addInitScript(watchPanel);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', conditions);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.goto(base + query);
    await page.waitForFunction(() => performance.getEntriesByName('bench:side-panel').length > 0,
      null, { timeout: 120000, polling: 100 });
    // Let the lower-priority files finish, to say when they did.
    await page.waitForFunction(() => {
      const names = performance.getEntriesByType('resource').map((e) => e.name);
      return ['pinyin.bin', 'rivers.geojson', 'activities.json']
        .every((f) => names.some((n) => n.includes(f)));
    }, null, { timeout: 120000, polling: 250 }).catch(() => {});
    return await page.evaluate(() => {
      const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
      const ff = at('redmap:first-frame');
      const panel = at('bench:side-panel');
      const res = performance.getEntriesByType('resource').map((e) => ({
        path: new URL(e.name).pathname.slice(1),
        start: e.startTime, end: e.responseEnd, bytes: e.transferSize || e.encodedBodySize,
      }));
      // Code fetched from the first frame until the side panel's code was in (the app's mark
      // redmap:side-panel; builds without it: until its content was shown).
      const codeIn = at('redmap:side-panel') ?? panel;
      const between = res.filter((r) => r.start >= ff && r.start < codeIn && /\.(wasm|js)$/.test(r.path));
      const done = (re) => {
        const r = res.filter((x) => re.test(x.path));
        return r.length ? Math.max(...r.map((x) => x.end)) - ff : null;
      };
      return {
        firstFrame: ff,
        panel: panel - ff,
        files: between.length,
        chunks: between.filter((r) => /(^|\/)chunk_/.test(r.path)).length,
        kb: between.reduce((s, r) => s + r.bytes, 0) / 1024,
        pinyin: done(/pinyin\.bin$/),
        riversLakes: done(/(rivers|lakes)\.geojson$/),
        activities: done(/activities\.json$/),
        list: between.map((r) => `${r.path.replace(/-[0-9a-f]{16}/, '')} ${Math.round(r.start - ff)}-${Math.round(r.end - ff)} ms`),
      };
    });
  } finally {
    await context.close();
  }
}

/** Answers for dist/ files that compress (wasm, scripts, css, JSON), gzip'd when asked. */
const gzipped = new Map();
const compressible = { '.wasm': 'application/wasm', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.geojson': 'application/geo+json' };
function gzipServe(req, res) {
  const url = new URL(req.url, 'http://x');
  const file = path.join(distDir, decodeURIComponent(url.pathname));
  const type = compressible[path.extname(file)];
  if (!type || !file.startsWith(distDir) || !/\bgzip\b/.test(req.headers['accept-encoding'] || '')
    || !fs.existsSync(file) || !fs.statSync(file).isFile()) return false;
  if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));
  res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
  res.end(gzipped.get(file));
  return true;
}

const fmt = (ms) => (ms == null ? '   -' : `${Math.round(ms)}`.padStart(5));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { server, url } = await serve(distDir, gzipServe);
const browser = await launch();
try {
  const workers = await throttleWorkers(browser);
  console.log(`slow phone: 390x844, RTT ${rttMs} ms, ${downMbps} Mbit/s down, CPU x${cpu}, ${runs} runs, dist ${distDir}`);
  console.log('run  first-frame  panel-after-ff  files(chunks)  KB-between  pinyin  rivers/lakes  activities  (ms; the last three after ff)');
  const all = [];
  for (let i = 0; i < runs; i++) {
    const r = await once(browser, url);
    all.push(r);
    console.log(`${String(i + 1).padStart(3)}  ${fmt(r.firstFrame)}        ${fmt(r.panel)}          ${String(r.files).padStart(3)} (${String(r.chunks).padStart(3)})     ${r.kb.toFixed(0).padStart(6)}   ${fmt(r.pinyin)}   ${fmt(r.riversLakes)}        ${fmt(r.activities)}`);
  }
  const m = (k) => median(all.map((r) => r[k]).filter((x) => x != null));
  console.log(`median: first frame ${fmt(m('firstFrame'))} ms; side panel ${fmt(m('panel'))} ms after it; ${m('files')} files (${m('chunks')} chunk_*) fetched in between`);
  console.log(`service workers throttled: ${workers.length}`);
  if (process.env.BENCH_LIST) console.log(all[0].list.join('\n'));
} finally {
  await browser.close();
  server.close();
}
