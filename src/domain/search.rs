//! Search over the loaded data: one index built per data load over sites (name, name_en,
//! address, town, county, themes), routes (name, name_en, theme) and regions (name,
//! name_en), answering "as you type" queries in Chinese characters, English, full pinyin
//! or pinyin initials ("yuejiang", "yjl" → 阅江楼), tolerant of tone marks and spaces.
//!
//! | rank        | matched against                          | example for 阅江楼 |
//! |-------------|------------------------------------------|--------------------|
//! | `Exact`     | the whole name (zh or en, normal form)   | "阅江楼"           |
//! | `Prefix`    | the start of a name                      | "阅江"             |
//! | `Substring` | inside a name                            | "江楼"             |
//! | `Initials`  | pinyin initials of the Chinese name      | "yjl"              |
//! | `Pinyin`    | full pinyin, from a syllable start       | "jianglou"         |
//! | `Other`     | address, town, county, themes (+ pinyin) | "duanzhou"         |
//!
//! Within a rank, hits at the start of the field come first, then data order (stable).
//! Each group (sites, routes, regions) is searched separately and stops scanning once its
//! `limit` is met by better tiers. Pure: no browser crates.
//!
//! The pinyin tiers need a [`PinyinTable`] (fetched at run time, see `pinyin_table`): an
//! index built without one matches Chinese and English text only, and is rebuilt once the
//! table is in.

mod haystack;
pub mod pinyin_table;
pub mod text;

use super::model::Dataset;
use haystack::{Found, Haystack};
pub use pinyin_table::{PinyinTable, TableError};

/// How a record matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    Exact,
    Prefix,
    Substring,
    Initials,
    Pinyin,
    Other,
}

/// One result: an index into `dataset.sites`, `routes` or `regions` (by group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub index: usize,
    pub rank: Rank,
}

/// Results grouped as the UI lists them, each group best first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    pub sites: Vec<SearchHit>,
    pub routes: Vec<SearchHit>,
    pub regions: Vec<SearchHit>,
}

