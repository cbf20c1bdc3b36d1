#!/usr/bin/env node
// Post-build step (issue 2: the first view's size): the stylesheet without its comments and
// runs of blank space, 9.2 -> 7.7 KB gzip. assets/app.css keeps its comments (they say which
// feature each section is for); trunk's own minifier is not used because it minifies
// index.html too, which the later steps (.ci/split.sh, .ci/pwa.mjs) rewrite by pattern.
// Only comments and white space are touched (nothing inside a rule changes meaning); the
// stylesheet's integrity hash in index.html is updated.
// Usage: node .ci/css.mjs <staging dir>
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.argv[2];
const html = path.join(dir, 'index.html');
let page = fs.readFileSync(html, 'utf8');
for (const name of fs.readdirSync(dir).filter((f) => /^app-[0-9a-f]+\.css$/.test(f))) {
  const file = path.join(dir, name);
  const css = fs.readFileSync(file, 'utf8');
  if (/["'][^"'\n]*\/\*/.test(css)) throw new Error(`${name}: a string holds "/*": not stripped`);
  const out = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .trim();
  fs.writeFileSync(file, out + '\n');
  const sri = `sha384-${crypto.createHash('sha384').update(out + '\n').digest('base64')}`;
  const link = new RegExp(`(href="[^"]*/${name}"[^>]*integrity=")sha384-[^"]*`);
  if (link.test(page)) page = page.replace(link, `$1${sri}`);
  console.log(`[css] ${name}: ${css.length} -> ${out.length + 1} B`);
}
fs.writeFileSync(html, page);
