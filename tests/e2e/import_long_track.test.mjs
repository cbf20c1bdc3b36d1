// One long GPS log (issue 7): a ~18 MB GPX of a single track of 300k points (SYNTHETIC),
// one of them bad in the middle, is read in slices with progress shown (its points a run at
// a time: the track read as one tree was one ~0.8 s task here), the page drawing frames
// throughout; then the layer is listed with its route and waypoint, the bad point listed
// with its track, segment, index and line, and the waypoint counted on the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp, desktop, readGeodata, screenshot } from './harness.mjs';
import { openProbed } from './frame_probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, '../../target/import-long-track');
const bundledSites = readGeodata('sites.geojson').features.length;
const app = useApp();

/** The longest gap between animation frames allowed: loose (a shared 2-core machine,
 * other helpers building); the track read whole was one task of ~0.8 s, and the frame
 * after it waits for the map to draw the new line too. */
const MAX_GAP_MS = 500;

/** A track of `n` points; point `bad` has a latitude that is not a number. Returns the
 * line of the bad point. */
function longTrack(file, n, bad) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="redmap SYNTHETIC e2e" xmlns="http://www.topografix.com/GPX/1/1">',
    '<wpt lat="23.05" lon="113.1"><name>长轨迹起点 SYNTHETIC</name></wpt>',
    '<trk><name>合成长轨迹 SYNTHETIC</name><trkseg>'];
  let badLine = 0;
  for (let k = 0; k < n; k++) {
    const lon = (113.1 + (k % 20000) * 0.00004 + 0.0003 * Math.sin(k / 40)).toFixed(6);
    const lat = (23.05 + Math.floor(k / 20000) * 0.001 + 0.0003 * Math.cos(k / 40)).toFixed(6);
    if (k === bad) badLine = out.length + 1;
    out.push(`<trkpt lat="${k === bad ? 'abc' : lat}" lon="${lon}"><ele>${k % 300}</ele></trkpt>`);
  }
  out.push('</trkseg></trk>', '</gpx>', '');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, out.join('\n'));
  return badLine;
}

test('an 18 MB GPX of one track: progress, the page drawing throughout, then the route, its bad point and the waypoint', { timeout: 600000 }, async () => {
  const file = path.join(dir, 'long-track.gpx');
  const n = 300000;
  const bad = 150000;
  const line = longTrack(file, n, bad);
  const mb = fs.statSync(file).size / 2 ** 20;
  assert.ok(mb > 15, `${mb} MB`);
  const { context, page, errors } = await openProbed(app, desktop);
  await page.evaluate(() => { window.__gap = 0; window.__gapOn = true; window.__bar = false; });
  await page.getByLabel('选择要导入的文件').setInputFiles(file);
  await page.getByRole('checkbox', { name: /long-track\.gpx/ }).waitFor({ timeout: 300000 });
  const { gap, bar } = await page.evaluate(() => { window.__gapOn = false; return { gap: window.__gap, bar: window.__bar }; });
  console.log(`one-track GPX ${mb.toFixed(1)} MB: longest frame gap ${gap.toFixed(0)} ms, progress bar seen: ${bar}`);
  assert.ok(bar, 'a progress bar while it was read');
  assert.ok(gap < MAX_GAP_MS, `the page froze ${gap.toFixed(0)} ms`);
  assert.match(await page.locator('.import-layer').textContent(), /1 个地点，1 条路线/);
  await page.getByRole('row', { name: new RegExp(`错误\\s*long-track\\.gpx\\s*航迹 trk\\[0\\]（第 4 行）\\s*trkseg\\[0\\]\\.trkpt\\[${bad}\\]（第 ${line} 行）`) }).waitFor();
  await page.waitForFunction((m) => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === m,
    bundledSites + 1, { timeout: 120000 });
  await page.locator('.import-layer').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-long-track-1280x800.png');
  assert.deepEqual(errors, []);
  await context.close();
  fs.rmSync(file);
});