impl SearchResults {
    pub fn len(&self) -> usize {
        self.sites.len() + self.routes.len() + self.regions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The hits worth keeping: at most `limit` per (rank, at start) category, since a record
/// beyond that in its category can never reach the top `limit` (the records before it in
/// the category are at least as good). Bounded memory however common the query.
struct Collector {
    limit: usize,
    kept: Vec<Key>,
    per_category: [usize; 12],
}

/// (rank, not at the field start, record): sorts best first, then data order.
type Key = (Rank, bool, u32);

impl Collector {
    fn new(limit: usize) -> Self {
        Collector {
            limit,
            kept: Vec::new(),
            per_category: [0; 12],
        }
    }

    /// Keeps the hit if its category has room; returns false (stop this tier's scan) once
    /// the tier's best category, `top`, is full.
    fn add(&mut self, rank: Rank, f: Found, top: (Rank, bool)) -> bool {
        let category = |r: Rank, mid: bool| 2 * r as usize + usize::from(mid);
        let c = category(rank, !f.at_start);
        if self.per_category[c] < self.limit {
            self.per_category[c] += 1;
            self.kept.push((rank, !f.at_start, f.owner));
        }
        self.per_category[category(top.0, top.1)] < self.limit
    }

    /// Each record once (its best hit), best first, at most `limit`.
    fn best(&self) -> Vec<Key> {
        let mut keys = self.kept.clone();
        keys.sort_unstable();
        let mut seen = std::collections::HashSet::new();
        keys.retain(|k| seen.insert(k.2));
        keys.truncate(self.limit);
        keys
    }
}

/// The searchable fields of one group (sites, routes or regions).
struct GroupIndex {
    names: Haystack,
    initials: Haystack,
    pinyin: Haystack,
    other: Haystack,
    other_pinyin: Haystack,
}

/// A field in normal form, its pinyin with syllable starts, and its initials.
struct Keys {
    normal: String,
    pinyin: String,
    starts: Vec<u32>,
    initials: String,
}

fn keys(field: &str, table: Option<&PinyinTable>) -> Keys {
    let (mut pinyin, mut initials) = (String::new(), String::new());
    let starts = match table {
        Some(t) if text::has_han(field, t) => {
            text::push_pinyin(field, t, &mut pinyin, &mut initials)
        }
        // No pinyin keys: an English field (or any, without the table) is matched in
        // normal form only.
        _ => Vec::new(),
    };
    Keys {
        normal: text::normalize(field),
        pinyin,
        starts,
        initials,
    }
}

impl GroupIndex {
    /// `records` gives, per record, its names and its other fields.
    fn new<'a>(
        records: impl Iterator<Item = (Vec<&'a str>, Vec<&'a str>)>,
        table: Option<&PinyinTable>,
    ) -> Self {
        let mut g = GroupIndex {
            names: Haystack::default(),
            initials: Haystack::default(),
            pinyin: Haystack::with_word_starts(),
            other: Haystack::default(),
            other_pinyin: Haystack::with_word_starts(),
        };
        for (names, others) in records {
            let names: Vec<Keys> = names.into_iter().map(|f| keys(f, table)).collect();
            let others: Vec<Keys> = others.into_iter().map(|f| keys(f, table)).collect();
            g.names
                .push_record(names.iter().map(|k| (k.normal.as_str(), &[][..])));
            g.initials
                .push_record(names.iter().map(|k| (k.initials.as_str(), &[][..])));
            g.pinyin
                .push_record(names.iter().map(|k| (k.pinyin.as_str(), &k.starts[..])));
            g.other
                .push_record(others.iter().map(|k| (k.normal.as_str(), &[][..])));
            g.other_pinyin
                .push_record(others.iter().map(|k| (k.pinyin.as_str(), &k.starts[..])));
        }
        g
    }

    /// The best `limit` records for a query in normal form (`py`: its pinyin form, if the
    /// query could be pinyin).
    fn search(&self, query: &str, py: Option<&str>, limit: usize) -> Vec<SearchHit> {
        let mut hits = Collector::new(limit);
        let name_rank = |f: &Found| match (f.whole, f.at_start) {
            (true, _) => Rank::Exact,
            (false, true) => Rank::Prefix,
            (false, false) => Rank::Substring,
        };
        self.names
            .find(query, |f| hits.add(name_rank(&f), f, (Rank::Exact, false)));
        let tiers: [(&Haystack, Rank, Option<&str>); 4] = [
            (&self.initials, Rank::Initials, py),
            (&self.pinyin, Rank::Pinyin, py),
            (&self.other, Rank::Other, Some(query)),
            (&self.other_pinyin, Rank::Other, py),
        ];
        for (haystack, rank, q) in tiers {
            if hits.best().len() >= limit {
                break; // every later tier ranks below what is already enough
            }
            if let Some(q) = q {
                haystack.find(q, |f| hits.add(rank, f, (rank, false)));
            }
        }
        hits.best()
            .into_iter()
            .map(|(rank, _, owner)| SearchHit {
                index: owner as usize,
                rank,
            })
            .collect()
    }

    fn len_bytes(&self) -> usize {
        [
            &self.names,
            &self.initials,
            &self.pinyin,
            &self.other,
            &self.other_pinyin,
        ]
        .iter()
        .map(|h| h.len_bytes())
        .sum()
    }
}

/// The search index of one dataset; build once per data load.
pub struct SearchIndex {
    sites: GroupIndex,
    routes: GroupIndex,
    regions: GroupIndex,
    has_pinyin: bool,
}

impl SearchIndex {
    /// The index of `dataset`; without `pinyin`, pinyin and initials queries find nothing
    /// (build again once the table is there).
    pub fn new(dataset: &Dataset, pinyin: Option<&PinyinTable>) -> Self {
        let sites = dataset.sites.iter().map(|s| {
            let mut others: Vec<&str> = [&s.address, &s.admin.town, &s.admin.county]
                .into_iter()
                .filter_map(|f| f.as_deref())
                .collect();
            others.extend(s.themes.iter().map(String::as_str));
            (vec![s.name.as_str(), s.name_en.as_str()], others)
        });
        let routes = dataset.routes.iter().map(|r| {
            (
                vec![r.name.as_str(), r.name_en.as_str()],
                vec![r.theme.as_str()],
            )
        });
        let regions = dataset
            .regions
            .iter()
            .map(|r| (vec![r.name.as_str(), r.name_en.as_str()], Vec::new()));
        SearchIndex {
            sites: GroupIndex::new(sites, pinyin),
            routes: GroupIndex::new(routes, pinyin),
            regions: GroupIndex::new(regions, pinyin),
            has_pinyin: pinyin.is_some(),
        }
    }

    /// Whether the index was built with the pinyin table (pinyin queries can match).
    pub fn has_pinyin(&self) -> bool {
        self.has_pinyin
    }

    /// Up to `limit` results per group for what the user typed; none for a blank query.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        let q = text::normalize(query);
        if q.is_empty() || limit == 0 {
            return SearchResults::default();
        }
        // Pinyin keys are ASCII: only an ASCII query can be pinyin.
        let py = q.is_ascii().then(|| text::pinyin_query(&q));
        SearchResults {
            sites: self.sites.search(&q, py.as_deref(), limit),
            routes: self.routes.search(&q, py.as_deref(), limit),
            regions: self.regions.search(&q, py.as_deref(), limit),
        }
    }

