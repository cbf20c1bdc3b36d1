// The post-build step .ci/pwa.mjs on small made-up staging dirs (no browser): inline scripts
// leave the HTML, the CSP goes first in <head>, sw.js lists exactly the build's files, and
// `trunk serve` (autoreload) or a debug build is handled as documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const script = new URL('../../.ci/pwa.mjs', import.meta.url).pathname;
const policy = fs.readFileSync(new URL('../../assets/csp-policy.txt', import.meta.url), 'utf8').trim();

function stage(html, files = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redmap-stage-'));
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
const run = (dir, profile) => execFileSync('node', [script, dir],
  { env: { ...process.env, TRUNK_PROFILE: profile, TRUNK_PUBLIC_URL: '/', TRUNK_STAGING_DIR: '' } }).toString();

const page = `<!DOCTYPE html><html><head><meta charset="utf-8" /><title>t</title>
<script type="module">
import init from '/app-1.js';
await init({ module_or_path: '/app-1_bg.wasm' });
</script>
<link rel="stylesheet" href="/a.css"/></head><body></body></html>`;

test('release: boot file, CSP first, and a service worker over every file', () => {
  const dir = stage(page, { 'app-1.js': 'js', 'app-1_bg.wasm': 'wasm', 'geodata/x.json': '{}', '.stage/junk': 'x' });
  run(dir, 'release');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  assert.ok(!/<script[^>]*>\s*[^<\s]/.test(html), 'no inline script left');
  const boot = html.match(/<script type="module" src="\/(boot-[0-9a-f]{16}\.js)" integrity="sha384-[^"]+"><\/script>/);
  assert.ok(boot, html);
  const code = fs.readFileSync(path.join(dir, boot[1]), 'utf8');
  assert.match(code, /import init from '\/app-1\.js'/);
  assert.match(code, /serviceWorker\.register\('\/sw\.js'/);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<title>'));
  assert.ok(html.includes(policy));
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const files = JSON.parse(sw.match(/const FILES = (\[[\s\S]*?\]);/)[1]);
  assert.deepEqual(files, ['/app-1.js', '/app-1_bg.wasm', `/${boot[1]}`, '/geodata/x.json', '/index.html']);
  const name = sw.match(/const CACHE = 'redmap-([0-9a-f]{16})'/)[1];
  // Run again (idempotent), then change one file: a new cache name.
  run(dir, 'release');
  assert.equal(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/redmap-([0-9a-f]{16})/)[1], name);
  fs.writeFileSync(path.join(dir, 'geodata/x.json'), '{"v":2}');
  run(dir, 'release');
  assert.notEqual(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/redmap-([0-9a-f]{16})/)[1], name);
});

const isKillSwitch = (dir) => /registration\.unregister\(\)/.test(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'));

test('debug build: boot file and CSP; sw.js only removes an earlier release worker', () => {
  const dir = stage(page);
  run(dir, 'debug');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  assert.ok(html.includes('Content-Security-Policy'));
  assert.ok(isKillSwitch(dir));
  const boot = fs.readdirSync(dir).find((f) => f.startsWith('boot-'));
  assert.doesNotMatch(fs.readFileSync(path.join(dir, boot), 'utf8'), /serviceWorker/);
});

test('trunk serve (autoreload script): left alone', () => {
  const served = page.replace('</body>', '<script>const ws = "{{__TRUNK_WS_BASE__}}";</script></body>');
  const dir = stage(served);
  run(dir, 'debug');
  assert.equal(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'), served);
  assert.ok(isKillSwitch(dir));
});

test('an inline style in index.html fails the build', () => {
  const dir = stage(page.replace('<body>', '<body style="margin:0">'));
  assert.throws(() => execFileSync('node', [script, dir], { stdio: 'pipe', env: { ...process.env, TRUNK_PROFILE: 'release' } }));
});
