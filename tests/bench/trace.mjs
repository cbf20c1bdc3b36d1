// Main-thread CPU time from Chrome traces, for `bench.mjs`. Wall-clock times on a shared
// 2-core machine include waiting for other processes; the trace's thread times (`tdur`)
// do not, so they say what a load phase or a frame costs the page itself.

/** Trace categories: tasks with thread times, user timing marks, canvas and layer work. */
export const LOAD_CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];
export const FRAME_CATEGORIES = [...LOAD_CATEGORIES, 'cc', 'blink', 'v8'];

/** The renderer main thread's events, and its top-level tasks sorted by start. */
function mainThread(trace) {
  const main = new Set(trace.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const events = trace.filter((e) => main.has(`${e.pid}:${e.tid}`));
  const tasks = [];
  for (const e of events.filter((x) => x.ph === 'X' && x.name === 'RunTask').sort((a, b) => a.ts - b.ts)) {
    const last = tasks[tasks.length - 1];
    if (last && last.pid === e.pid && last.tid === e.tid && e.ts < last.ts + last.dur) continue; // nested
    tasks.push(e);
  }
  return { events, tasks };
}

/** CPU ms of the tasks in [t0, t1] (trace µs); a task partly inside counts pro rata. */
function cpuIn(tasks, t0, t1) {
  let us = 0;
  for (const t of tasks) {
    const overlap = Math.min(t1, t.ts + t.dur) - Math.max(t0, t.ts);
    if (overlap > 0 && t.dur > 0) us += (t.tdur ?? t.dur) * (overlap / t.dur);
  }
  return us / 1000;
}

/** Main-thread CPU ms of a page load: navigation -> the mark `end`, and per phase (from the
 *  marks `<phase>:start` / `<phase>:end`). `endMs` is the end mark's performance time,
 *  which places navigation start on the trace clock. */
export function loadCpu(trace, endMs, end = 'redmap:first-frame', phases = {
  fetch: 'redmap:fetch', parse: 'redmap:parse', validate: 'redmap:validate',
  prepare: 'redmap:prepare', clusterIndex: 'redmap:cluster-index',
}) {
  const { events, tasks } = mainThread(trace);
  const mark = (name) => events.find((e) => e.name === name && e.cat?.includes('user_timing'))?.ts;
  const last = mark(end);
  if (last == null) return null;
  const nav = last - endMs * 1000;
  const out = { total: cpuIn(tasks, nav, last) };
  for (const [key, name] of Object.entries(phases)) {
    const [a, b] = [mark(`${name}:start`), mark(`${name}:end`)];
    out[key] = a != null && b != null ? cpuIn(tasks, a, b) : null;
  }
  return out;
}

/** Per frame that changed the map canvas: main-thread CPU ms of its rendering task plus the
 *  tasks since the previous frame (input, timers); and where it went on average. */
export function frameCpu(trace) {
  const { events, tasks } = mainThread(trace);
  const named = (n) => events.filter((e) => e.ph === 'X' && n.test(e.name));
  const begins = named(/^ProxyMain::BeginMainFrame$/);
  const canvas = named(/^Canvas2DResourceProvider::ProduceCanvasResource$/);
  const parts = {
    raster: named(/^LayerTreeHost::DoUpdateLayers$/), raf: named(/^FireAnimationFrame$/),
    input: named(/^EventDispatch$/), gc: named(/^(MinorGC|MajorGC)$/),
  };
  const inside = (list, a, b) => list.filter((e) => e.ts >= a && e.ts < b);
  const cpu = (list) => list.reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0) / 1000;
  const frames = [];
  const sums = { raster: 0, raf: 0, input: 0, gc: 0 };
  let since = tasks.length ? tasks[0].ts : 0;
  let pending = 0;
  for (const t of tasks) {
    const end = t.ts + t.dur;
    const frame = inside(begins, t.ts, end)[0];
    if (!frame) { pending += (t.tdur ?? t.dur) / 1000; continue; }
    if (inside(canvas, t.ts, end).length) {
      frames.push(pending + (t.tdur ?? t.dur) / 1000);
      for (const k of Object.keys(sums)) sums[k] += cpu(inside(parts[k], since, end));
    }
    pending = 0;
    since = end;
  }
  const sorted = [...frames].sort((a, b) => a - b);
  const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null);
  const per = (x) => (frames.length ? x / frames.length : null);
  return {
    frames: frames.length, median: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1] ?? null,
    rasterMs: per(sums.raster), rafMs: per(sums.raf), inputMs: per(sums.input), gcMs: per(sums.gc),
  };
}

/** The longest main-thread task between the marks `<name>:start` and `<name>:end` (how long
 *  the page could not answer input or draw while that phase ran): its wall ms and CPU ms
 *  (wall also counts the time this busy machine gave the thread to other processes). */
export function longestTask(trace, name) {
  const { events, tasks } = mainThread(trace);
  const mark = (n) => events.find((e) => e.name === n && e.cat?.includes('user_timing'))?.ts;
  const [a, b] = [mark(`${name}:start`), mark(`${name}:end`)];
  if (a == null || b == null) return null;
  const inside = tasks.filter((t) => t.ts + t.dur > a && t.ts < b);
  if (!inside.length) return null;
  const longest = inside.reduce((a, t) => (t.dur > a.dur ? t : a));
  const mostCpu = inside.reduce((a, t) => ((t.tdur ?? t.dur) > (a.tdur ?? a.dur) ? t : a));
  return { wall: longest.dur / 1000, cpu: (mostCpu.tdur ?? mostCpu.dur) / 1000, tasks: inside.length };
}
