// End to end: build a 4-stop trip, reorder it by keyboard and by drag, optimise it, reload
// (it is still there), export GPX and read the download, open the share link in a fresh
// browser context, and check a shared link never replaces a different trip unasked.
// Run: node --test tests/e2e/trip.test.mjs (after `trunk build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { useApp } from './harness.mjs';
import { fixture, openApp } from './trip_harness.mjs';

const app = useApp({ extra: fixture });

const stopNames = (page) => page.locator('.trip-stop .stop-name').allTextContents();
const tripSection = (page) => page.getByRole('region', { name: /^My trip/ });

test('plan, reorder, optimise, reload, export and share a 4-stop trip', async () => {
  const context = await app.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, `${app.base}?lang=en`);
  const routes = page.getByRole('region', { name: /^Themed routes/ });
  // The Xiqiao route's stops all sit at the town's centre: no "0 m", the distance is unknown.
  const xiqiao = routes.getByRole('button', { name: /Xiqiao deputies' survey/ });
  await xiqiao.waitFor();
  assert.match(await xiqiao.textContent(), /4 stops · distance unknown \(stops placed approximately\) · visits ≈/);
  assert.doesNotMatch(await routes.textContent(), / 0 m /);

  // Three stops from one themed route, a fourth from another route's stepper.
  await routes.getByRole('button', { name: /Nanhai people's congress/ }).click();
  await routes.getByRole('button', { name: 'Add its stops to my trip' }).click();
  await routes.getByRole('button', { name: /Xiqiao deputies' survey/ }).click();
  await routes.getByRole('button', { name: 'Start at stop 1 ›' }).click();
  await routes.getByText('Stop 1 of 4').waitFor();
  await routes.getByRole('button', { name: '+ Add to my trip' }).click();
  const trip = tripSection(page);
  await trip.getByRole('heading', { name: 'My trip (4)' }).waitFor();
  await page.locator('.trip-stop').nth(3).waitFor();
  const built = await stopNames(page);
  assert.equal(built.length, 4);
  assert.match(built[3], /Chen Qiyuan/);
  // The trip took route 1's mode (its card assumes a coach): no leg is too far.
  assert.equal(await trip.getByLabel('Travel mode').inputValue(), 'c');
  assert.equal(await trip.getByText(/too far/).count(), 0);
  // Walking between these towns is tens of km a leg: the planner says so, in the legs' words.
  await trip.getByLabel('Travel mode').selectOption('w');
  await trip.getByText(/in a straight line from the stop before, too far to walk: choose Bus \/ coach or Car as the travel mode\./).first().waitFor();

  // Keyboard: move the first stop down; focus follows the moved stop.
  await trip.getByRole('button', { name: `Move down: ${built[0]}` }).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await stopNames(page), [built[1], built[0], built[2], built[3]]);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'trip-down-1');

  // Pointer: drag the last stop onto the first (both in view: HTML5 drag and drop does not
  // survive the panel scrolling in the middle of a drag).
  await page.locator('.trip-stops').evaluate((list) => list.scrollIntoView({ block: 'start' }));
  await page.locator('.trip-stop').nth(3).dragTo(page.locator('.trip-stop').nth(0));
  const dragged = await stopNames(page);
  assert.deepEqual(dragged, [built[3], built[1], built[0], built[2]]);

  // Optimise from the first stop: never longer, and the start stays first.
  const distanceBefore = await trip.locator('.trip-totals dd').first().textContent();
  await trip.getByRole('button', { name: 'Optimise order' }).click();
  await trip.getByText(/Order optimised/).waitFor();
  const optimised = await stopNames(page);
  assert.equal(optimised[0], dragged[0]);
  assert.equal(new Set(optimised).size, 4);
  const distanceAfter = await trip.locator('.trip-totals dd').first().textContent();
  // "at least ≈ 51 km (± 11 km), 1 leg unknown (…)": the first number is the known part.
  const km = (t) => parseFloat(t.match(/([\d.]+) km/)?.[1]);
  assert.ok(km(distanceAfter) <= km(distanceBefore), `${distanceAfter} > ${distanceBefore}`);
  const times = await page.locator('.trip-stop .stop-times').allTextContents();
  assert.match(times[0], /^09:00–\d\d:\d\d$/);

  // Reload: the trip is still there, in the optimised order.
  await page.reload();
  await page.waitForFunction(() => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) > 0);
  await tripSection(page).getByRole('heading', { name: 'My trip (4)' }).waitFor();
  // The heading is in the side panel's chunk; the stop list in the trip planner's, which
  // may come a moment later.
  await page.locator('.trip-stop').nth(3).waitFor();
  assert.deepEqual(await stopNames(page), optimised);

  // Export GPX: a download named by the trip's date, 4 waypoints and a route.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    tripSection(page).getByRole('group', { name: 'Export' }).getByRole('button', { name: 'GPX' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^redmap-trip-\d{4}-\d{2}-\d{2}\.gpx$/);
  const gpx = fs.readFileSync(await download.path(), 'utf8');
  assert.match(gpx, /<gpx version="1.1"/);
  assert.equal((gpx.match(/<wpt /g) || []).length, 4);
  assert.equal((gpx.match(/<rtept /g) || []).length, 4);
  assert.ok(gpx.includes(`<name>1. ${optimised[0]}</name>`), gpx.slice(0, 600));
  // Valid against the official GPX 1.1 schema when xmllint is installed.
  const lint = spawnSync('xmllint', ['--noout', '--schema', 'tests/schemas/gpx-1.1.xsd', await download.path()], { encoding: 'utf8' });
  if (lint.error) console.log('# xmllint not installed: GPX schema check skipped');
  else assert.equal(lint.status, 0, lint.stderr);

  // Share: the link opens the same trip in a fresh context (no saved trip there).
  await tripSection(page).getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('.share-link').inputValue();
  assert.match(link, /\?trip=1~/);
  // Copied, or (the test browser gives no clipboard permission) a word to copy it by hand.
  await tripSection(page).getByText(/Link copied|Could not copy automatically/).waitFor();
  const fresh = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
  const other = await openApp(fresh, `${link}&lang=en`);
  await tripSection(other).getByRole('heading', { name: 'My trip (4)' }).waitFor();
  await other.locator('.trip-stop').nth(3).waitFor();
  assert.deepEqual(await stopNames(other), optimised);
  assert.doesNotMatch(other.url(), /trip=/, 'the taken link is removed from the address');

  // A different trip of one's own is never replaced unasked: the dialog asks.
  await tripSection(other).getByRole('button', { name: `Remove: ${optimised[3]}` }).click();
  await tripSection(other).getByRole('heading', { name: 'My trip (3)' }).waitFor();
  await other.goto(`${link}&lang=en`);
  const dialog = other.getByRole('dialog', { name: 'Open a shared trip?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Keep my trip' }).click();
  await tripSection(other).getByRole('heading', { name: 'My trip (3)' }).waitFor();
  await other.goto(`${link}&lang=en`);
  await other.getByRole('dialog', { name: 'Open a shared trip?' }).getByRole('button', { name: 'Replace my trip with it' }).click();
  await tripSection(other).getByRole('heading', { name: 'My trip (4)' }).waitFor();
  await tripSection(other).getByRole('button', { name: 'Undo' }).click();
  await tripSection(other).getByRole('heading', { name: 'My trip (3)' }).waitFor();

  // A malformed link says why and leaves the trip alone.
  await other.goto(`${app.base}?lang=en&trip=1~x~0900~~~`);
  await tripSection(other).getByText(/could not be read: mode/).waitFor();
  await tripSection(other).getByRole('heading', { name: 'My trip (3)' }).waitFor();
  await fresh.close();

  // The handout: the stop table, totals and a QR code.
  await tripSection(page).getByRole('button', { name: 'Print handout' }).click();
  const handout = page.getByRole('dialog', { name: /Field trip/ });
  await handout.waitFor();
  assert.equal(await handout.locator('.handout-table tbody tr').count(), 4);
  await handout.getByRole('img', { name: "QR code of the trip's link" }).waitFor();
  // Print waits for the map: a placeholder holds its place, the button says it is not ready.
  const print = handout.getByRole('button', { name: 'Print' });
  if (await handout.getByRole('status').filter({ hasText: 'Drawing the map of the trip' }).count()) {
    assert.equal(await print.getAttribute('aria-disabled'), 'true');
  }
  await handout.getByRole('img', { name: 'Map of the trip' }).waitFor({ timeout: 10_000 });
  assert.equal(await print.getAttribute('aria-disabled'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'handout-print');
  await page.keyboard.press('Escape');
  await handout.waitFor({ state: 'detached' });
  await context.close();
});

test('opening hours and the end of the day are warned of, unknown hours never', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Monday 2026-11-23, walking from 08:00, must end by 09:00.
  const code = '1~w~0800~0900~20261123~~museum-a*60~park-b*30~memorial-c*30~odd-d*30';
  const page = await openApp(context, `${app.base}?lang=en&data=fixtures/hours.geojson&trip=${code}`);
  const trip = tripSection(page);
  await trip.getByRole('heading', { name: 'My trip (4)' }).waitFor();
  const warnings = () => trip.locator('.trip-warnings li').allTextContents();
  // The planner's body is a chunk of its own: wait for it, not for the heading only.
  await trip.locator('.trip-warnings li').first().waitFor();
  // An imported file states no precision (±5 km, as its rings show): 1 km apart, its
  // legs' lengths are unknown and get labelled allowances (trip_legs.test.mjs).
  const [closed, approx, unknown, late, ...rest] = await warnings();
  assert.equal(closed, '⚠ Stop 1: closed that day');
  assert.match(approx, /^⚠ 4 stops are placed approximately \(up to ± 5\.0 km/);
  assert.match(unknown, /^⚠ 3 legs have no known distance .* allows 4 h 30 min for them, an allowance, not an estimate\.$/);
  // Its end rests on those allowances: "≈".
  assert.match(late, /^⚠ The day runs past 09:00 \(from stop 2; it ends ≈ 15:00\)\.$/);
  assert.deepEqual(rest, [], 'no warning for 24/7 or for hours we cannot read');
  const rows = page.locator('.trip-stop');
  await rows.nth(3).getByText('周二至周日 9:00-17:00 (hours unknown)').waitFor();
  await rows.nth(2).getByText('✓ 24/7').waitFor();

  // Tuesday: the museum is open that day, but the class arrives at 08:00, before 09:00.
  await trip.getByLabel('Date', { exact: true }).fill('2026-11-24');
  await trip.getByText('Stop 1: outside opening hours').waitFor();
  // Starting at 09:00 fixes it; no end time, no warning about the day at all (only the
  // positions' two).
  await trip.getByLabel('Start', { exact: true }).fill('09:00');
  await trip.getByLabel('Must end by (optional)', { exact: true }).fill('');
  await page.waitForFunction(() => document.querySelectorAll('.trip-warnings li').length === 2);
  assert.match((await warnings()).join('\n'), /^⚠ 4 stops are placed approximately[^\n]*\n⚠ 3 legs have no known distance/);
  assert.match(await rows.nth(0).locator('.hours').textContent(), /^✓ Tu-Su 09:00-17:00$/);
  await context.close();
});

test('two tabs of the same browser keep one trip', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const a = await openApp(context, `${app.base}?lang=en&trip=1~w~0900~~~~qiandenghu-park~dungen-village~jiujiang-ferry`);
  await tripSection(a).getByRole('heading', { name: 'My trip (3)' }).waitFor();
  const b = await openApp(context, `${app.base}?lang=en`);
  await tripSection(b).getByRole('heading', { name: 'My trip (3)' }).waitFor();
  await tripSection(a).getByRole('button', { name: 'Remove: Jiujiang ferry' }).click();
  await tripSection(b).getByRole('heading', { name: 'My trip (2)' }).waitFor();
  await context.close();
});
