// Renders assets/pwa/icon.svg (the favicon's pin on the app's red square) to the manifest's
// PNG icons with headless Chromium. The PNGs are committed: no SVG rasteriser is part of the
// build tools. Run after changing the SVG: node .ci/render-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/harness.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'pwa');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const browser = await launch();
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: path.join(dir, `icon-${size}.png`), omitBackground: true });
  console.log(`icon-${size}.png`);
}
await browser.close();
