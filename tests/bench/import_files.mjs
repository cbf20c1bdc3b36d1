// SYNTHETIC import files of ~48 MB in each non-CSV format, made from the synthetic 100k
// dataset (`cargo run --release --bin redmap-synth` -> target/synthetic/100k/sites.geojson;
// every record says it is synthetic). Used by `make bench-import` (tests/bench/import.mjs),
// the big-file e2e (REDMAP_BIG=1) and the native import bench (files under target/bench/).
//
//   node tests/bench/import_files.mjs [out-dir]   # writes import-48mb.{geojson,gpx,kml}
//
// - GeoJSON: the source's features, truncated to just under 48 MB (a FeatureCollection).
// - GPX: a waypoint per site (name, desc, type, ele, time), then tracks of 2,000 points
//   each (a walk of ~8 km from a site), up to ~48 MB.
// - KML: a Placemark per site in one Folder per province (name, description with HTML,
//   ExtendedData, Point), then LineString placemarks of 2,000 points, up to ~48 MB.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SOURCE = path.join(root, 'target', 'synthetic', '100k', 'sites.geojson');
/** The target size of each file: 48 MiB (under the 50 MiB import limit). */
export const TARGET_BYTES = 48 * 1024 * 1024;
const WAYPOINT_SHARE = 0.8;
const TRACK_POINTS = 2000;

function sourceFeatures() {
  if (!fs.existsSync(SOURCE)) {
    throw new Error(`${SOURCE} is missing: run \`cargo run --release --bin redmap-synth\``);
  }
  return JSON.parse(fs.readFileSync(SOURCE, 'utf8')).features;
}

const esc = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes `parts` (strings) to `file` until `limit` bytes; returns the count written. */
function writeUpTo(file, head, parts, tail, limit) {
  const out = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  let n = 0;
  for (const p of parts) {
    const len = Buffer.byteLength(p);
    if (size + len > limit) break;
    out.push(p);
    size += len;
    n += 1;
  }
  out.push(tail);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, out.join(''));
  return n;
}

/** A GeoJSON FeatureCollection of the source's first features, under 48 MB. */
export function writeBigGeojson(file, features = sourceFeatures()) {
  const parts = features.map((f, i) => (i === 0 ? '\n' : ',\n') + JSON.stringify(f));
  return writeUpTo(file, '{"type":"FeatureCollection","features":[', parts, '\n]}\n', TARGET_BYTES);
}

/** Tracks as a GPS logs them: 2,000 points a few metres apart, each track starting at a
 * site. (Points jumping between sites across China made lines that take Chromium's software
 * canvas seconds per frame to stroke: not what an organiser's file holds.) */
function* tracks(features, make) {
  for (let t = 0; ; t++) {
    const [lon0, lat0] = features[(t * 37) % features.length].geometry.coordinates;
    const pts = [];
    for (let k = 0; k < TRACK_POINTS; k++) {
      const a = k / 40 + t;
      pts.push([+(lon0 + k * 0.00004 + 0.0003 * Math.sin(a)).toFixed(6), +(lat0 + 0.0003 * Math.cos(a)).toFixed(6)]);
    }
    yield make(t, pts);
  }
}

/** A GPX of waypoints (80% of the bytes) and tracks of 2,000 points. */
export function writeBigGpx(file, features = sourceFeatures()) {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="redmap SYNTHETIC bench" xmlns="http://www.topografix.com/GPX/1/1">\n';
  const tail = '</gpx>\n';
  const wpts = features.map((f, i) => {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    return `<wpt lat="${lat}" lon="${lon}"><ele>${i % 900}</ele><time>2024-05-01T08:00:00Z</time>`
      + `<name>${esc(p.name)}</name><desc>${esc(p.summary)} ${esc(p.address)}</desc><type>${esc(p.kind)}</type></wpt>\n`;
  });
  const budget = TARGET_BYTES * WAYPOINT_SHARE;
  let used = Buffer.byteLength(head);
  const kept = [];
  for (const w of wpts) {
    used += Buffer.byteLength(w);
    if (used > budget) break;
    kept.push(w);
  }
  const trk = tracks(features, (t, pts) => `<trk><name>合成轨迹 ${t}</name><trkseg>\n`
    + pts.map(([lon, lat], k) => `<trkpt lat="${lat}" lon="${lon}"><ele>${k % 300}</ele></trkpt>\n`).join('')
    + '</trkseg></trk>\n');
  function* all() { yield* kept; yield* trk; }
  return writeUpTo(file, head, all(), tail, TARGET_BYTES);
}

/** A KML of point placemarks in province folders (80% of the bytes) and line placemarks. */
export function writeBigKml(file, features = sourceFeatures()) {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>合成 SYNTHETIC</name>\n';
  const tail = '</Document></kml>\n';
  const byProvince = new Map();
  for (const f of features) {
    const key = f.properties.admin?.province ?? '?';
    if (!byProvince.has(key)) byProvince.set(key, []);
    byProvince.get(key).push(f);
  }
  const budget = TARGET_BYTES * WAYPOINT_SHARE;
  let used = Buffer.byteLength(head);
  const kept = [];
  for (const [province, list] of byProvince) {
    if (used > budget) break;
    const open = `<Folder><name>${esc(province)}</name>\n`;
    kept.push(open);
    used += Buffer.byteLength(open);
    for (const f of list) {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const pm = `<Placemark id="${esc(p.id)}"><name>${esc(p.name)}</name>`
        + `<description><![CDATA[<b>${p.summary}</b><br/>${p.address}]]></description>`
        + `<ExtendedData><Data name="kind"><value>${esc(p.kind)}</value></Data><Data name="region"><value>${esc(p.region)}</value></Data></ExtendedData>`
        + `<Point><coordinates>${lon},${lat},0</coordinates></Point></Placemark>\n`;
      used += Buffer.byteLength(pm);
      kept.push(pm);
      if (used > budget) break;
    }
    kept.push('</Folder>\n');
    used += 10;
  }
  const lines = tracks(features, (t, pts) => `<Placemark><name>合成路线 ${t}</name><LineString><coordinates>\n`
    + pts.map(([lon, lat]) => `${lon},${lat},0`).join(' ') + '\n</coordinates></LineString></Placemark>\n');
  function* all() { yield* kept; yield* lines; }
  return writeUpTo(file, head, all(), tail, TARGET_BYTES);
}

