//! The user's imported layers, apart from the published data. Imported records are merged
//! into the dataset like the rest (`domain::import::merge`), so every coverage figure would
//! count them; but a reported total is about the published data, and an organiser must see
//! what is theirs. Every imported record cites its file with [`IMPORTED_SAYS`]: that is how
//! a record is told apart, whatever its place in the merged lists.
//!
//! [`Published`] is the scope of the published data under the current filters (the
//! dashboard's figures); [`imported_layers`] counts each imported file on its own.

use super::index::{CoverageIndex, Scope};
use crate::domain::import::IMPORTED_SAYS;
use crate::domain::model::{Dataset, SiteKind, Sources};
use std::borrow::Cow;

/// Which records come from which imported file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedIndex {
    /// The imported files (as the user picked them), in the order first met.
    pub files: Vec<String>,
    /// Per site, route and activity: its file (index into `files`), `None` for the
    /// published data. All empty when nothing is imported.
    pub sites: Vec<Option<u32>>,
    pub routes: Vec<Option<u32>>,
    pub activities: Vec<Option<u32>>,
}

impl ImportedIndex {
    pub fn new(data: &Dataset) -> Self {
        let mut files: Vec<String> = Vec::new();
        let mut file_of = |sources: &Sources| -> Option<u32> {
            let s = sources.first().filter(|s| s.says == IMPORTED_SAYS)?;
            let at = match files.iter().position(|f| *f == s.doc) {
                Some(at) => at,
                None => {
                    files.push(s.doc.clone());
                    files.len() - 1
                }
            };
            u32::try_from(at).ok()
        };
        let sites: Vec<Option<u32>> = data.sites.iter().map(|s| file_of(&s.sources)).collect();
        let routes: Vec<Option<u32>> = data.routes.iter().map(|r| file_of(&r.sources)).collect();
        let activities: Vec<Option<u32>> = data
            .activities
            .iter()
            .map(|a| file_of(&a.sources))
            .collect();
        if files.is_empty() {
            return ImportedIndex::default();
        }
        ImportedIndex {
            files,
            sites,
            routes,
            activities,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The masks of the published data in scope: the filters' site mask without the imported
/// sites, and the imported routes and activities left out.
#[derive(Debug, Clone, Default)]
pub struct Published<'a> {
    sites: Option<Cow<'a, [bool]>>,
    routes: Option<Vec<bool>>,
    activities: Option<Vec<bool>>,
}

impl<'a> Published<'a> {
    /// The published records among those `site_mask` (the filters) lets through.
    pub fn new(index: &CoverageIndex, site_mask: Option<&'a [bool]>) -> Self {
        let imp = &index.imported;
        if imp.is_empty() {
            return Published {
                sites: site_mask.map(Cow::Borrowed),
                ..Published::default()
            };
        }
        let published = |v: &[Option<u32>]| v.iter().map(Option::is_none).collect::<Vec<bool>>();
        let sites: Vec<bool> = imp
            .sites
            .iter()
            .enumerate()
            .map(|(i, f)| {
                f.is_none() && site_mask.is_none_or(|m| m.get(i).copied().unwrap_or(true))
            })
            .collect();
        Published {
            sites: Some(Cow::Owned(sites)),
            routes: Some(published(&imp.routes)),
            activities: Some(published(&imp.activities)),
        }
    }

    pub fn scope(&self) -> Scope<'_> {
        Scope {
            sites: self.sites.as_deref(),
            routes: self.routes.as_deref(),
            activities: self.activities.as_deref(),
        }
    }
}

/// One imported file's records in scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedLayer {
    pub file: String,
    pub sites: usize,
    /// Sites by main kind, most first (kinds with none left out).
    pub kinds: Vec<(SiteKind, usize)>,
    pub routes: usize,
    pub activities: usize,
}

