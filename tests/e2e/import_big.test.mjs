// A 49 MB CSV import in the built app, timed (issue 7: "files up to 50 MB import without
// freezing the page, progress shown"), then ~48 MB GeoJSON, GPX and KML files (SYNTHETIC,
// tests/bench/import_files.mjs; needs target/synthetic/100k). Slow, so only with REDMAP_BIG=1:
//   REDMAP_BIG=1 node --test tests/e2e/import_big.test.mjs
// Prints the times and the longest main-thread task seen (PerformanceObserver 'longtask').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp, desktop, readGeodata, writeBigCsv } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const big = path.join(here, '../../target/import-49mb.csv');
const bundledSites = readGeodata('sites.geojson').features.length;

const app = useApp({ skip: !process.env.REDMAP_BIG });

test('a 49 MB CSV imports with progress; times and longest task printed', { skip: !process.env.REDMAP_BIG, timeout: 600000 }, async () => {
  const rows = writeBigCsv(big);
  const context = await app.browser.newContext(desktop);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${app.base}?lang=zh`);
  await page.waitForFunction((n) => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, bundledSites);
  await page.evaluate(() => { window.__longest = 0; });
  const t0 = Date.now();
  await page.getByLabel('选择要导入的文件').setInputFiles(big);
  await page.getByRole('dialog').waitFor({ timeout: 300000 });
  const tDialog = Date.now();
  const readLongest = await page.evaluate(() => window.__longest);
  await page.evaluate(() => { window.__longest = 0; });
  await page.getByRole('button', { name: `导入 ${rows} 行` }).click();
  const sawProgress = await page.locator('.import-progress progress').waitFor({ timeout: 60000 }).then(() => true, () => false);
  await page.waitForFunction((n) => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n,
    bundledSites + rows, { timeout: 600000 });
  const tDone = Date.now();
  const importLongest = await page.evaluate(() => window.__longest);
  const unkept = await page.locator('.import-unkept').textContent().catch(() => '');
  console.log(`rows=${rows} file=${(fs.statSync(big).size / 1048576).toFixed(1)} MB`);
  console.log(`read+decode+table: ${tDialog - t0} ms (longest task ${readLongest.toFixed(0)} ms)`);
  console.log(`convert+merge+map: ${tDone - tDialog} ms (longest task ${importLongest.toFixed(0)} ms), progress shown: ${sawProgress}`);
  console.log(`storage: ${unkept}`);
  assert.ok(sawProgress);
  assert.match(unkept, /MB/);
  fs.rmSync(big);
  await context.close();
});

test('~48 MB GeoJSON, GPX and KML files import in slices with progress; longest task printed', { skip: !process.env.REDMAP_BIG, timeout: 900000 }, async () => {
  const { writeBigFiles } = await import('../bench/import_files.mjs');
  const files = writeBigFiles(path.join(here, '../../target/import-big'));
  for (const [format, file] of Object.entries(files)) {
    const context = await app.browser.newContext(desktop);
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longest = 0;
      window.__reading = new Set();
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
      const look = () => {
        const p = document.querySelector('.import-progress progress');
        const label = document.querySelector('.import-progress span')?.textContent ?? '';
        if (p && p.getAttribute('max') && label.startsWith('正在读取')) window.__reading.add(p.getAttribute('value'));
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto(`${app.base}?lang=zh`);
    await page.waitForFunction((n) => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n, bundledSites);
    await page.evaluate(() => { window.__longest = 0; });
    const t0 = Date.now();
    await page.getByLabel('选择要导入的文件').setInputFiles(file);
    await page.getByRole('checkbox', { name: new RegExp(path.basename(file).replace('.', '\\.')) }).waitFor({ timeout: 600000 });
    const [longest, reading, sites] = await page.evaluate(() => [window.__longest, window.__reading.size,
      Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount)]);
    console.log(`${format}: ${(fs.statSync(file).size / 1048576).toFixed(1)} MB, ${sites - bundledSites} sites in ${Date.now() - t0} ms, longest task ${longest.toFixed(0)} ms, progress while reading: ${reading} values`);
    assert.ok(reading >= 3, `${format}: the bar moved ${reading} times while reading`);
    assert.ok(sites > bundledSites + 50000, `${format}: ${sites - bundledSites} sites`);
    fs.rmSync(file);
    await context.close();
  }
});
