#!/usr/bin/env node
// Step 4a of .ci/split.sh: fewer files for the parts loaded on demand.
//
// wasm-split-cli makes one shared chunk (`chunk_<n>.wasm`) per combination of parts (split
// points) that use a piece of code: ~110 files of a few hundred bytes each here, of which the
// side panel alone needed 79. A browser fetches at most 6 at a time from one HTTP/1.1 host,
// so on a phone (400 ms round trips) the side panel waited for ~14 rounds of them.
//
// This script packs the shared chunks into a few files, one per part: each chunk goes into
// the bundle of the FIRST part, in the order below, that needs it (the order in which the app
// normally loads them: the embed's details card and the side panel right after the first
// frame, with the map's overlays (`late`) and the data reader (`read_data`), search after the side panel, the rest when the user opens them). The side panel then
// needs its own split_side_panel wasm and two bundles, fetched at once. A part opened later
// may fetch an earlier part's bundle whole (e.g. the thematic map, the dashboard's): as they
// are opened in that order, that bundle is usually in already.
//
// A bundle is itself a valid wasm module (magic, version, then one custom section named
// `chunk_<n>` per chunk, holding that chunk's module bytes), so servers and caches treat it
// as the other .wasm files (MIME type, compression). The loader does not parse it: it knows
// each chunk's offset and length and instantiates that slice of the bundle's bytes.
//
// Usage: node .ci/bundle-chunks.mjs <split dir (chunk_*.wasm, __wasm_split.js)> <out dir>
// Rewrites <split dir>/__wasm_split.js in place; writes chunks_<part>-<hash>.wasm to out dir.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** The parts in the order a visit normally loads them; a part missing here comes last. */
export const ORDER = [
  'embed_details', 'side_panel', 'late', 'read_data', 'search', 'site_list', 'trip', 'handout', 'shared_trip',
  'switcher', 'dashboard', 'thematic', 'import',
];

const say = (m) => console.log(`[split] ${m}`);

/** The loader's chunk definitions: `/* users *\/ const __chunk_N = makeLoad(<fetcher>, []);` */
const CHUNK_DEF = /\/\* ([^*]*) \*\/\nconst (__chunk_\d+) = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+)\.wasm", import\.meta\.url\)\);\n[\s\S]*?\n\}\n, \[\]\);\n/g;

/** LEB128 of an unsigned integer. */
function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** A wasm module of custom sections; returns its bytes and where each payload starts. */
export function pack(entries) {
  const parts = [Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])];
  let at = 8;
  const offsets = [];
  for (const { name, bytes } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const body = Buffer.concat([leb(nameBytes.length), nameBytes]);
    const head = Buffer.concat([Buffer.from([0]), leb(body.length + bytes.length), body]);
    parts.push(head, bytes);
    offsets.push({ name, start: at + head.length, length: bytes.length });
    at += head.length + bytes.length;
  }
  return { bytes: Buffer.concat(parts), offsets };
}

/** The part whose bundle holds a chunk used by `users`. */
export function owner(users) {
  const rank = (p) => (ORDER.includes(p) ? ORDER.indexOf(p) : ORDER.length);
  return [...users].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
}

// The loader's side: fetch a bundle once (again after a failure), instantiate a slice of it.
const RUNTIME = `
// Shared chunks come packed in one file per part (.ci/bundle-chunks.mjs): fetched once, on
// the first chunk asked of it; a failed fetch is forgotten, so that a retry fetches afresh.
function bundle(file) {
    let bytes = undefined;
    return () => {
        if (bytes === undefined) {
            const thisFetch = fetch(new URL(file, import.meta.url)).then((r) => {
                if (!r.ok) throw new Error(\`\${file}: HTTP \${r.status}\`);
                return r.arrayBuffer();
            });
            thisFetch.catch(() => {
                if (bytes === thisFetch) bytes = undefined;
            });
            bytes = thisFetch;
        }
        return bytes;
    };
}
function fromBundle(get, start, length) {
    return () => {
        const src = get();
        src.catch(() => {});
        return async (imports) => WebAssembly.instantiate(new Uint8Array(await src, start, length), imports);
    };
}
`;

