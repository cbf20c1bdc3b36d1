// redmap's service worker, written by .ci/pwa.mjs at build time (do not edit sw.js itself).
// It makes the app and its bundled data open with no network after the first visit:
// - install: every file of this build goes into one cache named after the build's hash;
//   files without a content hash in their name are fetched past the HTTP cache, so the
//   cache never mixes files of two builds;
// - activate: caches of other builds are deleted, and open pages are taken over;
// - fetch: files of this build come from the cache, page navigations get index.html.
//   Anything else (tiles and data on other hosts, `?data=` files on this site) goes to the
//   network untouched, as if there were no service worker.
const CACHE = 'redmap-__BUILD__';
const INDEX = __INDEX__;
const FILES = __FILES__;
const KNOWN = new Set(FILES);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Files with a content hash in their name may come from the HTTP cache (the page has
    // just loaded them); the others (index.html, geodata/, pwa/) are fetched fresh.
    const hashed = /-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$/;
    await cache.addAll(FILES.map((f) => new Request(f, { cache: hashed.test(f) ? 'default' : 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('redmap-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  let key = null;
  if (KNOWN.has(url.pathname)) key = url.pathname;
  // An app URL (no file extension) is the single page: index.html with its query.
  else if (request.mode === 'navigate' && !/\.[a-z0-9]+$/i.test(url.pathname)) key = INDEX;
  if (!key) return;
  event.respondWith((async () => {
    const hit = await caches.match(key, { cacheName: CACHE });
    return hit || fetch(request);
  })());
});
