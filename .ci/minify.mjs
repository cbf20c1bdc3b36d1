// Minifies the JavaScript the first view fetches, in place: wasm-bindgen's glue and
// wasm-split's loader (called by .ci/split.sh before their names and integrity hashes are
// computed). Comments and blank space go, local and module-level names are shortened
// (exports keep their names: the loader imports `initSync`, the main wasm the loader's
// `__wasm_split_load_*`); no other rewriting (`compress` off), so the code runs as written.
// Saves about 4 KB gzip of the 250 KB first-view budget. Trunk's own minifier is not used:
// it also rewrites index.html, which split.sh and pwa.mjs edit by pattern.
import fs from 'node:fs';
import { minify } from 'terser';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: minify.mjs <file.js>...');
  process.exit(2);
}
for (const file of files) {
  const code = fs.readFileSync(file, 'utf8');
  const out = await minify(code, { module: true, compress: false, mangle: true, format: { comments: false } });
  if (!out.code) throw new Error(`${file}: terser returned nothing`);
  fs.writeFileSync(file, out.code);
  console.log(`[split] minified ${file.split('/').pop()}: ${code.length} → ${out.code.length} B`);
}
