"""Renders the base map to PNGs for a visual check (needs matplotlib; not part of the build).

    python3 geodata/basemap/preview.py [OUT_DIR]     # default: target/basemap-preview/

Writes overview.png (whole region) and one close-up per study area, with the reference points
from shared/docs/source-facts.md marked, so one can check that the Xi River passes Zhaoqing and
that the coast sits south of Guangzhou/Foshan.
"""

import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "basemap-preview")

for name in ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei"):
    if any(f.name == name for f in font_manager.fontManager.ttflist):
        plt.rcParams["font.family"] = name
        break

POINTS = [
    ("南海 桂城", 113.1856, 23.03625),
    ("西樵", 112.96738, 22.94614),
    ("肇庆 端州", 112.46091, 23.04893),
    ("广州 农讲所", 113.271333, 23.1303389),
    ("黔西", 106.0189, 27.0407),
    ("鸭池河", 106.297, 26.885),
    ("德庆", 111.77995, 23.14315),
]

VIEWS = {
    "overview": (97, 123, 18, 34.5),
    "pearl-delta": (111.3, 114.6, 21.8, 24.0),
    "qianxi": (104.8, 107.6, 26.0, 27.8),
}


def load(name):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f)["features"]


def polygons(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    return []


def lines(geom):
    if geom["type"] == "LineString":
        return [geom["coordinates"]]
    if geom["type"] == "MultiLineString":
        return geom["coordinates"]
    return []


def fill(ax, features, **kw):
    for f in features:
        for poly in polygons(f["geometry"]):
            for i, ring in enumerate(poly):
                xs, ys = zip(*ring)
                ax.fill(xs, ys, **(kw if i == 0 else {**kw, "color": "#cfe3f3"}))


def stroke(ax, features, **kw):
    for f in features:
        for line in lines(f["geometry"]):
            xs, ys = zip(*line)
            ax.plot(xs, ys, **kw)


def main():
    os.makedirs(OUT, exist_ok=True)
    land = load("land.geojson")
    provinces = load("provinces.geojson")
    borders = load("province-lines.geojson")
    coast = load("coast.geojson")
    rivers = load("rivers.geojson")
    lakes = load("lakes.geojson")
    places = load("places.geojson")
    for view, (x0, x1, y0, y1) in VIEWS.items():
        fig, ax = plt.subplots(figsize=(12, 12 * (y1 - y0) / (x1 - x0) * 1.08), dpi=100)
        ax.set_facecolor("#cfe3f3")
        fill(ax, land, color="#f2efe6", linewidth=0)
        fill(ax, provinces, color="#fbf4e2", linewidth=0)
        stroke(ax, coast, color="#6d8fb0", linewidth=0.8)
        stroke(ax, [b for b in borders if b["properties"]["kind"] == "outer"], color="#9a7f6a", linewidth=0.7)
        stroke(ax, [b for b in borders if b["properties"]["kind"] == "shared"], color="#b4534a", linewidth=0.9, linestyle="--")
        stroke(ax, rivers, color="#3b82c4", linewidth=1.2)
        fill(ax, lakes, color="#9cc3e6", linewidth=0)
        for p in provinces:
            lon, lat = p["properties"]["label"]
            if x0 < lon < x1 and y0 < lat < y1:
                ax.text(lon, lat, p["properties"]["name"], ha="center", fontsize=11, color="#7a4a3a")
        for p in places:
            lon, lat = p["geometry"]["coordinates"]
            if x0 < lon < x1 and y0 < lat < y1:
                ax.plot(lon, lat, "o", color="#333", markersize=3)
                ax.text(lon + 0.03, lat + 0.03, p["properties"]["name"], fontsize=8, color="#333")
        for name, lon, lat in POINTS:
            if x0 < lon < x1 and y0 < lat < y1:
                ax.plot(lon, lat, "*", color="#d00", markersize=9)
                ax.text(lon + 0.02, lat - 0.06, name, fontsize=9, color="#d00")
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect(1 / 0.92)  # ~cos(23 deg): roughly equal-area look at these latitudes
        ax.set_title(f"redmap base map — {view}")
        path = os.path.join(OUT, f"{view}.png")
        fig.savefig(path, bbox_inches="tight")
        plt.close(fig)
        print(path)


if __name__ == "__main__":
    main()