    /// Approximate memory held by the index, bytes.
    pub fn len_bytes(&self) -> usize {
        self.sites.len_bytes() + self.routes.len_bytes() + self.regions.len_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_data::bundled;

    fn index_of(ds: &Dataset) -> SearchIndex {
        SearchIndex::new(ds, Some(pinyin_table::bundled()))
    }

    fn site_names(index: &SearchIndex, ds: &Dataset, q: &str) -> Vec<String> {
        index
            .search(q, 8)
            .sites
            .iter()
            .map(|h| ds.sites[h.index].name.clone())
            .collect()
    }

    #[test]
    fn pinyin_and_initials_find_yuejiang_tower() {
        let ds = bundled();
        let index = index_of(&ds);
        for q in [
            "yuejiang",
            "yjl",
            "YueJiang Lou",
            "Yuèjiāng",
            "阅江楼",
            "yue jiang",
        ] {
            let names = site_names(&index, &ds, q);
            assert_eq!(
                names.first().map(String::as_str),
                Some("叶挺独立团团部旧址(阅江楼)"),
                "{q}"
            );
        }
        let hit = index.search("yjl", 8).sites[0];
        assert_eq!(hit.rank, Rank::Initials);
    }

    #[test]
    fn nanhai_with_or_without_tones_finds_region_and_sites() {
        let ds = bundled();
        let index = index_of(&ds);
        for q in ["nanhai", "Nánhǎi", "南海"] {
            let r = index.search(q, 8);
            let regions: Vec<&str> = r
                .regions
                .iter()
                .map(|h| ds.regions[h.index].name.as_str())
                .collect();
            assert_eq!(regions.first(), Some(&"南海区"), "{q}");
            assert!(!r.sites.is_empty() && !r.routes.is_empty(), "{q}");
        }
        // A site named for Nanhai outranks sites that are merely in the district.
        let names = site_names(&index, &ds, "nanhai");
        assert!(
            names[..2].contains(&"中共南海县委旧址".to_string()),
            "{names:?}"
        );
    }

    #[test]
    fn spaced_pinyin_and_english_names() {
        let ds = bundled();
        let index = index_of(&ds);
        let names = site_names(&index, &ds, "xi qiao");
        assert!(
            names.contains(&"西樵山抗日阵亡将士暨死难同胞纪念碑".to_string()),
            "{names:?}"
        );
        let names = site_names(&index, &ds, "peasant movement");
        assert_eq!(names, vec!["广州农民运动讲习所旧址".to_string()]);
        let r = index.search("Xiqiao Town", 8);
        assert_eq!(r.regions.first().map(|h| h.rank), Some(Rank::Exact));
    }

    #[test]
    fn ranks_exact_before_prefix_before_substring() {
        let ds = bundled();
        let index = index_of(&ds);
        let r = index.search("西樵镇", 8);
        assert_eq!(r.regions[0].rank, Rank::Exact);
        assert!(
            r.sites.iter().all(|h| h.rank == Rank::Other),
            "town field only"
        );
        let ranks: Vec<Rank> = index
            .search("xiqiao", 20)
            .sites
            .iter()
            .map(|h| h.rank)
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    }

    #[test]
    fn no_match_and_blank_queries_give_nothing() {
        let ds = bundled();
        let index = index_of(&ds);
        assert!(index.search("zzqqxx", 8).is_empty());
        assert!(index.search("   ", 8).is_empty());
        // Pinyin matches start at a syllable: "ang" is not found inside "jiang".
        assert!(index
            .search("ang", 50)
            .sites
            .iter()
            .all(|h| h.rank != Rank::Pinyin));
    }

    #[test]
    fn limit_caps_each_group() {
        let ds = bundled();
        let index = index_of(&ds);
        let r = index.search("nanhai", 2);
        assert!(r.sites.len() <= 2 && r.regions.len() <= 2);
    }

    #[test]
    fn without_the_table_hanzi_and_english_still_match() {
        let ds = bundled();
        let index = SearchIndex::new(&ds, None);
        assert!(!index.has_pinyin());
        let names = site_names(&index, &ds, "阅江楼");
        assert_eq!(
            names.first().map(String::as_str),
            Some("叶挺独立团团部旧址(阅江楼)")
        );
        assert!(!site_names(&index, &ds, "peasant movement").is_empty());
        assert!(index.search("yjl", 8).is_empty());
        assert!(index_of(&ds).has_pinyin());
    }
}
