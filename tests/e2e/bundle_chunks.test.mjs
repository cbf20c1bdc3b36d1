// The build step .ci/bundle-chunks.mjs on a small made-up split dir (no browser): the shared
// chunks go into one file per part that first needs them, each file is a valid wasm module
// whose slices at the offsets the loader names are the chunks byte for byte, the loader no
// longer fetches chunk files, and a loader it cannot read stops the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { owner, pack, retrying } from '../../.ci/bundle-chunks.mjs';

const script = new URL('../../.ci/bundle-chunks.mjs', import.meta.url).pathname;

// A chunk as wasm-split-cli 0.2.4 writes it into the loader.
const def = (users, n) => `/* ${users} */
const __chunk_${n} = makeLoad(() => {
    const src = fetch(new URL("./chunk_${n}.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
`;
// wasm-split-cli 0.2.4's callback wrapper around each part's load.
const WRAP = `function wrapAsyncCb(callee) {
    return async (callbackIndex, callbackData) => {
        let success;
        try {
            await callee();
            success = true;
        } catch (e) {
            console.error(e);
            success = false;
        } finally {
            callback(callbackIndex, callbackData, success);
        }
    }
}
`;
// A small valid module per chunk: the header and a custom section naming it.
const chunkBytes = (n) => pack([{ name: `test${n}`, bytes: Buffer.from([n, n + 1, n + 2]) }]).bytes;

function splitDir(chunks) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redmap-split-'));
  let loader = `import { initSync } from "./main.js";\n${WRAP}function makeLoad() {}\n`;
  for (const [n, users] of chunks) {
    loader += def(users, n);
    fs.writeFileSync(path.join(dir, `chunk_${n}.wasm`), chunkBytes(n));
  }
  loader += 'export const __wasm_split_load_trip = wrapAsyncCb(makeLoad(() => {}, [__chunk_1, __chunk_2]));\n';
  fs.writeFileSync(path.join(dir, '__wasm_split.js'), loader);
  return dir;
}

test('chunks are packed by the first part that needs them, as valid wasm, slices intact', () => {
  const dir = splitDir([[1, 'side_panel, trip'], [2, 'trip'], [3, 'dashboard, thematic'], [4, 'import, side_panel']]);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'redmap-stage-'));
  const log = execFileSync('node', [script, dir, out]).toString();
  assert.match(log, /4 shared chunks packed into 3 files/);
  const files = fs.readdirSync(out).sort();
  assert.deepEqual(files.map((f) => f.replace(/-[0-9a-f]{16}\.wasm$/, '')),
    ['chunks_dashboard', 'chunks_side_panel', 'chunks_trip']);
  const loader = fs.readFileSync(path.join(dir, '__wasm_split.js'), 'utf8');
  assert.doesNotMatch(loader, /chunk_\d+\.wasm/);
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(out, f));
    assert.ok(WebAssembly.validate(bytes), `${f} is a valid wasm module`);
    assert.match(loader, new RegExp(`const __bundle_[a-z_]+ = bundle\\("\\./${f}"\\);`));
  }
  // Each chunk's slice of its file is the chunk.
  for (const m of loader.matchAll(/const __chunk_(\d+) = makeLoad\(fromBundle\((__bundle_[a-z_]+), (\d+), (\d+)\), \[\]\);/g)) {
    const [, n, bundle, start, length] = m;
    const file = loader.match(new RegExp(`const ${bundle} = bundle\\("\\./([^"]+)"\\)`))[1];
    const slice = fs.readFileSync(path.join(out, file)).subarray(Number(start), Number(start) + Number(length));
    assert.deepEqual(slice, chunkBytes(Number(n)), `chunk_${n}`);
  }
  assert.match(loader, /\/\* side_panel, trip \*\/\nconst __chunk_1 = makeLoad\(fromBundle\(__bundle_side_panel,/);
  assert.match(loader, /\/\* import, side_panel \*\/\nconst __chunk_4 = makeLoad\(fromBundle\(__bundle_side_panel,/);
  assert.match(loader, /__wasm_split_load_trip = wrapAsyncCb\(makeLoad\(\(\) => \{\}, \[__chunk_1, __chunk_2\]\)\)/);
  assert.match(loader, /await withRetries\(callee\);/, 'each part is loaded through withRetries');
});

// The rewritten wrapAsyncCb, run with a clock that records the pauses instead of waiting.
function wrapped(online = true) {
  const code = retrying(WRAP);
  const pauses = [];
  const calls = [];
  const win = { listeners: [], addEventListener(_, f) { this.listeners.push(f); }, removeEventListener() {} };
  const fakeTimeout = (f, ms) => { pauses.push(ms); if (ms < 30000) f(); return pauses.length; };
  const make = new Function('setTimeout', 'clearTimeout', 'navigator', 'window', 'console', 'callback',
    `${code}; return wrapAsyncCb;`);
  const quiet = { warn() {}, error() {} };
  const wrapAsyncCb = make(fakeTimeout, () => {}, { onLine: online }, win, quiet,
    (i, d, ok) => calls.push(ok));
  return { wrapAsyncCb, pauses, calls, win };
}

test('a part that fails to download is tried again after 0.5, 2 and 5 s before the app is told', async () => {
  let n = 0;
  const twice = wrapped();
  await twice.wrapAsyncCb(async () => { n += 1; if (n <= 2) throw new Error('net::ERR_FAILED'); })(0, 0);
  assert.equal(n, 3, 'two failures, then the third try loads it');
  assert.deepEqual(twice.pauses, [500, 2000]);
  assert.deepEqual(twice.calls, [true], 'the app hears of the success only');

  let m = 0;
  const never = wrapped();
  await never.wrapAsyncCb(async () => { m += 1; throw new Error('net::ERR_FAILED'); })(0, 0);
  assert.equal(m, 4, 'one load and three tries');
  assert.deepEqual(never.pauses, [500, 2000, 5000]);
  assert.deepEqual(never.calls, [false], 'then the app is told, once');
});

test('offline, the next try waits for the browser to be online again (at most 30 s)', async () => {
  const off = wrapped(false);
  let n = 0;
  const done = off.wrapAsyncCb(async () => { n += 1; if (n === 1) throw new Error('offline'); })(0, 0);
  await new Promise((r) => setImmediate(r));
  assert.equal(n, 1, 'no second try while offline');
  assert.deepEqual(off.pauses, [30000], 'capped at 30 s');
  off.win.listeners.forEach((f) => f());
  await done;
  assert.equal(n, 2);
  assert.deepEqual(off.calls, [true]);
});

test('a loader without wasm-split-cli\'s wrapAsyncCb stops the build', () => {
  assert.throws(() => retrying('function makeLoad() {}\n'), /wrapAsyncCb not found/);
});

test('the first part in load order owns a shared chunk', () => {
  assert.equal(owner(['trip', 'side_panel']), 'side_panel');
  assert.equal(owner(['side_panel', 'embed_details']), 'embed_details');
  assert.equal(owner(['thematic', 'dashboard']), 'dashboard');
  assert.equal(owner(['zzz_new', 'import']), 'import', 'a part not in the list comes last');
});

test('a loader whose chunks it cannot read stops the build', () => {
  const dir = splitDir([[1, 'side_panel, trip']]);
  fs.writeFileSync(path.join(dir, 'chunk_9.wasm'), chunkBytes(9)); // not in the loader
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'redmap-stage-'));
  assert.throws(() => execFileSync('node', [script, dir, out], { stdio: 'pipe' }),
    /the loader defines 1 chunks, .* has 2/);
});
