// Visit counts in a site's details: bars by period with the figures, where data exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, readGeodata, screenshot } from './harness.mjs';

const site = readGeodata('sites.geojson').features[0];
const files = {
  'dataset.json': {
    title: '测试', title_en: 'Test',
    layers: [
      { id: 'sites', type: 'sites', file: 'sites.geojson', title: '地点', title_en: 'Sites', visible: true, order: 1 },
      { id: 'visits', type: 'visits', file: 'visits.json', title: '参观', title_en: 'Visits', visible: false, order: 2 },
    ],
  },
  'sites.geojson': { type: 'FeatureCollection', features: [{ ...site, properties: { ...site.properties, region: null } }] },
  'visits.json': {
    visits: [2021, 2022].map((y, i) => ({
      id: `v${y}`, site: site.properties.id, period: String(y), visitors: [1200, 3400][i],
      sources: [{ doc: 'test fixture', says: 'made up for this test' }],
    })),
  },
};

const app = useApp({
  extra: (req, res) => {
    const name = req.url.replace(/^\/fx\//, '').split('?')[0];
    if (!req.url.startsWith('/fx/') || !files[name]) return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(files[name]));
    return true;
  },
});

test('visit counts show as bars with their figures, and in a table', async () => {
  const { page, context } = await openPage(app.browser,
    `${app.base}?data=/fx/dataset.json&site=${site.properties.id}`);
  await page.getByRole('heading', { level: 2, name: site.properties.name }).waitFor();
  const chart = page.getByRole('img', { name: '参观人数' });
  await chart.waitFor();
  assert.equal(await chart.locator('rect.visit-bar').count(), 2);
  await assert.doesNotReject(page.locator('[aria-label="2022: 3,400"]').waitFor());
  await assert.doesNotReject(page.getByRole('row', { name: /2021\s*1,200/ }).waitFor());
  // A dataset of one site has no neighbours: no empty "nearby" heading.
  assert.equal(await page.getByRole('heading', { name: '附近地点' }).count(), 0);
  await screenshot(page, 'desktop-visits.png');
  await context.close();
});
