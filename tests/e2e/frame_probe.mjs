// A page of the app with a frame probe, for the tests of big imports: `window.__gap` is the
// longest gap between two animation frames since `window.__gapOn = true`, and `window.__bar`
// whether an import progress bar was seen meanwhile.
import { readGeodata } from './harness.mjs';

const bundledSites = readGeodata('sites.geojson').features.length;

/** Opens the zh app in a new context of `app`'s browser with `options` (a viewport), waits
 * until the bundled sites are drawn and what is read after the first frame; returns the
 * context, the page and the page's errors so far (a live list). */
export async function openProbed(app, options) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    Object.assign(window, { __gap: 0, __gapOn: false, __bar: false });
    let last = null;
    const frame = (t) => {
      if (window.__gapOn) {
        if (last != null) window.__gap = Math.max(window.__gap, t - last);
        last = t;
        window.__bar ||= !!document.querySelector('.import-progress progress');
      } else {
        last = null;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(`${app.base}?lang=zh`);
  await page.waitForFunction((n) => Number(document.querySelector('canvas.map-canvas')?.dataset.siteCount) === n,
    bundledSites, { timeout: 60000 });
  await page.waitForTimeout(1000); // what is read after the first frame
  return { context, page, errors };
}