/// Each imported file's sites (by kind), routes and activities in `scope` (the filters);
/// empty when nothing is imported.
pub fn imported_layers(data: &Dataset, index: &CoverageIndex, scope: Scope) -> Vec<ImportedLayer> {
    let imp = &index.imported;
    let mut layers: Vec<ImportedLayer> = imp
        .files
        .iter()
        .map(|f| ImportedLayer {
            file: f.clone(),
            sites: 0,
            kinds: Vec::new(),
            routes: 0,
            activities: 0,
        })
        .collect();
    let mut kinds = vec![[0usize; SiteKind::ALL.len()]; layers.len()];
    for (i, f) in imp.sites.iter().enumerate() {
        let Some(f) = f.map(|f| f as usize) else {
            continue;
        };
        if scope.has_site(i) {
            layers[f].sites += 1;
            if let Some(k) = SiteKind::ALL.iter().position(|&k| k == data.sites[i].kind) {
                kinds[f][k] += 1;
            }
        }
    }
    for (i, f) in imp.routes.iter().enumerate() {
        if let Some(f) = f.filter(|_| scope.has_route(index, i)) {
            layers[f as usize].routes += 1;
        }
    }
    for (i, f) in imp.activities.iter().enumerate() {
        if let Some(f) = f.filter(|_| scope.has_activity(index, i)) {
            layers[f as usize].activities += 1;
        }
    }
    for (layer, counts) in layers.iter_mut().zip(kinds) {
        let mut k: Vec<(SiteKind, usize)> = SiteKind::ALL
            .iter()
            .zip(counts)
            .filter(|&(_, n)| n > 0)
            .map(|(&kind, n)| (kind, n))
            .collect();
        k.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        layer.kinds = k;
    }
    layers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::reported::reported_vs_mapped;
    use crate::domain::coverage::test_data::{activity, at_site, city, route, site};
    use crate::domain::coverage::totals::totals;
    use crate::domain::model::{SiteKind, Source};

    fn imported_sources(file: &str) -> Sources {
        vec![Source {
            doc: file.into(),
            says: IMPORTED_SAYS.into(),
        }]
        .into()
    }

    /// The city with a layer "mine.csv" merged after it: two sites (one a revolutionary
    /// site in 端州 by admin names), a route between them, an activity at one.
    fn with_import() -> Dataset {
        let mut data = city();
        let src = imported_sources("mine.csv");
        let mut a = site("m1", SiteKind::RevolutionarySite, 112.46, 23.05);
        a.admin.city = Some("肇庆市".into());
        a.admin.county = Some("端州区".into());
        let b = site("m2", SiteKind::Museum, 112.47, 23.06);
        for mut s in [a, b] {
            s.sources = src.clone();
            data.sites.push(s);
        }
        let mut r = route("mr", &["m1", "hq"]);
        r.sources = src.clone();
        data.routes.push(r);
        let mut act = at_site(activity("ma", "2021-06-01", None, None), "hq");
        act.sources = src;
        data.activities.push(act);
        data
    }

    #[test]
    fn imported_records_are_told_apart_by_their_file() {
        let data = with_import();
        let index = CoverageIndex::new(&data);
        assert_eq!(index.imported.files, ["mine.csv"]);
        assert_eq!(
            index.imported.sites,
            [None, None, None, None, Some(0), Some(0)]
        );
        let layers = imported_layers(&data, &index, Scope::all());
        assert_eq!(
            layers,
            [ImportedLayer {
                file: "mine.csv".into(),
                sites: 2,
                kinds: vec![(SiteKind::RevolutionarySite, 1), (SiteKind::Museum, 1)],
                routes: 1,
                activities: 1,
            }]
        );
        let plain = city();
        assert!(CoverageIndex::new(&plain).imported.is_empty());
    }

    #[test]
    fn the_published_scope_leaves_imports_out_of_totals_and_reported_rows() {
        let base = city();
        let base_index = CoverageIndex::new(&base);
        let data = with_import();
        let index = CoverageIndex::new(&data);
        let published = Published::new(&index, None);
        let t = totals(&data, &index, published.scope());
        let b = totals(&base, &base_index, Scope::all());
        assert_eq!(
            (t.sites, t.routes, t.activities.records),
            (b.sites, b.routes, b.activities.records)
        );
        // With everything: the imported revolutionary site would be a candidate.
        let all = reported_vs_mapped(&data, &index, Scope::all());
        let only = reported_vs_mapped(&data, &index, published.scope());
        assert_ne!(all[0].mapped, only[0].mapped);
        assert_eq!(
            only,
            reported_vs_mapped(&base, &base_index, Scope::all()),
            "the imported layer changes no reported row"
        );
        // The filters still apply on top.
        let mask = [false, true, true, true, true, true];
        let filtered = Published::new(&index, Some(&mask));
        assert_eq!(totals(&data, &index, filtered.scope()).sites, 3);
    }
}

#[cfg(test)]
mod geojson_layer {
    use super::*;
    use crate::domain::coverage::test_data::city;
    use crate::domain::import::{import_geojson_whole, ImportOptions};

    /// A GeoJSON of another schema (no sources of its own) is a layer apart, as a CSV is:
    /// the reviewer saw its 3 points and a line counted in the published totals.
    #[test]
    fn an_imported_geojson_is_told_apart_from_the_published_data() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"名称":"甲"},"geometry":{"type":"Point","coordinates":[112.46,23.05]}},
            {"type":"Feature","properties":{"title":"乙"},"geometry":{"type":"Point","coordinates":[112.47,23.06]}},
            {"type":"Feature","properties":{"name":"线"},"geometry":{"type":"LineString","coordinates":[[112.46,23.05],[112.47,23.06]]}}]}"#;
        let imported = import_geojson_whole("other.geojson", text, &ImportOptions::default());
        assert!(imported.issues.is_empty(), "{:?}", imported.issues);
        let base = city();
        let mut data = base.clone();
        data.sites.extend(imported.dataset.sites);
        data.routes.extend(imported.dataset.routes);
        let index = CoverageIndex::new(&data);
        assert_eq!(index.imported.files, ["other.geojson"]);
        let imported_sites = index.imported.sites.iter().filter(|f| f.is_some()).count();
        let imported_routes = index.imported.routes.iter().filter(|f| f.is_some()).count();
        assert_eq!((imported_sites, imported_routes), (2, 1));
        assert_eq!(
            index.imported.sites.iter().filter(|f| f.is_none()).count(),
            base.sites.len()
        );
    }
}
