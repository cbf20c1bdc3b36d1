// End to end: what a link holds besides the trip. The precision stated for a `?data=`
// file (the import's control, on the data file's section): from the link's precision=,
// changed by the user, remembered for that URL, carried by the share link; and a shared
// trip opened without a view opens the map on its stops.
// Run: node --test tests/e2e/trip_link_view.test.mjs (after `trunk build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';
import { fixture, openApp } from './trip_harness.mjs';

const app = useApp({ extra: fixture });
const tripSection = (page) => page.getByRole('region', { name: /^My trip/ });
const warnings = (page) => tripSection(page).locator('.trip-warnings li').allTextContents();
const CODE = '1~w~0900~~20261124~~museum-a*60~park-b*30~memorial-c*30~odd-d*30';

/** The map's view as the address bar says it, [zoom, lat, lon], once `ok` holds (or after 20 s). */
async function viewOf(page, ok) {
  const view = () => (new URL(page.url()).searchParams.get('v') || '').split('/').map(Number);
  for (let i = 0; i < 80 && !(view().length === 3 && ok(view())); i++) await page.waitForTimeout(250);
  return view();
}

test('the precision of a ?data= file: stated by the link, changed, remembered, shared', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, `${app.base}?lang=en&data=fixtures/hours.geojson&precision=10m&trip=${CODE}`);
  await tripSection(page).getByRole('heading', { name: 'My trip (4)' }).waitFor();
  const section = page.getByRole('region', { name: 'Data file from the link' });
  await section.getByText('hours.geojson').waitFor();
  const select = section.getByLabel('How exact the positions are (as you state it)');
  assert.equal(await select.inputValue(), '10m');
  // About 10 m: the stops 1 km apart have known distances, nothing is "approximate".
  await tripSection(page).locator('.trip-stop').nth(3).waitFor();
  assert.doesNotMatch((await warnings(page)).join('\n'), /placed approximately|no known distance/);

  // Not stated: the ±5 km rings and unknown legs come back; the address bar drops it.
  await select.selectOption('not_stated');
  await page.waitForFunction(() => [...document.querySelectorAll('.trip-warnings li')].some((li) => /no known distance/.test(li.textContent)));
  assert.equal(new URL(page.url()).searchParams.get('precision'), null);
  // About 100 m: in the address bar and the share link, remembered for this URL.
  await select.selectOption('100m');
  await page.waitForFunction(() => ![...document.querySelectorAll('.trip-warnings li')].some((li) => /no known distance/.test(li.textContent)));
  assert.equal(new URL(page.url()).searchParams.get('precision'), '100m');
  await tripSection(page).getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('.share-link').inputValue();
  assert.match(link, /[?&]precision=100m(&|$)/);
  assert.match(link, /[?&]data=fixtures(%2F|\/)hours\.geojson/);

  // Opened again without precision=: the user's choice for this file is still there.
  const again = await openApp(context, `${app.base}?lang=en&data=fixtures/hours.geojson`);
  const select2 = again.getByRole('region', { name: 'Data file from the link' }).getByLabel('How exact the positions are (as you state it)');
  await select2.waitFor();
  assert.equal(await select2.inputValue(), '100m');
  assert.equal(new URL(again.url()).searchParams.get('precision'), '100m');
  await context.close();

  // A bad value is said, and nothing is stated.
  const other = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bad = await openApp(other, `${app.base}?lang=en&data=fixtures/hours.geojson&precision=5cm`);
  await bad.getByText(/precision: unknown value "5cm"/).first().waitFor();
  const select3 = bad.getByRole('region', { name: 'Data file from the link' }).getByLabel('How exact the positions are (as you state it)');
  await select3.waitFor();
  assert.equal(await select3.inputValue(), 'not_stated');
  // The bundled data has no such section.
  const bundled = await openApp(other, `${app.base}?lang=en`);
  await bundled.getByRole('region', { name: /^My trip/ }).waitFor();
  assert.equal(await bundled.getByRole('region', { name: 'Data file from the link' }).count(), 0);
  await other.close();
});

test('a shared trip opened without a view opens the map on its stops', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const context = await app.browser.newContext({ viewport });
    const page = await openApp(context, `${app.base}?lang=en&trip=1~w~0900~~~~qiandenghu-park~dungen-village~jiujiang-ferry`);
    await tripSection(page).getByRole('heading', { name: 'My trip (3)' }).waitFor();
    // The stops are in Foshan (about 23°N, 113°E): close in, not the country-wide z≈6.
    const [zoom, lat, lon] = await viewOf(page, ([z]) => z >= 9);
    assert.ok(zoom >= 9 && zoom <= 16, `zoom ${zoom}`);
    assert.ok(Math.abs(lat - 23) < 1 && Math.abs(lon - 113) < 1, `centre ${lat},${lon}`);
    await context.close();
  }
});