/** Broken and unusual variants of the big files (issue 7: a broken big file must not
 * freeze the page either), each made from one of the three (`made`: their paths):
 * - geojson-broken: a colon missing in the feature in the middle of the file;
 * - gpx-doctype: a DOCTYPE with an internal entity, used in the first waypoint's name;
 * - gpx-broken: a `<trkpt` tag not closed, in the middle of the tracks;
 * - kml-truncated: the file cut off at 60%, in the middle of a placemark;
 * - gpx-onetrack / kml-oneline: one track (one LineString) of ~18 MB;
 * - kml-nested: a placemark inside the first placemark (Google Earth writes none, but
 *   hand-made files do; the whole file was then read as one tree).
 * Returns { name: path } for the names asked for. */
export function writeVariants(dir, names, made, features = null) {
  const out = {};
  const read = (f) => fs.readFileSync(made[f], 'utf8');
  const write = (name, ext, text) => {
    const file = path.join(dir, `import-${name}.${ext}`);
    fs.writeFileSync(file, text);
    out[name] = file;
  };
  for (const name of names) {
    if (name === 'geojson-broken') {
      const text = read('geojson');
      const at = text.indexOf('"name":', text.length >> 1);
      write(name, 'geojson', `${text.slice(0, at)}"name" ${text.slice(at + 7)}`);
    } else if (name === 'gpx-doctype') {
      const text = read('gpx').replace('<gpx ', '<!DOCTYPE gpx [<!ENTITY src "SYNTHETIC">]>\n<gpx ');
      const at = text.indexOf('<name>') + 6;
      write(name, 'gpx', `${text.slice(0, at)}&src; ${text.slice(at)}`);
    } else if (name === 'gpx-broken') {
      const text = read('gpx');
      const at = text.indexOf('<trkpt ', text.indexOf('<trk>') + ((text.length - text.indexOf('<trk>')) >> 1));
      const close = text.indexOf('>', at);
      write(name, 'gpx', `${text.slice(0, close)}${text.slice(close + 1)}`);
    } else if (name === 'kml-truncated') {
      const text = read('kml');
      const at = text.indexOf('<coordinates>', Math.floor(text.length * 0.6));
      write(name, 'kml', text.slice(0, at + 20));
    } else if (name === 'kml-nested') {
      const text = read('kml');
      const at = text.indexOf('</Placemark>');
      const inner = '<Placemark><name>嵌套地点 SYNTHETIC</name><Point><coordinates>113.3,23.1,0</coordinates></Point></Placemark>';
      write(name, 'kml', `${text.slice(0, at)}${inner}${text.slice(at)}`);
    } else if (name === 'gpx-onetrack' || name === 'kml-oneline') {
      features ??= sourceFeatures();
      const [lon0, lat0] = features[0].geometry.coordinates;
      const pts = [];
      const gpx = name === 'gpx-onetrack';
      for (let k = 0; k < (gpx ? 300000 : 600000); k++) {
        const a = k / 40;
        pts.push([+(lon0 + (k % 20000) * 0.00004 + 0.0003 * Math.sin(a)).toFixed(6), +(lat0 + Math.floor(k / 20000) * 0.001 + 0.0003 * Math.cos(a)).toFixed(6)]);
      }
      if (gpx) {
        write(name, 'gpx', '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="redmap SYNTHETIC bench" xmlns="http://www.topografix.com/GPX/1/1">\n'
          + '<trk><name>合成长轨迹 SYNTHETIC</name><trkseg>\n'
          + pts.map(([lon, lat], k) => `<trkpt lat="${lat}" lon="${lon}"><ele>${k % 300}</ele></trkpt>\n`).join('')
          + '</trkseg></trk>\n</gpx>\n');
      } else {
        write(name, 'kml', '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n'
          + '<Placemark><name>合成长路线 SYNTHETIC</name><LineString><coordinates>\n'
          + pts.map(([lon, lat]) => `${lon},${lat},0`).join(' ')
          + '\n</coordinates></LineString></Placemark>\n</Document></kml>\n');
      }
    }
  }
  return out;
}

/** Writes the three files into `dir`; returns { geojson, gpx, kml } paths. */
export function writeBigFiles(dir) {
  const features = sourceFeatures();
  const files = {
    geojson: path.join(dir, 'import-48mb.geojson'),
    gpx: path.join(dir, 'import-48mb.gpx'),
    kml: path.join(dir, 'import-48mb.kml'),
  };
  writeBigGeojson(files.geojson, features);
  writeBigGpx(files.gpx, features);
  writeBigKml(files.kml, features);
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? path.join(root, 'target', 'bench');
  const files = writeBigFiles(dir);
  for (const f of Object.values(files)) {
    console.log(`${f}: ${(fs.statSync(f).size / 2 ** 20).toFixed(1)} MB`);
  }
}
