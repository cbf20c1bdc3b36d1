// The printed handout of a one-town trip (the four Xiqiao stops, all placed at the 西樵镇
// town point ±5 km): its map is drawn for the page at print resolution, fitted to the stops'
// ring and showing it, with no line of the route selected on screen; Esc closes the handout
// wherever the focus is and gives the focus back to the button that opened it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { useApp, screenshotDir } from './harness.mjs';
import { openApp } from './trip_harness.mjs';

const app = useApp();

const XIQIAO = '?lang=en&trip=1~w~0900~~20261122~~chen-qiyuan-memorial-hall~nanhai-silk-factory-study-base'
  + '~xiqiao-xiangyunsha-silk-museum~baili-fanghua-exhibition-hall';

/** What the handout's map image shows: its size, the view it was drawn for, how much of the
 * ±5 km ring's outline is seen (share of directions with a red dash at the ring's radius),
 * and how many pixels have a route's colours. */
async function lookAtMap(page) {
  return page.evaluate(async () => {
    const img = document.querySelector('img.handout-map');
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const at = (x, y) => {
      const k = (Math.round(y) * c.width + Math.round(x)) * 4;
      return [data[k], data[k + 1], data[k + 2]];
    };
    const [zoom, lat, lon] = (img.dataset.view ?? 'NaN/NaN/NaN').split('/').map(Number);
    const scale = c.width / 704; // device px per CSS px of the map
    // The ring is around the town point; the view is centred on the ring.
    const mPerPx = (156543.03392 * Math.cos((lat * Math.PI) / 180)) / 2 ** zoom;
    const r = (5000 / mPerPx) * scale;
    const redness = ([R, G, B]) => R - (G + B) / 2;
    let seen = 0;
    const n = 90;
    for (let k = 0; k < n; k++) {
      const a = (2 * Math.PI * k) / n;
      let best = -1e9;
      for (let d = -4; d <= 4; d++) {
        const x = c.width / 2 + (r + d) * Math.cos(a);
        const y = c.height / 2 + (r + d) * Math.sin(a);
        if (x >= 0 && y >= 0 && x < c.width && y < c.height) best = Math.max(best, redness(at(x, y)));
      }
      const outside = at(c.width / 2 + (r + 14) * Math.cos(a), c.height / 2 + (r + 14) * Math.sin(a));
      if (best > redness(outside) + 25) seen++;
    }
    let route = 0;
    for (let k = 0; k < data.length; k += 4) {
      const [R, G, B] = [data[k], data[k + 1], data[k + 2]];
      // #ff6f00 (a selected route) and #b71c1c (a route).
      if ((Math.abs(R - 255) < 12 && Math.abs(G - 111) < 20 && B < 30) || (Math.abs(R - 183) < 10 && Math.abs(G - 28) < 10 && Math.abs(B - 28) < 10)) route++;
    }
    return { w: c.width, h: c.height, zoom, r, ringSeen: seen / n, route, shown: img.getBoundingClientRect().width };
  });
}

for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true }]]) {
  test(`${label}: a one-town trip's handout map is sharp, fitted to the ring, shows it, no stray line; Esc closes it from anywhere`, async () => {
    const context = await app.browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.deviceScaleFactor ?? 1, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch });
    // Route 1 selected on screen: its line crossed the old handout's map.
    const page = await openApp(context, `${app.base}${XIQIAO}&route=nanhai-npc-red-heritage-visits`);
    const trip = page.getByRole('region', { name: /^My trip/ });
    await page.locator('.trip-stop').nth(3).waitFor();
    const opener = trip.getByRole('button', { name: 'Print handout' });
    await opener.click();
    const handout = page.getByRole('dialog', { name: /Field trip/ });
    await handout.waitFor();
    await handout.getByRole('img', { name: 'Map of the trip' }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(4500); // the last drawing, once the base map is in
    // Its times rest on allowances: "≈", spaced from the start.
    assert.match(await handout.locator('.handout-head p').textContent(), /09:00 – ≈ \d\d:\d\d$/);
    const map = await lookAtMap(page);
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `handout-xiqiao-${label}.png`) });
    // Drawn for the page: 704 x 352 CSS px at 3 device px each (≈ 290 dpi on A4), never
    // the screen's 180 px cut scaled up.
    assert.ok(map.w >= 704 * 3 && map.h >= 352 * 3 && map.w === 2 * map.h, JSON.stringify(map));
    assert.ok(map.w >= 2 * map.shown, `more pixels than shown (${JSON.stringify(map)})`);
    // Fitted to the ±5 km ring (not zoom 14, where the ring is off the page), and the ring
    // is drawn: its dashed outline in most directions.
    assert.ok(map.r > 0.3 * map.h && map.r < 0.5 * map.h, JSON.stringify(map));
    assert.ok(map.ringSeen > 0.4, `the ring's outline is seen in ${Math.round(map.ringSeen * 100)} % of directions`);
    assert.equal(map.route, 0, 'no route line on the handout map');

    // In print: the same map on the page.
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(screenshotDir, `handout-xiqiao-${label}.pdf`);
    await page.pdf({ path: pdf, format: 'A4' });
    const png = spawnSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', pdf, pdf.replace(/\.pdf$/, '')]);
    if (png.error) console.log('# pdftoppm not installed: no page image');
    await page.emulateMedia({ media: 'screen' });

    // Esc with the focus outside the handout (on the map behind it) closes it, and only it.
    await page.evaluate(() => document.querySelector('canvas.map-canvas').focus());
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('map-canvas')), true);
    await page.keyboard.press('Escape');
    await handout.waitFor({ state: 'detached', timeout: 3000 });
    await page.waitForFunction(() => document.activeElement?.id === 'trip-handout-open');
    assert.equal(await page.evaluate(() => new URL(location.href).searchParams.get('route')), 'nanhai-npc-red-heritage-visits');
    // And with the focus inside it (on Print), as before.
    await opener.click();
    await handout.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'handout-print');
    await page.keyboard.press('Escape');
    await handout.waitFor({ state: 'detached', timeout: 3000 });
    await page.waitForFunction(() => document.activeElement?.id === 'trip-handout-open');
    await context.close();
  });
}