// A part that fails to download (a dropped connection on a phone) is tried again after 0.5, 2
// and 5 s (and not before the browser is back online, for at most 30 s) before the app is
// told: wasm-split's makeLoad and bundle() forget a failed fetch, so each try fetches afresh.
// The app's message ("could not be downloaded", Try again) comes only after the last one.
const RETRIES = `
const RETRY_DELAYS = [500, 2000, 5000];
function pause(ms) {
    return new Promise((done) => {
        if (navigator.onLine !== false) return void setTimeout(done, ms);
        const back = () => { clearTimeout(cap); window.removeEventListener('online', back); done(); };
        const cap = setTimeout(back, 30000);
        window.addEventListener('online', back);
    });
}
async function withRetries(callee) {
    for (let attempt = 0; ; attempt++) {
        try {
            return await callee();
        } catch (e) {
            if (attempt >= RETRY_DELAYS.length) throw e;
            console.warn(\`redmap: a part of the app failed to download; trying again (\${attempt + 1}/\${RETRY_DELAYS.length})\`, e);
            await pause(RETRY_DELAYS[attempt]);
        }
    }
}
`;

/** The loader with `wrapAsyncCb` calling its part through `withRetries`. */
export function retrying(loader) {
  const call = '            await callee();\n';
  if (loader.split(call).length !== 2 || !loader.includes('function wrapAsyncCb(callee)')) {
    throw new Error('wrapAsyncCb not found as expected in the loader: wasm-split-cli changed?');
  }
  const at = loader.indexOf('function wrapAsyncCb(callee)');
  return (loader.slice(0, at) + RETRIES.trimStart() + loader.slice(at))
    .replace(call, '            await withRetries(callee);\n');
}

function main([splitDir, outDir]) {
  if (!splitDir || !outDir) throw new Error('usage: bundle-chunks.mjs <split dir> <out dir>');
  const loaderPath = path.join(splitDir, '__wasm_split.js');
  let loader = retrying(fs.readFileSync(loaderPath, 'utf8'));
  fs.writeFileSync(loaderPath, loader);
  const chunks = [...loader.matchAll(CHUNK_DEF)].map((m) => ({
    def: m[0], users: m[1].split(', '), variable: m[2], name: m[3],
  }));
  const onDisk = fs.readdirSync(splitDir).filter((f) => /^chunk_\d+\.wasm$/.test(f));
  if (chunks.length === 0 && onDisk.length === 0) {
    say('no shared chunks');
    return;
  }
  if (chunks.length !== onDisk.length) {
    throw new Error(`the loader defines ${chunks.length} chunks, ${splitDir} has ${onDisk.length}: loader format changed?`);
  }
  const groups = new Map();
  for (const c of chunks) {
    const part = owner(c.users);
    if (!groups.has(part)) groups.set(part, []);
    groups.get(part).push(c);
  }
  const defs = [];
  for (const [part, members] of [...groups].sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]))) {
    const { bytes, offsets } = pack(members.map((c) => ({
      name: c.name, bytes: fs.readFileSync(path.join(splitDir, `${c.name}.wasm`)),
    })));
    const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const file = `chunks_${part}-${hash}.wasm`;
    fs.writeFileSync(path.join(outDir, file), bytes);
    const bundleVar = `__bundle_${part}`;
    defs.push(`const ${bundleVar} = bundle("./${file}");`);
    members.forEach((c, i) => {
      const { start, length } = offsets[i];
      loader = loader.replace(c.def,
        `/* ${c.users.join(', ')} */\nconst ${c.variable} = makeLoad(fromBundle(${bundleVar}, ${start}, ${length}), []);\n`);
    });
    say(`${file}: ${members.length} chunks, ${bytes.length} B (first needed by ${part})`);
  }
  if (/fetch\(new URL\("\.\/chunk_/.test(loader)) throw new Error('a chunk fetch is left in the loader');
  // The helpers and bundles go before the first chunk definition.
  const first = loader.search(/\/\* [^*]* \*\/\nconst __chunk_/);
  if (first < 0) throw new Error('no chunk definitions in the loader');
  loader = loader.slice(0, first) + RUNTIME + defs.join('\n') + '\n' + loader.slice(first);
  fs.writeFileSync(loaderPath, loader);
  say(`${chunks.length} shared chunks packed into ${groups.size} files`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`[split] bundle-chunks: ${e.message}`);
    process.exit(1);
  }
}
