// Shared by the reference pages: fetch + parse the same sites.geojson redmap loads, and
// "a rendered frame" = the task after the next requestAnimationFrame's rendering update.
window.benchTimes = {};
window.afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve(performance.now());
  ch.port2.postMessage(0);
}));
window.loadSites = async () => {
  const url = new URL(location.href).searchParams.get('data');
  const res = await fetch(url);
  const text = await res.text();
  benchTimes.fetched = performance.now();
  const json = JSON.parse(text);
  benchTimes.parsed = performance.now();
  return json.features.filter((f) => f.geometry && f.geometry.type === 'Point');
};
window.benchFail = (e) => { window.benchError = String(e && e.stack || e); };
