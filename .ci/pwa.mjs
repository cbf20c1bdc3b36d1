#!/usr/bin/env node
// The last post-build step (run by .ci/post-build.sh in trunk's staging dir, after every step
// that adds or changes files):
//   1. moves trunk's inline <script>s (the wasm init) into hashed files, boot-<hash>.js, so
//      the page runs under a Content Security Policy with no 'unsafe-inline';
//   2. writes that policy (assets/csp-policy.txt, derived from the tile/data hosts by
//      `redmap-data csp` and checked by tests/csp.rs) as the first <meta> of <head>;
//   3. release builds only: writes sw.js, the service worker, whose precache list is every
//      file then in the staging dir and whose cache name is a hash of all of them, so a new
//      build replaces the cached one whole; the boot file registers it.
// Under `trunk serve` the page carries trunk's inline autoreload script: then nothing is moved
// and no policy is written (it would block autoreload). Debug builds and `trunk serve` get a
// sw.js that only removes itself and its caches, so that a worker left by a release build
// served at the same address never serves stale files into the dev loop.
// Usage: node .ci/pwa.mjs [dir]   (dir defaults to $TRUNK_STAGING_DIR)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = process.env.TRUNK_SOURCE_DIR || path.join(here, '..');
const dir = path.resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist');
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';
const base = process.env.TRUNK_PUBLIC_URL || '/';
const say = (m) => console.log(`[pwa] ${m}`);

const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const sha = (alg, data) => crypto.createHash(alg).update(data).digest();

const killSwitch = () => fs.writeFileSync(path.join(dir, 'sw.js'), `// Debug build: no offline cache.
// This worker replaces one a release build left here, deletes its caches and unregisters.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const key of await caches.keys()) if (key.startsWith('redmap-')) await caches.delete(key);
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
})()));
`);

if (html.includes('__TRUNK_ADDRESS__') || html.includes('__TRUNK_WS_BASE__')) {
  killSwitch();
  say('trunk serve (autoreload script present): no CSP and no offline cache in this build');
  process.exit(0);
}

// 1. Inline scripts -> files under 'self'.
const registerSw = release ? `
// Offline: the service worker (sw.js) caches this build. It is registered once the side
// panel has arrived after the map's first frame (the mark redmap:side-panel; an embedded map,
// which has no side panel, at its first frame; else after 15 s), so that caching the whole
// build competes with neither on a slow phone. When a newer build's worker takes over a page
// that an older one controlled, the page reloads, so it never mixes two builds.
if ('serviceWorker' in navigator) {
  const hadController = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) location.reload();
  });
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    navigator.serviceWorker.register('${base}sw.js', { updateViaCache: 'none' })
      .catch((e) => console.warn('redmap: offline mode unavailable:', e));
  };
  const drawn = new PerformanceObserver((list) => {
    const panel = list.getEntriesByName('redmap:side-panel').length > 0;
    const frame = list.getEntriesByName('redmap:first-frame').length > 0;
    if (panel || (frame && !document.querySelector('.side-panel'))) { drawn.disconnect(); register(); }
  });
  drawn.observe({ type: 'mark', buffered: true });
  setTimeout(register, 15000);
}
` : '';
let first = true;
html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (whole, attrs, body) => {
  if (/\bsrc\s*=/.test(attrs)) return whole;
  let code = body.trim() + '\n';
  if (first && /type\s*=\s*["']?module/.test(attrs)) { code = registerSw + code; first = false; }
  const name = `boot-${sha('sha256', code).toString('hex').slice(0, 16)}.js`;
  fs.writeFileSync(path.join(dir, name), code);
  const integrity = `sha384-${sha('sha384', code).toString('base64')}`;
  say(`moved an inline script to ${name}`);
  return `<script${attrs.replace(/\s+$/, '')} src="${base}${name}" integrity="${integrity}"></script>`;
});

// 2. The policy, before anything it governs.
const policy = fs.readFileSync(path.join(source, 'assets', 'csp-policy.txt'), 'utf8').trim();
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}" />`;
html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
html = html.replace(/(<meta charset="[^"]*"\s*\/?>)/i, `$1\n    ${meta}`);
if (!html.includes('Content-Security-Policy')) throw new Error('no <meta charset> to put the CSP after');

// What the policy forbids must not be in the page itself.
const inlineStyle = html.match(/<style\b|\sstyle\s*=|\son[a-z]+\s*=\s*["']/i);
if (inlineStyle) throw new Error(`index.html has inline style or handler (${inlineStyle[0]}), which the CSP blocks`);
fs.writeFileSync(indexPath, html);
say(`CSP: ${policy.length} chars written to index.html`);

// 3. The service worker over exactly the files of this build.
if (!release) {
  killSwitch();
  process.exit(0);
}
const files = [];
(function walk(d) {
  for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue; // trunk's .stage, editor files
    const p = path.join(d, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (path.relative(dir, p) !== 'sw.js') files.push(path.relative(dir, p).split(path.sep).join('/'));
  }
})(dir);
files.sort();
const digest = crypto.createHash('sha256');
for (const f of files) digest.update(f + '\0').update(sha('sha256', fs.readFileSync(path.join(dir, f))));
const build = digest.digest('hex').slice(0, 16);
const urls = files.map((f) => base + f);
const template = fs.readFileSync(path.join(here, 'sw-template.js'), 'utf8');
fs.writeFileSync(path.join(dir, 'sw.js'), template
  .replace('__BUILD__', build)
  .replace('__INDEX__', JSON.stringify(`${base}index.html`))
  .replace('__FILES__', JSON.stringify(urls, null, 1)));
const bytes = files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
say(`sw.js: cache redmap-${build}, ${files.length} files, ${(bytes / 1024).toFixed(0)} KB`);
